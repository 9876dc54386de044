package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which journal entries are sshd's: the trusted process name, or root claiming the sshd identifier. */
class JournalLineParserTest {

    /**
     * A real entry from systemd-journald 252 (SshdNamespaceIT): sshd's child for a scanner's connection
     * had exited when journald read it, so it has no {@code _COMM}, only what the sender claimed
     * ({@code SYSLOG_IDENTIFIER}) and what the kernel told ({@code _UID}, {@code _PID}).
     */
    private static final String EXITED_CHILD =
            "{\"__REALTIME_TIMESTAMP\":\"1796411062393966\",\"_TRANSPORT\":\"syslog\","
                    + "\"SYSLOG_IDENTIFIER\":\"sshd\",\"SYSLOG_PID\":\"29311\",\"_PID\":\"29311\",%s"
                    + "\"MESSAGE\":\"banner exchange: Connection from 192.0.2.21 port 32902: invalid format\"}";

    private static List<AuthAttempt> parse(String line) throws InterruptedException {
        JournalLineParser parser =
                new JournalLineParser(new AuthLineParser("t", Instant.parse("2026-12-04T19:00:00Z"), ZoneOffset.UTC));
        List<AuthAttempt> out = new ArrayList<>();
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        parser.parse(b, 0, b.length, out::add);
        return out;
    }

    @Test
    void anExitedSshdChildSentAsRootCounts() throws InterruptedException {
        assertThat(parse(EXITED_CHILD.formatted("\"_UID\":\"0\",")))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.kind()).isEqualTo(AuthKind.NEGOTIATION_FAILURE);
                    assertThat(a.ip()).hasToString("192.0.2.21");
                });
        assertThat(parse(EXITED_CHILD.formatted("")))
                .as("an export without trusted fields")
                .hasSize(1);
        assertThat(parse(EXITED_CHILD.formatted("\"_UID\":\"0\",\"_COMM\":\"sshd-session\",")))
                .hasSize(1);
    }

    @Test
    void anotherUserCallingItselfSshdDoesNot() throws InterruptedException {
        assertThat(parse(EXITED_CHILD.formatted("\"_UID\":\"65534\","))).isEmpty();
        assertThat(parse(EXITED_CHILD.formatted("\"_UID\":\"1000\",\"_COMM\":\"logger\",")))
                .isEmpty();
        assertThat(parse(EXITED_CHILD.formatted("\"_COMM\":\"logger\",")))
                .as("a named process, not sshd")
                .isEmpty();
    }
}
