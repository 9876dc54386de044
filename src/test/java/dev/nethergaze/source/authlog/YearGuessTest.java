package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The year of a year-less syslog stamp, replayed (a fixed reference) and followed across New Year. */
class YearGuessTest {

    /** A clock the test moves. */
    private static final class Hands implements InstantSource {
        Instant now;

        Hands(String t) {
            now = Instant.parse(t);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aReplayedFileSpanningNewYearPutsDecemberInTheYearBefore() {
        YearGuess g = new YearGuess(Instant.parse("2027-01-03T08:00:00Z"), ZoneOffset.UTC);
        assertThat(g.resolve(12, 31, 23, 59, 58, ZoneOffset.UTC)).isEqualTo("2026-12-31T23:59:58Z");
        assertThat(g.resolve(1, 1, 0, 0, 3, ZoneOffset.UTC)).isEqualTo("2027-01-01T00:00:03Z");
        // a line of the reference's next day (a zone's skew) stays this year's
        assertThat(g.resolve(1, 4, 1, 0, 0, ZoneOffset.UTC)).isEqualTo("2027-01-04T01:00:00Z");
    }

    /**
     * A log followed from before midnight on New Year's Eve: its January lines are of the new year. Before,
     * the year was guessed once, from the moment the file's first line was read, and every line after New
     * Year was put a year back (an attack at 00:05 on January 1st was one of the year before, out of every
     * window).
     */
    @Test
    void aFollowedLogKeepsTheYearOfTheClockPastNewYear() throws InterruptedException {
        Hands clock = new Hands("2026-12-31T23:58:00Z");
        FileParsers p = new FileParsers("t", clock, ZoneOffset.UTC);
        List<AuthAttempt> out = new ArrayList<>();
        read(p, out, "Dec 31 23:57:59 h sshd[1]: Failed password for root from 192.0.2.1 port 1 ssh2");
        clock.now = Instant.parse("2027-01-01T00:05:01Z");
        read(p, out, "Jan  1 00:05:00 h sshd[2]: Failed password for root from 192.0.2.1 port 2 ssh2");
        clock.now = Instant.parse("2027-03-01T10:00:01Z");
        read(p, out, "Mar  1 10:00:00 h sshd[3]: Failed password for root from 192.0.2.1 port 3 ssh2");
        assertThat(out)
                .extracting(a -> a.time().toString())
                .containsExactly("2026-12-31T23:57:59Z", "2027-01-01T00:05:00Z", "2027-03-01T10:00:00Z");
    }

    @Test
    void aLocalStampAfterNewYearInTheLogsZoneIsOfTheNewYear() throws InterruptedException {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Hands clock = new Hands("2026-12-31T22:30:00Z"); // 23:30 in Berlin
        FileParsers p = new FileParsers("t", clock, berlin);
        List<AuthAttempt> out = new ArrayList<>();
        read(p, out, "Dec 31 23:29:00 h sshd[1]: Failed password for root from 192.0.2.1 port 1 ssh2");
        clock.now = Instant.parse("2026-12-31T23:10:00Z"); // 00:10 on January 1st in Berlin
        read(p, out, "Jan  1 00:09:00 h sshd[2]: Failed password for root from 192.0.2.1 port 2 ssh2");
        assertThat(out)
                .extracting(a -> a.time().toString())
                .containsExactly("2026-12-31T22:29:00Z", "2026-12-31T23:09:00Z");
    }

    /** One line of the followed auth.log. */
    private static void read(FileParsers p, List<AuthAttempt> out, String line) throws InterruptedException {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        p.parse(Path.of("/var/log/auth.log"), b, 0, b.length, out::add);
    }
}
