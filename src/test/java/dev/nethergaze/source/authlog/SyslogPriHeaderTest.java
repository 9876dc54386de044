package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Syslog lines as a relay forwards them and a plain receiver stores them: rsyslog's
 * RSYSLOG_TraditionalForwardFormat ({@code <PRI>} then the BSD header) and RSYSLOG_ForwardFormat
 * ({@code <PRI>} then an RFC 3339 stamp), and an RFC 5424 line whose MSG starts with the BOM the RFC
 * allows (MSG-UTF8). Each is sshd's attempt, at its own time.
 */
class SyslogPriHeaderTest {

    private final AuthLineParser parser =
            new AuthLineParser("t", Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
    private final List<AuthAttempt> out = new ArrayList<>();

    private List<String> read(byte[]... lines) throws InterruptedException {
        for (byte[] b : lines) {
            parser.parse(b, 0, b.length, out::add);
        }
        parser.endOfInput(out::add);
        return out.stream().map(a -> a.kind() + " " + a.ip() + " " + a.time()).toList();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPriBeforeABsdOrIsoHeaderIsSkipped() throws InterruptedException {
        assertThat(
                        read(
                                utf8(
                                        "<38>Dec  6 10:00:04 web sshd[2005]: Failed password for root from 203.0.113.223 port 5 ssh2"),
                                utf8(
                                        "<86>2026-12-06T10:00:05+00:00 web sshd-session[2006]: Invalid user x from 203.0.113.224 port 6")))
                .containsExactly(
                        "FAILED_PASSWORD 203.0.113.223 2026-12-06T10:00:04Z",
                        "INVALID_USER 203.0.113.224 2026-12-06T10:00:05Z");
    }

    @Test
    void anRfc5424MessageStartingWithItsBomIsRead() throws InterruptedException {
        byte[] head = utf8("<38>1 2026-12-06T10:00:01.000Z web sshd 2002 - - ");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] msg = utf8("Failed password for root from 203.0.113.220 port 2 ssh2");
        byte[] line = new byte[head.length + bom.length + msg.length];
        System.arraycopy(head, 0, line, 0, head.length);
        System.arraycopy(bom, 0, line, head.length, bom.length);
        System.arraycopy(msg, 0, line, head.length + bom.length, msg.length);
        assertThat(read(line)).containsExactly("FAILED_PASSWORD 203.0.113.220 2026-12-06T10:00:01Z");
    }

    /** BusyBox syslogd (Alpine, OpenWrt) writes the facility and level between the host and the tag. */
    @Test
    void busyBoxFacilityAndLevelAfterTheHostAreSkipped() throws InterruptedException {
        assertThat(
                        read(
                                utf8(
                                        "Dec  6 10:00:00 web authpriv.info sshd[8001]: Failed password for root from 203.0.113.240 port 1 ssh2"),
                                utf8(
                                        "Dec  6 10:00:01 web auth.info sshd[8002]: Invalid user x from 203.0.113.241 port 2"),
                                utf8(
                                        "Dec  6 10:00:02 web Some Thing sshd[8003]: Failed password for root from 203.0.113.242 port 3 ssh2")))
                .containsExactly(
                        "FAILED_PASSWORD 203.0.113.240 2026-12-06T10:00:00Z",
                        "INVALID_USER 203.0.113.241 2026-12-06T10:00:01Z");
    }

    /**
     * After a crash, auth.log ends in NULs (blocks allocated, never written) and rsyslog's next line
     * follows them on the same line: that line is read; NULs alone are still not an attempt.
     */
    @Test
    void aLineAfterACrashsNulsIsRead() throws InterruptedException {
        byte[] nuls = new byte[40];
        byte[] line = utf8("Dec  6 10:00:04 web sshd[5]: Failed password for root from 203.0.113.164 port 1 ssh2");
        byte[] both = new byte[nuls.length + line.length];
        System.arraycopy(line, 0, both, nuls.length, line.length);
        assertThat(parser.parse(nuls, 0, nuls.length, out::add)).isEqualTo(AuthLineParser.Outcome.MALFORMED);
        assertThat(read(both)).containsExactly("FAILED_PASSWORD 203.0.113.164 2026-12-06T10:00:04Z");
    }
}
