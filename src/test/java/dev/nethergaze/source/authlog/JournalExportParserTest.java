package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code journalctl -o export} saved to a file (systemd's JOURNAL_EXPORT_FORMATS): FIELD=value lines, an
 * empty line after each entry, and a field that is not plain text written as its name, a newline, its
 * size as 64 bits little-endian, its bytes and a newline. Cut into lines as the replay's reader cuts them
 * (at every newline, those of a binary field's size and bytes too), each sshd entry is one attempt.
 */
class JournalExportParserTest {

    private final JournalExportParser parser = new JournalExportParser(
            new JournalLineParser(new AuthLineParser("t", Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC)));
    private final List<AuthAttempt> out = new ArrayList<>();
    private final List<AuthLineParser.Outcome> outcomes = new ArrayList<>();

    private void feed(byte[] all) throws InterruptedException {
        int s = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                if (i == all.length && s == i) {
                    break;
                }
                outcomes.add(parser.line(all, s, i - s, false, out::add));
                s = i + 1;
            }
        }
        outcomes.add(parser.endOfInput(out::add));
    }

    private static void text(ByteArrayOutputStream o, String s) {
        o.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void binary(ByteArrayOutputStream o, String name, byte[] value) {
        text(o, name + "\n");
        long n = value.length;
        for (int i = 0; i < 8; i++) {
            o.write((int) (n >>> (8 * i)) & 0xFF);
        }
        o.writeBytes(value);
        o.write('\n');
    }

    @Test
    void textAndBinaryFieldsMakeOneAttemptAnEntry() throws InterruptedException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        text(o, """
                __CURSOR=s=1;i=1
                __REALTIME_TIMESTAMP=1796551260000000
                _SOURCE_REALTIME_TIMESTAMP=1796551201000000
                _COMM=sshd
                _PID=9
                _UID=0
                MESSAGE=Failed password for root from 203.0.113.7 port 5555 ssh2

                """);
        // a binary MESSAGE (a user name with a newline and a non-UTF-8 byte) whose size, 10 + 61, holds no
        // newline, then one of exactly 10 bytes: its size's first byte is a newline
        text(o, "__CURSOR=s=1;i=2\n__REALTIME_TIMESTAMP=1796551202000000\n_COMM=sshd\n_PID=10\n_UID=0\n");
        binary(o, "MESSAGE", "Invalid user a\nb\u00ff from 203.0.113.8 port 5555".getBytes(StandardCharsets.UTF_8));
        binary(o, "X_TEN", "0123\n56789".getBytes(StandardCharsets.UTF_8));
        text(o, "SYSLOG_IDENTIFIER=sshd\n\n");
        // another program's entry, and a last entry with no empty line after it
        text(o, "__CURSOR=s=1;i=3\n__REALTIME_TIMESTAMP=1796551203000000\n_COMM=cron\nMESSAGE=x\n\n");
        text(o, """
                __CURSOR=s=1;i=4
                __REALTIME_TIMESTAMP=1796551204000000
                _COMM=dropbear
                _PID=11
                MESSAGE=Bad password attempt for 'admin' from 203.0.113.9:40000
                """);
        feed(o.toByteArray());
        assertThat(out.stream().map(a -> a.kind() + " " + a.ip() + " " + a.time()))
                .containsExactly(
                        "FAILED_PASSWORD 203.0.113.7 2026-12-06T10:00:01Z",
                        "INVALID_USER 203.0.113.8 2026-12-06T10:00:02Z",
                        "FAILED_PASSWORD 203.0.113.9 2026-12-06T10:00:04Z");
        assertThat(out.get(1).user()).isEqualTo("a\nb\u00ff");
        assertThat(outcomes).doesNotContain(AuthLineParser.Outcome.MALFORMED);
    }

    @Test
    void anEntryWithoutATimeOrWithABrokenBinaryFieldIsUnparsed() throws InterruptedException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        text(o, "_COMM=sshd\nMESSAGE=Failed password for root from 203.0.113.7 port 5555 ssh2\n\n");
        text(o, "__REALTIME_TIMESTAMP=1796551202000000\n_COMM=sshd\nMESSAGE\n");
        o.writeBytes(new byte[] {5, 0, 0, 0, 0, 0, 0, 0});
        text(o, "abcdefgh\n\n");
        feed(o.toByteArray());
        assertThat(out).isEmpty();
        assertThat(outcomes.stream().filter(x -> x == AuthLineParser.Outcome.MALFORMED))
                .hasSize(2);
    }
}
