package dev.nethergaze.store;

import static dev.nethergaze.store.Snaps.SESSION;
import static dev.nethergaze.store.Snaps.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.store.Snaps.Ip;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay recorded into history is recognised when the same content is replayed again. */
class ReplayRecordTest {

    @TempDir
    Path dir;

    private static ReplaySource source(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new ReplaySource(name, () -> new ByteArrayInputStream(bytes));
    }

    private static ReplayRecord record(HistoryStore store, ReplaySource src, long requests, Instant wall) {
        return store.recordReplay(
                Snaps.options(),
                SESSION,
                Snaps.snapshot(T0, List.of(Ip.of("203.0.113.7", T0.minusSeconds(600), requests))),
                T0.minusSeconds(600),
                List.of(src),
                null,
                null,
                InstantSource.fixed(wall));
    }

    /**
     * The digest of the first n bytes, taken in the same pass as the whole one, is the digest of
     * those bytes, whatever n and wherever the 64 KiB reads end.
     */
    @Test
    void prefixDigestsAreThoseOfTheFirstBytes() throws Exception {
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        TreeSet<Long> at = new TreeSet<>(List.of(1L, 65_535L, 65_536L, 65_537L, 200_001L, 300_000L, 400_000L));
        Fingerprint f = Fingerprint.of(new ByteArrayInputStream(content), at);
        for (long n : at) {
            String expected = n > content.length
                    ? null
                    : HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(java.util.Arrays.copyOf(content, (int) n)));
            assertThat(f.prefix(n)).as("first %d bytes", n).isEqualTo(expected);
        }
        assertThat(f.length()).isEqualTo(300_000);
    }

    /**
     * Two runs recording the same replay into one file at once (a sysadmin started it twice): one
     * records it, the other is told it is already there, and the IP's requests are counted once.
     */
    @Test
    void twoRunsOfTheSameReplayAtOnceRecordItOnce() throws Exception {
        Path file = dir.resolve("h.db");
        HistoryStore.open(file, m -> {});
        int n = 4;
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<ReplayRecord>> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(() -> {
                HistoryStore store = HistoryStore.open(file, m -> {});
                go.await();
                return record(store, source("access.log", "a\nb\n"), 5, T0);
            });
        }
        List<ReplayRecord> done = new ArrayList<>();
        try (ExecutorService ex = Executors.newFixedThreadPool(n)) {
            List<Future<ReplayRecord>> futures = runs.stream().map(ex::submit).toList();
            go.countDown();
            for (Future<ReplayRecord> f : futures) {
                done.add(f.get());
            }
        }
        assertThat(done.stream().filter(ReplayRecord::recorded)).hasSize(1);
        assertThat(done.stream().filter(r -> !r.recorded()).map(ReplayRecord::note))
                .hasSize(n - 1)
                .allSatisfy(note -> assertThat(note).contains("access.log already recorded in session 1"));
        IpRecord ip = HistoryStore.open(file, m -> {})
                .queries()
                .ip(IpKey.parse("203.0.113.7"), 5)
                .orElseThrow();
        assertThat(ip.requests()).isEqualTo(5);
        assertThat(ip.sessions()).isEqualTo(1);
    }

    /**
     * Once retention removed the session that recorded a log, what it held is gone from the file:
     * the same log replayed again is recorded again, whole.
     */
    @Test
    void aReplayWhoseSessionWasPrunedIsRecordedAgain() throws Exception {
        HistoryStore store = HistoryStore.open(dir.resolve("h.db"), m -> {});
        Instant old = T0.minus(Duration.ofDays(200));
        assertThat(record(store, source("access.log", "a\n"), 5, old).recorded())
                .isTrue();
        assertThat(record(store, source("access.log", "a\n"), 5, old).recorded())
                .isFalse();
        try (Connection c = store.connect()) {
            Retention.prune(c, T0, new HistoryOptions(Duration.ofHours(1), Duration.ofDays(180), 1000, 1000));
        }
        ReplayRecord again = record(store, source("access.log", "a\n"), 5, T0);
        assertThat(again.recorded()).isTrue();
        assertThat(again.note()).isNull();
        assertThat(store.queries()
                        .ip(IpKey.parse("203.0.113.7"), 5)
                        .orElseThrow()
                        .requests())
                .isEqualTo(5);
    }

    /**
     * A capture replayed again is said to be recorded by its size, not in "lines": the newline bytes of
     * a pcap's packets counted as lines (found black-box: a 1000-packet capture said "already recorded
     * (3912 lines, ...)"). Its growth is said the same way.
     */
    @Test
    void aCaptureAlreadyRecordedIsSaidInBytesNotLines() throws Exception {
        byte[] pcap =
                java.nio.file.Files.readAllBytes(dev.nethergaze.TestData.path("pcap/esnet/tcp_0_1000_20190821.pcap"));
        HistoryStore store = HistoryStore.open(dir.resolve("h.db"), m -> {});
        ReplaySource capture = new ReplaySource("capture.pcap", () -> new ByteArrayInputStream(pcap));
        assertThat(record(store, capture, 5, T0).recorded()).isTrue();

        ReplayRecord again = record(store, capture, 5, T0);
        assertThat(again.recorded()).isFalse();
        assertThat(again.note())
                .contains("capture.pcap already recorded in session 1 (" + pcap.length + " bytes of capture, events ")
                .doesNotContain("line");

        ReplayRecord text = record(store, source("access.log", "a\nb\n"), 5, T0);
        assertThat(record(store, source("access.log", "a\nb\n"), 5, T0).note())
                .as("a log is still said in lines")
                .contains("access.log already recorded in session 2 (2 lines, events ");
        assertThat(text.recorded()).isTrue();
    }
}
