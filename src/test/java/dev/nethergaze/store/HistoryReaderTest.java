package dev.nethergaze.store;

import static dev.nethergaze.store.Snaps.SESSION;
import static dev.nethergaze.store.Snaps.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.Enriched;
import dev.nethergaze.model.HistoryInfo;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.store.Snaps.Ip;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryReaderTest {

    @TempDir
    Path dir;

    @Test
    void answersNewIpsFromEarlierSessionsOnlyAndAsksOnce() throws Exception {
        HistoryStore store = HistoryStore.open(dir.resolve("h.db"));
        try (HistoryWriter w = store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(T0))) {
            w.accept(Snaps.snapshot(T0, List.of(Ip.of("203.0.113.7", T0, 5).rules("scanner"))));
        }
        BlockingQueue<SourceEvent> events = new LinkedBlockingQueue<>();
        try (HistoryWriter live = store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(T0));
                HistoryReader r = store.startReader(events::put, InstantSource.fixed(T0), live.sessionId())) {
            live.accept(Snaps.snapshot(T0, List.of(Ip.of("203.0.113.7", T0, 100))));
            assertThat(live.flush()).isTrue(); // this session's own rows must not count as "earlier"
            var snap = Snaps.snapshot(T0, List.of(Ip.of("203.0.113.7", T0, 100), Ip.of("198.51.100.2", T0, 1)));
            r.accept(snap);
            r.accept(snap);
            Map<IpKey, HistoryInfo> got = new java.util.HashMap<>();
            for (int i = 0; i < 2; i++) {
                Enriched e = (Enriched) events.poll(10, TimeUnit.SECONDS);
                assertThat(e).isNotNull();
                assertThat(e.source()).isEqualTo("history");
                got.put(e.ip(), e.history());
            }
            assertThat(got.get(IpKey.parse("203.0.113.7"))).isEqualTo(new HistoryInfo(1, T0, 5, 1));
            assertThat(got.get(IpKey.parse("198.51.100.2"))).isEqualTo(new HistoryInfo(0, null, 0, 0));
            assertThat(events.poll(300, TimeUnit.MILLISECONDS)).as("asked once").isNull();
            IpView known = Ip.of("192.0.2.1", T0, 1).view(new HistoryInfo(0, null, 0, 0));
            r.accept(Snaps.of(T0, List.of(known)));
            assertThat(events.poll(300, TimeUnit.MILLISECONDS))
                    .as("history already known")
                    .isNull();
        }
    }

    @Test
    void readersSeeConsistentTotalsWhileTheWriterFlushes() throws Exception {
        HistoryStore store = HistoryStore.open(dir.resolve("h.db"));
        int ips = 2000;
        List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Long> latencies = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (HistoryWriter w = store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(T0))) {
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 200 && errors.isEmpty(); i++) {
                        long t = System.nanoTime();
                        Map<String, Long> totals = store.queries().totals();
                        latencies.add(System.nanoTime() - t);
                        // every flush adds 1 request and 10 bytes per IP, atomically
                        if (totals.get("bytes") != 10 * totals.get("requests") || totals.get("requests") % ips != 0) {
                            errors.add("torn read: " + totals);
                        }
                    }
                } catch (RuntimeException e) {
                    errors.add(e.getMessage());
                }
            });
            for (int round = 1; round <= 30; round++) {
                List<Ip> all = new ArrayList<>(ips);
                for (int i = 0; i < ips; i++) {
                    all.add(Ip.of("10.1." + (i / 250) + "." + (i % 250), T0, round));
                }
                w.accept(Snaps.snapshot(T0.plusSeconds(round), all));
                assertThat(w.flush()).isTrue();
            }
            reader.join(Duration.ofSeconds(60));
        }
        assertThat(errors).isEmpty();
        assertThat(store.queries().totals()).containsEntry("requests", 30L * ips);
        latencies.sort(null);
        System.out.printf(
                "reader totals() p50 %.1f ms, max %.1f ms%n",
                latencies.get(latencies.size() / 2) / 1e6, latencies.getLast() / 1e6);
    }
}
