package dev.nethergaze.source.authlog;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.ClientResolver;
import dev.nethergaze.source.replay.BackfillSource;
import dev.nethergaze.source.replay.FileReplay;
import dev.nethergaze.source.replay.LogKind;
import dev.nethergaze.source.tail.Handover;
import dev.nethergaze.source.tail.TailConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Live mode's {@code --since} on auth logs, as it is wired: a backfill from 09:00 up to the handover,
 * and the auth source going on from there, taking over the backfill's connections ({@link AuthHandoff}).
 */
final class HandoverRun {

    /** A step of a run, between its parts. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private final AuthHandoff handoff = new AuthHandoff();
    private final AuthLogSource source;
    private final BackfillSource backfill;

    /** Following {@code paths} from {@code handover}, by {@code clock}; the backfill's window ends at {@code until}. */
    HandoverRun(List<String> paths, Handover handover, InstantSource clock, Instant until) {
        TailConfig tail = TailConfig.defaults()
                .withHandover(handover)
                .withIntervals(Duration.ofMillis(20), Duration.ofSeconds(10), Duration.ofSeconds(2))
                .withClock(clock);
        source = new AuthLogSource(paths, tail, ZoneOffset.UTC, (n, s, d) -> {}).after(handoff);
        FileReplay.Options options =
                new FileReplay.Options(AccessFormat.AUTO, ClientResolver.DIRECT, ZoneOffset.UTC).handingAuthTo(handoff);
        backfill = new BackfillSource(
                List.of(BackfillSource.Span.since(paths, Instant.parse("2026-11-30T09:00:00Z"), LogKind.AUTH)),
                List.of(),
                until,
                handover,
                options,
                (n, s, d) -> {});
    }

    AuthLogSource source() {
        return source;
    }

    /**
     * Starts the source (it reads, but holds, the lines after the handover), runs {@code before} after its
     * first polls, then the backfill, then {@code after}; stops the source. Every attempt of both.
     */
    List<AuthAttempt> run(Step before, Step after) throws Exception {
        ConcurrentLinkedQueue<AuthAttempt> live = new ConcurrentLinkedQueue<>();
        Thread reader = PamWaitLiveTest.follow(source, live);
        List<AuthAttempt> all = new ArrayList<>();
        try {
            Thread.sleep(200); // polls enough to have read (and held) what is there after the handover
            before.run();
            List<SourceEvent> past = new ArrayList<>();
            backfill.run(past::add);
            past.forEach(e -> all.add((AuthAttempt) e));
            after.run();
        } finally {
            reader.interrupt();
            reader.join(5000);
        }
        all.addAll(live);
        return all;
    }
}
