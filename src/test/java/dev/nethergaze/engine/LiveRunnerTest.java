package dev.nethergaze.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Direction;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.model.TcpState;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LiveRunnerTest {

    /** Emits one empty table, then reports OK (in that order, as the conn source does) and idles. */
    private static final class OneTable implements Source {
        private volatile SourceStatus status = SourceStatus.STARTING;
        private final CountDownLatch go = new CountDownLatch(1);

        @Override
        public String name() {
            return "conn";
        }

        @Override
        public SourceHealth health() {
            return new SourceHealth("conn", "conn", status, "", 0, 0);
        }

        @Override
        public void run(EventSink sink) throws InterruptedException {
            go.await();
            Connection c = new Connection(
                    IpKey.parse("10.0.0.1"),
                    443,
                    IpKey.parse("203.0.113.7"),
                    50000,
                    TcpState.ESTABLISHED,
                    Direction.INBOUND,
                    1,
                    0,
                    null);
            sink.emit(new ConnTable("conn", Instant.EPOCH, List.of(c), List.of()));
            status = SourceStatus.OK;
            new CountDownLatch(1).await();
        }
    }

    @Test
    void publishNowAppliesQueuedEventsWithoutWaitingForTheTick() throws InterruptedException {
        OneTable source = new OneTable();
        Engine engine = new Engine(
                new EngineSettings(true, 1000, Duration.ofMinutes(15), 20, "test", p -> Integer.toString(p)));
        try (LiveRunner runner =
                new LiveRunner(engine, List.of(source), InstantSource.system(), Duration.ofHours(1), 100)) {
            runner.start();
            Snapshot first = runner.awaitNext(null, Duration.ofSeconds(5)); // the tick at start
            assertThat(first.sources().getFirst().status()).isEqualTo(SourceStatus.STARTING);
            assertThat(runner.awaitSourcesStarted(Duration.ofMillis(50))).isFalse();

            source.go.countDown();
            long t0 = System.nanoTime();
            assertThat(runner.awaitSourcesStarted(Duration.ofSeconds(5))).isTrue();
            Snapshot now = runner.publishNow(Duration.ofSeconds(5));

            assertThat(now).isNotSameAs(first);
            assertThat(now.sources().getFirst().status()).isEqualTo(SourceStatus.OK);
            assertThat(first.totals().connections()).isZero();
            assertThat(now.totals().connections()).isEqualTo(1); // the table, an hour before the next tick
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(4000);
        }
    }

    @Test
    void theQueueIsBoundedInBytesSoHugeLinesBlockTheSourceEarly() throws Exception {
        Engine engine = new Engine(
                new EngineSettings(true, 1000, Duration.ofMinutes(15), 20, "test", p -> Integer.toString(p)));
        IpKey ip = IpKey.parse("198.51.100.7");
        HttpHit huge = new HttpHit(
                "access.log",
                Instant.EPOCH,
                ip,
                ip,
                "GET",
                "/" + "a".repeat(64 * 1024),
                "HTTP/1.1",
                414,
                0,
                "-",
                "x",
                "",
                false);
        HttpHit small =
                new HttpHit("access.log", Instant.EPOCH, ip, ip, "GET", "/", "HTTP/1.1", 200, 0, "-", "x", "", false);
        // not started: nothing drains the queue, as when the engine falls behind a flood
        try (LiveRunner runner =
                new LiveRunner(engine, List.of(), InstantSource.system(), Duration.ofHours(1), 65_536)) {
            EventSink sink = runner.sink();
            AtomicInteger accepted = new AtomicInteger();
            Thread producer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    for (int i = 0; i < 5_000; i++) {
                        sink.emit(huge);
                        accepted.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (producer.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(producer.getState()).isEqualTo(Thread.State.WAITING);
            // 64 MiB of 64 KiB lines: about a thousand, not the 65,536 the queue has room for
            assertThat(accepted.get()).isBetween(900, 1100);
            producer.interrupt();
            producer.join(5_000);

            // small lines still fit by count, as before
            LiveRunner fresh = new LiveRunner(engine, List.of(), InstantSource.system(), Duration.ofHours(1), 2_000);
            for (int i = 0; i < 2_000; i++) {
                fresh.sink().emit(small);
            }
            fresh.close();
        }
    }

    /** A finite source (a backfill) that emits its events, then ends normally or by failing. */
    private static final class Backfill implements Source {
        private final List<HttpHit> hits;
        private final boolean fail;
        private final CountDownLatch go = new CountDownLatch(1);
        /** Emitted before the rest, which wait for {@link #more}. */
        private final List<HttpHit> first;

        private final CountDownLatch more = new CountDownLatch(1);

        Backfill(List<HttpHit> first, List<HttpHit> hits) {
            this.first = first;
            this.hits = hits;
            this.fail = false;
        }

        Backfill(List<HttpHit> hits, boolean fail) {
            this.first = List.of();
            this.hits = hits;
            this.fail = fail;
            more.countDown();
        }

        @Override
        public String name() {
            return "backfill";
        }

        @Override
        public SourceHealth health() {
            return new SourceHealth("backfill", "backfill", SourceStatus.OK, "", 0, 0);
        }

        @Override
        public boolean finite() {
            return true;
        }

        @Override
        public void run(EventSink sink) throws InterruptedException {
            go.await();
            for (HttpHit h : first) {
                sink.emit(h);
            }
            more.await();
            for (HttpHit h : hits) {
                sink.emit(h);
            }
            if (fail) {
                throw new IllegalStateException("disk gone");
            }
        }
    }

    private static HttpHit hit(String ip, Instant t) {
        return hit(ip, t, "GET", "/");
    }

    private static HttpHit hit(String ip, Instant t, String method, String target) {
        IpKey k = IpKey.parse(ip);
        return new HttpHit("access.log", t, k, k, method, target, "HTTP/1.1", 200, 10, "-", "x", "", false);
    }

    private static List<String> rules(Snapshot s) {
        return s.ips().stream()
                .flatMap(v -> v.findings().stream())
                .map(f -> f.rule() + " " + f.subject())
                .toList();
    }

    /**
     * While a backfill is applied, snapshots show the past: a password guesser of half an hour ago is
     * flagged as of then. Live subscribers (alerts) get none of those; their first snapshot is the
     * one after the backfill, at the current time, where only what is still current is flagged (a
     * probe's finding lasts an hour; the guessing ended 29 minutes ago).
     */
    @Test
    void liveSubscribersGetNoSnapshotOfThePastWhileABackfillIsApplied() throws Exception {
        Instant now = Instant.now();
        List<HttpHit> guesses = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            guesses.add(hit("203.0.113.5", now.minusSeconds(1800 - i), "POST", "/user/login"));
        }
        Backfill backfill =
                new Backfill(guesses, List.of(hit("203.0.113.6", now.minusSeconds(600), "GET", "/.git/config")));
        Engine engine =
                new Engine(new EngineSettings(true, 1000, Duration.ofHours(2), 20, "test", p -> Integer.toString(p)));
        List<Snapshot> all = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Snapshot> live = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LiveRunner runner =
                new LiveRunner(engine, List.of(backfill), InstantSource.system(), Duration.ofMillis(20), 100)) {
            runner.subscribe("all", all::add);
            runner.subscribeLive("live", live::add);
            runner.start();
            backfill.go.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (all.stream().noneMatch(s -> rules(s).contains("http_login 203.0.113.5"))) {
                assertThat(System.nanoTime()).as("a snapshot of the guessing").isLessThan(deadline);
                Thread.sleep(5);
            }
            assertThat(live).isEmpty();
            backfill.more.countDown();
            Snapshot after = runner.publishNow(Duration.ofSeconds(5));
            assertThat(rules(after)).containsExactly("exploit 203.0.113.6");
            assertThat(live)
                    .isNotEmpty()
                    .allSatisfy(s -> assertThat(rules(s)).doesNotContain("http_login 203.0.113.5"));
            assertThat(live.getLast().totals().requests()).isEqualTo(9);
        }
    }

    /**
     * Live events wait while the backfill runs, and are applied after it, also when the backfill
     * fails half-way (its thread's end, not its status, says it is over).
     */
    @Test
    void liveEventsWaitForTheBackfillAndFollowItEvenWhenItFails() throws Exception {
        Instant now = Instant.now();
        for (boolean fail : new boolean[] {false, true}) {
            Engine engine = new Engine(
                    new EngineSettings(true, 1000, Duration.ofHours(2), 20, "test", p -> Integer.toString(p)));
            Backfill backfill = new Backfill(
                    List.of(hit("203.0.113.1", now.minusSeconds(1800)), hit("203.0.113.2", now.minusSeconds(600))),
                    fail);
            try (LiveRunner runner =
                    new LiveRunner(engine, List.of(backfill), InstantSource.system(), Duration.ofHours(1), 100)) {
                runner.start();
                runner.sink().emit(hit("198.51.100.9", now)); // live, queued before the backfill emits
                Snapshot during = runner.awaitNext(null, Duration.ofSeconds(5)); // the tick at start
                assertThat(during.totals().requests())
                        .as("live event applied before the backfill")
                        .isZero();

                backfill.go.countDown();
                Snapshot after = runner.publishNow(Duration.ofSeconds(5));
                assertThat(after.totals().requests()).isEqualTo(3);
                assertThat(after.ips())
                        .extracting(v -> v.ip().toString())
                        .containsExactlyInAnyOrder("203.0.113.1", "203.0.113.2", "198.51.100.9");
                if (fail) { // one entry says why, as the engine's own faults are said: no "java.lang." dump
                    assertThat(after.sources())
                            .filteredOn(h -> h.status() == SourceStatus.ERROR)
                            .singleElement()
                            .satisfies(h -> assertThat(h.detail())
                                    .startsWith("stopped by a fault of ours (please report it):"
                                            + " IllegalStateException: disk gone at LiveRunnerTest$Backfill.run:")
                                    .doesNotContain("java.lang."));
                }
            }
        }
    }

    /**
     * A backfill's line stamped ahead of the clock is left out and said (stamped now, a log written in
     * another time zone would have its whole hour gathered at one instant: a burst no one made); the
     * others are judged on their own time, and the live one after them is re-stamped.
     */
    @Test
    void aBackfillLineStampedAheadOfTheClockIsLeftOutAndSaid() throws Exception {
        Instant now = Instant.now();
        Backfill backfill = new Backfill(
                List.of(
                        hit("203.0.113.1", now.minusSeconds(600)),
                        hit("203.0.113.2", now.plus(Duration.ofHours(2))),
                        hit("203.0.113.3", now.minusSeconds(300))),
                false);
        try (LiveRunner runner =
                new LiveRunner(engine(), List.of(backfill), InstantSource.system(), Duration.ofHours(1), 100)) {
            runner.start();
            backfill.go.countDown();
            runner.sink().emit(hit("198.51.100.9", now.plus(Duration.ofHours(2))));
            Snapshot s = runner.publishNow(Duration.ofSeconds(5));
            assertThat(s.generatedAt()).isBefore(now.plusSeconds(60));
            assertThat(s.ips())
                    .extracting(v -> v.ip().toString())
                    .containsExactlyInAnyOrder("203.0.113.1", "203.0.113.3", "198.51.100.9");
            assertThat(s.sources())
                    .filteredOn(h -> h.name().equals("clock"))
                    .singleElement()
                    .satisfies(h -> assertThat(h.detail())
                            .startsWith("2 log lines stamped up to ")
                            .contains("(first from access.log): 1 live taken at the time read, 1 of the backfill"
                                    + " left out."));
        }
    }

    private static Engine engine() {
        return new Engine(new EngineSettings(true, 1000, Duration.ofHours(2), 20, "test", p -> Integer.toString(p)));
    }

    private static SourceHealth engineEntry(Snapshot s) {
        return s.sources().stream()
                .filter(h -> h.name().equals("engine"))
                .findFirst()
                .orElse(null);
    }

    /**
     * An event the engine cannot apply (here a request without a method, which a parser bug could
     * hand over) is counted and left where it failed; the events around it are applied, the run goes on, and the
     * sources say what failed and where. Before, the exception ended the engine thread: the console
     * went on showing its last frame as if it were current.
     */
    @Test
    void anEventTheEngineCannotApplyIsSkippedCountedAndShown() throws Exception {
        Instant now = Instant.now();
        try (LiveRunner runner =
                new LiveRunner(engine(), List.of(), InstantSource.system(), Duration.ofHours(1), 100)) {
            runner.start();
            runner.sink().emit(hit("203.0.113.1", now));
            runner.sink().emit(hit("203.0.113.2", now, null, "/"));
            runner.sink().emit(hit("203.0.113.3", now));
            Snapshot first = runner.publishNow(Duration.ofSeconds(5));
            assertThat(first.ips()).extracting(v -> v.ip().toString()).contains("203.0.113.1", "203.0.113.3");
            assertThat(engineEntry(first)).isNotNull().satisfies(h -> {
                assertThat(h.status()).isEqualTo(SourceStatus.ERROR);
                assertThat(h.malformed()).isEqualTo(1);
                assertThat(h.detail())
                        .startsWith("1 event could not be applied in full (last: NullPointerException")
                        .contains("at IpState.hit:")
                        .contains("applying a request of 203.0.113.2 from access.log");
            });

            runner.sink().emit(hit("203.0.113.4", now, null, "/"));
            runner.sink().emit(hit("203.0.113.5", now));
            Snapshot later = runner.publishNow(Duration.ofSeconds(5));
            assertThat(later.ips()).extracting(v -> v.ip().toString()).contains("203.0.113.5");
            assertThat(engineEntry(later).detail()).startsWith("2 events could not be applied in full");
            assertThat(engineEntry(later).malformed()).isEqualTo(2);
            assertThat(runner.engineStopped()).isNotDone();
            assertThat(runner.latestOrExplain(null)).isSameAs(runner.latest());
        }
    }

    /**
     * One live line stamped 3 h ahead (a server clock ahead, a log in another time zone) moved the
     * engine's clock there: the snapshot was dated then, the IP seen just before was idle at once and
     * dropped (idle after 2 h here), and requests after it were judged 3 h old (0 a minute). Now it is
     * taken at the time read, and the sources say so; a stamp a second or two ahead is kept as it is.
     */
    @Test
    void aLiveLineStampedAheadOfTheClockIsTakenWhenReadAndSaid() throws Exception {
        Instant now = Instant.now();
        try (LiveRunner runner =
                new LiveRunner(engine(), List.of(), InstantSource.system(), Duration.ofHours(1), 100)) {
            runner.start();
            runner.sink().emit(hit("198.51.100.20", now));
            runner.sink().emit(hit("198.51.100.21", now.plus(Duration.ofHours(3))));
            runner.sink().emit(hit("198.51.100.22", now.plusSeconds(1)));
            runner.sink().emit(hit("198.51.100.22", now.plusSeconds(1)));
            Snapshot s = runner.publishNow(Duration.ofSeconds(5));
            assertThat(s.generatedAt()).isBefore(now.plusSeconds(60));
            assertThat(s.ips())
                    .extracting(v -> v.ip().toString())
                    .containsExactlyInAnyOrder("198.51.100.20", "198.51.100.21", "198.51.100.22");
            IpView late = s.ips().stream()
                    .filter(v -> v.ip().toString().equals("198.51.100.21"))
                    .findFirst()
                    .orElseThrow();
            assertThat(late.lastSeen()).isBefore(now.plusSeconds(60));
            IpView after = s.ips().stream()
                    .filter(v -> v.ip().toString().equals("198.51.100.22"))
                    .findFirst()
                    .orElseThrow();
            assertThat(after.lastSeen()).isEqualTo(now.plusSeconds(1));
            assertThat(after.requestsPerMin()).isEqualTo(2);
            SourceHealth clock = s.sources().stream()
                    .filter(h -> h.name().equals("clock"))
                    .findFirst()
                    .orElseThrow();
            assertThat(clock.detail())
                    .startsWith("1 log line stamped up to 3.0 h ahead of this host's clock (first from access.log):"
                            + " taken at the time read.");
            assertThat(clock.malformed()).isEqualTo(1);
        }
    }

    /** Without any failure there is no engine entry among the sources. */
    @Test
    void aRunWithoutFailuresHasNoEngineEntry() throws Exception {
        try (LiveRunner runner =
                new LiveRunner(engine(), List.of(), InstantSource.system(), Duration.ofHours(1), 100)) {
            runner.start();
            runner.sink().emit(hit("203.0.113.1", Instant.now()));
            assertThat(engineEntry(runner.publishNow(Duration.ofSeconds(5)))).isNull();
        }
    }

    /**
     * A consumer of snapshots that throws (alerts, history, fleet publishing) is shown by name and
     * called again; the others get every snapshot all the same, and the engine goes on.
     */
    @Test
    void aFailingSubscriberIsShownAndTheOthersStillGetEverySnapshot() throws Exception {
        List<Snapshot> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        try (LiveRunner runner =
                new LiveRunner(engine(), List.of(), InstantSource.system(), Duration.ofMillis(20), 100)) {
            runner.subscribe("alerts", s -> {
                calls.incrementAndGet();
                throw new IllegalStateException("webhook body");
            });
            runner.subscribe("history", got::add);
            runner.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (got.size() < 5) {
                assertThat(System.nanoTime()).as("five snapshots").isLessThan(deadline);
                Thread.sleep(5);
            }
            assertThat(calls.get()).isGreaterThanOrEqualTo(4);
            SourceHealth h = engineEntry(got.getLast());
            assertThat(h).isNotNull();
            assertThat(h.detail())
                    .containsPattern("^\\d+ times a consumer of snapshots failed \\(last: IllegalStateException:"
                            + " webhook body at LiveRunnerTest\\.lambda\\$[\\w$]+:\\d+, in alerts\\)");
            assertThat(h.malformed()).isZero();
        }
    }

    /**
     * An error the engine cannot step over (out of memory) stops it for good: the runner says so, and
     * nothing is published after, so a command ends the run instead of showing the last snapshot as
     * current.
     */
    @Test
    void anErrorStopsTheEngineAndSaysSo() throws Exception {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        AtomicInteger calls = new AtomicInteger();
        try (LiveRunner runner =
                new LiveRunner(engine(), List.of(), InstantSource.system(), Duration.ofMillis(20), 100)) {
            runner.subscribe("enrichment", s -> {
                if (calls.incrementAndGet() == 3) {
                    throw oom;
                }
            });
            CountDownLatch told = new CountDownLatch(1);
            runner.onEngineStopped(told::countDown);
            runner.throwIfEngineStopped(); // not yet: nothing to say
            runner.start();
            assertThat(runner.engineStopped().get(10, TimeUnit.SECONDS)).isSameAs(oom);
            assertThat(told.await(10, TimeUnit.SECONDS)).isTrue();
            org.assertj.core.api.Assertions.assertThatThrownBy(runner::throwIfEngineStopped)
                    .hasMessage("the engine stopped: java.lang.OutOfMemoryError: Java heap space")
                    .hasCause(oom);
            Snapshot last = runner.latest();
            Thread.sleep(100); // five ticks
            assertThat(runner.latest()).isSameAs(last);
            assertThat(calls.get()).isEqualTo(3);
        }
    }

    /**
     * A command that must print a snapshot and has none says why: nothing in time, or the last
     * failure inside the engine (here every snapshot fails to be built, as a bug in it would make
     * them), rather than fail on a null.
     */
    @Test
    void withNoSnapshotACommandIsToldWhy() throws Exception {
        try (LiveRunner runner =
                new LiveRunner(engine(), List.of(), InstantSource.system(), Duration.ofHours(1), 100)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.latestOrExplain(null))
                    .hasMessage("no snapshot could be made in time");
        }
        Engine broken =
                new Engine(new EngineSettings(true, 1000, Duration.ofHours(2), 20, "test", p -> Integer.toString(p)));
        try (LiveRunner runner =
                new LiveRunner(broken, List.of(new Failing()), InstantSource.system(), Duration.ofMillis(10), 100)) {
            runner.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String message = null;
            while (message == null || !message.contains("last failure")) {
                assertThat(System.nanoTime()).as("a failure seen").isLessThan(deadline);
                Thread.sleep(10);
                try {
                    runner.latestOrExplain(null);
                } catch (IllegalStateException e) {
                    message = e.getMessage();
                }
            }
            assertThat(message)
                    .startsWith(
                            "no snapshot could be made (last failure: IllegalStateException: health gone at LiveRunnerTest")
                    .endsWith(", judging a tick)");
        }
    }

    /** A source whose health throws: every snapshot, which lists the sources' health, fails to be built. */
    private static final class Failing implements Source {
        @Override
        public String name() {
            return "failing";
        }

        @Override
        public SourceHealth health() {
            throw new IllegalStateException("health gone");
        }

        @Override
        public void run(EventSink sink) throws InterruptedException {
            new CountDownLatch(1).await();
        }
    }
}
