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
 * sysklogd's and BSD syslogd's "last message repeated N times" names no message: it is the line before
 * (of the same host, and pid when it names one) N more times, counted as rsyslog's "message repeated
 * N times: [ … ]" is; only when that line was an sshd event.
 */
class LastMessageRepeatedTest {

    private final AuthLineParser parser =
            new AuthLineParser("t", Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    private final List<AuthAttempt> out = new ArrayList<>();
    private final List<AuthLineParser.Outcome> outcomes = new ArrayList<>();

    private List<String> read(String... lines) throws InterruptedException {
        for (String l : lines) {
            byte[] b = l.getBytes(StandardCharsets.UTF_8);
            outcomes.add(parser.parse(b, 0, b.length, out::add));
        }
        parser.endOfInput(out::add);
        return out.stream().map(a -> a.kind() + " " + a.ip() + " " + a.time()).toList();
    }

    private static final String FAILED =
            "Nov 30 10:00:01 web sshd[4000]: Failed password for root from 203.0.113.5 port 40000 ssh2";

    /** sysklogd 1.x: "HOST last message repeated N times", no tag; then once more after its flush. */
    @Test
    void theUntaggedNoteRepeatsThePreviousSshdLine() throws InterruptedException {
        assertThat(read(
                        FAILED,
                        "Nov 30 10:00:09 web last message repeated 3 times",
                        "Nov 30 10:00:40 web last message repeated 1 time"))
                .containsExactly(
                        "FAILED_PASSWORD 203.0.113.5 2026-11-30T10:00:01Z",
                        "FAILED_PASSWORD 203.0.113.5 2026-11-30T10:00:09Z",
                        "FAILED_PASSWORD 203.0.113.5 2026-11-30T10:00:09Z",
                        "FAILED_PASSWORD 203.0.113.5 2026-11-30T10:00:09Z",
                        "FAILED_PASSWORD 203.0.113.5 2026-11-30T10:00:40Z");
        assertThat(outcomes).doesNotContain(AuthLineParser.Outcome.MALFORMED); // it was unparsed before
        assertThat(out.getLast().line()).isEqualTo("Failed password for root from 203.0.113.5 port 40000 ssh2");
    }

    /** FreeBSD's syslogd: "HOST syslogd: last message repeated N times". */
    @Test
    void theSyslogdTaggedNoteRepeatsIt() throws InterruptedException {
        assertThat(read(FAILED, "Nov 30 10:00:09 web syslogd: last message repeated 2 times"))
                .hasSize(3);
    }

    /** A real Ubuntu auth.log (2014): the note carries the repeated line's tag and no host. */
    @Test
    void theNoteWithTheRepeatedLinesTagRepeatsIt() throws InterruptedException {
        List<String> got = read(
                "Apr 21 17:13:10 dennis sshd[3613]: Invalid user myusername from 192.168.12.34",
                "Apr 21 17:13:10 dennis sshd[3613]: input_userauth_request: invalid user myusername [preauth]",
                "Apr 21 17:13:23 dennis sshd[3613]: pam_unix(sshd:auth): check pass; user unknown",
                "Apr 21 17:13:23 dennis sshd[3613]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.168.12.34 ",
                "Apr 21 17:13:25 dennis sshd[3613]: Failed password for invalid user myusername from 192.168.12.34 port 60097 ssh2",
                "Apr 21 17:13:29  sshd[3613]: last message repeated 2 times",
                "Apr 21 17:13:29 dennis sshd[3613]: Connection closed by 192.168.12.34 [preauth]");
        // the "Invalid user" line is the first attempt, its "Failed" line adds none; the two repeats are two more
        assertThat(got)
                .containsExactly(
                        "INVALID_USER 192.168.12.34 2026-04-21T17:13:10Z",
                        "INVALID_USER 192.168.12.34 2026-04-21T17:13:29Z",
                        "INVALID_USER 192.168.12.34 2026-04-21T17:13:29Z",
                        "PREAUTH_DISCONNECT 192.168.12.34 2026-04-21T17:13:29Z");
    }

    /** Not after another program's line, an sshd line that said nothing, another host's or pid's line. */
    @Test
    void onlyAnSshdEventOfTheSameHostAndPidIsRepeated() throws InterruptedException {
        assertThat(read(
                        FAILED,
                        "Nov 30 10:00:02 web CRON[5]: pam_unix(cron:session): session opened for user root",
                        "Nov 30 10:00:09 web last message repeated 3 times",
                        "Nov 30 10:00:10 web sshd[4000]: pam_unix(sshd:auth): check pass; user unknown",
                        "Nov 30 10:00:11 web last message repeated 3 times",
                        "Nov 30 10:00:12 web sshd[4001]: Failed password for root from 203.0.113.6 port 40001 ssh2",
                        "Nov 30 10:00:13 db last message repeated 3 times",
                        "Nov 30 10:00:14  sshd[4002]: last message repeated 3 times",
                        "Nov 30 10:00:15 web last message repeated many times"))
                .containsExactly(
                        "FAILED_PASSWORD 203.0.113.5 2026-11-30T10:00:01Z",
                        "FAILED_PASSWORD 203.0.113.6 2026-11-30T10:00:12Z");
        assertThat(outcomes).doesNotContain(AuthLineParser.Outcome.MALFORMED);
    }
}
