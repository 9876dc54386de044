package dev.nethergaze.source.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which kind of log a file is, from its first lines. */
class LogSnifferTest {

    private static LogKind of(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return LogSniffer.classify(b, b.length);
    }

    /**
     * fail2ban's annotated sshd log: more comment lines (with JSON that parses as an access line) than
     * sshd lines at the top. (Its sshd-journal.log has no time stamps at all: rightly not recognised.)
     */
    @Test
    void commentsDoNotVoteForAnAccessLog() throws Exception {
        assertThat(LogSniffer.sniff(TestData.path("authlog/fail2ban/sshd.log"))).isEqualTo(LogKind.AUTH);
        assertThat(of("""
                # a comment
                # another
                #1
                Mar 10 10:00:02 web1 sshd[42]: Failed password for root from 198.51.100.7 port 4242 ssh2
                """)).isEqualTo(LogKind.AUTH);
    }

    /** sshd lines whose host is an address that is none are unparsed, but they are an auth log's lines. */
    @Test
    void sshdLinesWithAHostThatIsNoAddressStillVoteForAnAuthLog() {
        assertThat(of("""
                Dec  6 10:00:01 web sshd[11]: Failed password for root from 256.1.1.1 port 5555 ssh2
                Dec  6 10:00:02 web sshd[12]: Invalid user x from 1:2:3:4:5:6:7:8:9 port 5555
                """)).isEqualTo(LogKind.AUTH);
    }

    @Test
    void accessAndJournalLinesStillWin() {
        assertThat(of("""
                # generated
                203.0.113.9 - - [10/Mar/2025:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "curl/8"
                """)).isEqualTo(LogKind.ACCESS);
        assertThat(of("{\"__REALTIME_TIMESTAMP\":\"1\",\"MESSAGE\":\"x\"}\n")).isEqualTo(LogKind.JOURNAL);
        assertThat(of("garbage\nmore garbage\n"))
                .as("no vote: read as an access log, reported as unrecognised")
                .isEqualTo(LogKind.ACCESS);
    }

    /**
     * A web server's error log given where an auth log was expected (a backfill's {@code --auth-log}
     * glob taking in nginx's or Apache's error.log) is a web server's log: read as one, so that its
     * entry says what it is ({@link ErrorLogLinesTest}), not as an auth log with every line unparsed.
     */
    @Test
    void aWebServersErrorLogIsAWebServersLog() throws Exception {
        for (String log : java.util.List.of("nginx-error.log", "apache-error.log")) {
            java.nio.file.Path p = java.nio.file.Path.of("src/test/resources/httplog", log);
            assertThat(LogSniffer.sniff(p, LogKind.AUTH)).as(log).isEqualTo(LogKind.ACCESS);
        }
    }
}
