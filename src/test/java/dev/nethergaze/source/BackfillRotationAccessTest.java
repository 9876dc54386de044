package dev.nethergaze.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.AccessLogSource;
import dev.nethergaze.source.httplog.ClientResolver;
import dev.nethergaze.source.replay.BackfillSource;
import dev.nethergaze.source.replay.FileReplay;
import dev.nethergaze.source.replay.LogKind;
import dev.nethergaze.source.tail.Handover;
import dev.nethergaze.source.tail.TailConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access log is rotated (renamed to access.log.1, a new one created) after start-up took the
 * handover and before the {@code --since} backfill lists its files, and before the tailer's first look:
 * the access logs go the same way as the auth logs ({@link Handover}), every request counts once.
 */
class BackfillRotationAccessTest {

    private static final Instant START_UP = Instant.parse("2026-11-30T10:00:02Z");

    @TempDir
    Path dir;

    @Test
    void rotatedBeforeTheTailersFirstLookEachRequestCountsOnce() throws Exception {
        Path log = Files.writeString(dir.resolve("access.log"), hit("10:00:01", 1));
        Handover handover = Handover.of(List.of(log.toString())); // start-up
        Files.writeString(log, hit("10:00:01", 2), StandardOpenOption.APPEND); // written after it
        Files.move(log, dir.resolve("access.log.1"));
        Files.writeString(log, hit("10:00:01", 3) + hit("10:00:03", 4)); // its first line stamped before start-up
        Files.setLastModifiedTime(log, FileTime.from(START_UP));
        Files.setLastModifiedTime(dir.resolve("access.log.1"), FileTime.from(START_UP));

        List<HttpHit> all = new ArrayList<>();
        ConcurrentLinkedQueue<HttpHit> live = new ConcurrentLinkedQueue<>();
        AccessLogSource source = new AccessLogSource(List.of(log.toString()), tail(handover), StatusReporter.silent());
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                source.run(e -> live.add((HttpHit) e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            List<SourceEvent> past = new ArrayList<>();
            backfill(log, handover).run(past::add);
            past.forEach(e -> all.add((HttpHit) e));
            Thread.sleep(500); // polls enough: anything of the tailer's is in by now
        } finally {
            reader.interrupt();
            reader.join(5000);
        }
        all.addAll(live);
        assertThat(all).extracting(HttpHit::target).containsExactlyInAnyOrder("/1", "/2", "/3", "/4");
    }

    private static String hit(String time, int n) {
        return "203.0.113.9 - - [30/Nov/2026:" + time + " +0000] \"GET /" + n + " HTTP/1.1\" 200 5 \"-\" \"curl\"\n";
    }

    private static TailConfig tail(Handover handover) {
        return TailConfig.defaults()
                .withHandover(handover)
                .withIntervals(Duration.ofMillis(20), Duration.ofSeconds(10), Duration.ofSeconds(2))
                .withClock(() -> START_UP);
    }

    private static BackfillSource backfill(Path log, Handover handover) {
        return new BackfillSource(
                List.of(BackfillSource.Span.since(
                        List.of(log.toString()), Instant.parse("2026-11-30T09:00:00Z"), LogKind.ACCESS)),
                List.of(),
                START_UP,
                handover,
                new FileReplay.Options(AccessFormat.AUTO, ClientResolver.DIRECT, ZoneOffset.UTC),
                StatusReporter.silent());
    }
}
