package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ISO-8601 stamps with a space for the {@code T} ({@code 2026-12-06 10:00:06}), as some rsyslog and
 * syslog-ng templates and container log collectors write them, with or without a fraction and a zone:
 * read as the {@code T} form is, a stamp without a zone in the zone given. Such lines were not read at
 * all (a file of them was "not an access, auth or journald log").
 */
class IsoSpaceStampTest {

    private static final String FAILED = " sshd[1]: Failed password for root from 203.0.113.7 port 5555 ssh2";

    private final AuthLineParser parser =
            new AuthLineParser("t", Instant.parse("2026-12-07T00:00:00Z"), ZoneId.of("Europe/Berlin"));

    private List<String> read(String... lines) throws InterruptedException {
        List<AuthAttempt> out = new ArrayList<>();
        for (String line : lines) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            assertThat(parser.parse(b, 0, b.length, out::add)).as(line).isEqualTo(AuthLineParser.Outcome.ATTEMPTS);
        }
        return out.stream().map(a -> a.ip() + " " + a.time()).toList();
    }

    @Test
    void aSpaceForTheTIsReadWithItsFractionAndZone() throws InterruptedException {
        assertThat(read(
                        "2026-12-06 10:00:06 web" + FAILED,
                        "2026-12-06 10:00:07.123456 web" + FAILED,
                        "2026-12-06 10:00:08.5+01:00 web" + FAILED,
                        "2026-12-06 10:00:09Z web" + FAILED,
                        "<38>2026-12-06 10:00:10-05:00 web" + FAILED))
                .containsExactly(
                        "203.0.113.7 2026-12-06T09:00:06Z", // no zone: Europe/Berlin's (UTC+1 in December)
                        "203.0.113.7 2026-12-06T09:00:07.123456Z",
                        "203.0.113.7 2026-12-06T09:00:08.500Z",
                        "203.0.113.7 2026-12-06T10:00:09Z",
                        "203.0.113.7 2026-12-06T15:00:10Z");
    }

    @Test
    void aBareSshdMessageAfterSuchAStampIsReadOnIt() throws InterruptedException {
        assertThat(read("2026-12-06 10:00:06.25Z" + FAILED.substring(" sshd[1]:".length())))
                .containsExactly("203.0.113.7 2026-12-06T10:00:06.250Z");
    }

    @Test
    void aDateAloneOrABadTimeIsNoStamp() throws InterruptedException {
        List<AuthAttempt> out = new ArrayList<>();
        for (String line : List.of(
                "2026-12-06 web" + FAILED, "2026-12-06 25:00:06 web" + FAILED, "2026-12-06 10:00 web" + FAILED)) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            assertThat(parser.parse(b, 0, b.length, out::add)).as(line).isEqualTo(AuthLineParser.Outcome.MALFORMED);
        }
        assertThat(out).isEmpty();
    }
}
