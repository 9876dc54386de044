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
 * A journal entry's attempt is at {@code _SOURCE_REALTIME_TIMESTAMP}, when the message was produced
 * (journald's trusted field, from the sender's socket timestamp), not {@code __REALTIME_TIMESTAMP}, when
 * journald received it: a busy or restarted journald receives late, and a burst then looked like one
 * moment (black-box: an attempt at 10:00:01 reported at 10:01:00). {@link
 * JournalLineParser#newestMicros} stays the received time (how far the journal has been read).
 */
class JournalSourceTimeTest {

    private static final String ENTRY = "{\"__REALTIME_TIMESTAMP\":\"1796551260000000\",%s\"_COMM\":\"sshd\","
            + "\"_PID\":\"9\",\"_UID\":\"0\",\"MESSAGE\":\"Failed password for root from 203.0.113.7 port 5555 ssh2\"}";

    private final JournalLineParser parser =
            new JournalLineParser(new AuthLineParser("t", Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC));

    private Instant timeOf(String line) throws InterruptedException {
        List<AuthAttempt> out = new ArrayList<>();
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        parser.parse(b, 0, b.length, out::add);
        assertThat(out).hasSize(1);
        return out.getFirst().time();
    }

    @Test
    void theSourceTimeIsTheAttemptsWhenTheEntryHasOne() throws InterruptedException {
        assertThat(timeOf(ENTRY.formatted("\"_SOURCE_REALTIME_TIMESTAMP\":\"1796551201250000\",")))
                .isEqualTo(Instant.parse("2026-12-06T10:00:01.25Z"));
        assertThat(parser.newestMicros()).isEqualTo(1796551260000000L);
    }

    @Test
    void withoutOneOrWithABadOneItIsTheReceivedTime() throws InterruptedException {
        assertThat(timeOf(ENTRY.formatted(""))).isEqualTo(Instant.parse("2026-12-06T10:01:00Z"));
        assertThat(timeOf(ENTRY.formatted("\"_SOURCE_REALTIME_TIMESTAMP\":\"x\",")))
                .isEqualTo(Instant.parse("2026-12-06T10:01:00Z"));
    }
}
