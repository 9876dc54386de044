package dev.nethergaze.store;

import static dev.nethergaze.store.Snaps.SESSION;
import static dev.nethergaze.store.Snaps.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.store.Snaps.Ip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Totals in the file equal the sum of what was fed, whatever the order of increments, evictions,
 * flushes and restarts. Fed = the final counters of every engine incarnation of every IP.
 */
class HistoryTotalsPropertyTest {

    private static final String[] IPS = {"203.0.113.1", "203.0.113.2", "198.51.100.3"};

    /** One step: 0-2 grow that IP, 3 evicts it, 4 flushes, 5 restarts (new session, new engine). */
    @Provide
    Arbitrary<List<int[]>> scripts() {
        return Arbitraries.integers()
                .between(0, 5)
                .flatMap(op -> Arbitraries.integers().between(0, IPS.length - 1).map(ip -> new int[] {op, ip}))
                .list()
                .ofMinSize(1)
                .ofMaxSize(80);
    }

    @Property(tries = 60)
    void totalsEqualTheSumOfTheInputs(@ForAll("scripts") List<int[]> script) throws Exception {
        Path dir = Files.createTempDirectory("history-prop");
        try {
            run(dir, script);
        } finally {
            deleteAll(dir);
        }
    }

    private static void run(Path dir, List<int[]> script) throws Exception {
        HistoryStore store = HistoryStore.open(dir.resolve("h.db"));
        Map<String, Ip> live = new HashMap<>();
        Map<String, Long> fed = new HashMap<>();
        Instant t = T0;
        HistoryWriter w = store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(t));
        try {
            for (int[] step : script) {
                t = t.plusSeconds(1);
                String ip = IPS[step[1]];
                switch (step[0]) {
                    case 0, 1, 2 -> {
                        Ip cur = live.getOrDefault(ip, Ip.of(ip, t, 0));
                        long add = 1 + step[0] * 7L;
                        live.put(
                                ip,
                                new Ip(
                                        ip,
                                        cur.firstSeen(),
                                        t,
                                        cur.requests() + add,
                                        cur.auth() + step[0],
                                        0,
                                        List.of()));
                        fed.merge(ip, add, Long::sum);
                    }
                    case 3 -> live.remove(ip);
                    case 4 -> assertThat(w.flush()).isTrue();
                    default -> {
                        w.close();
                        live.clear();
                        w = store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(t));
                    }
                }
                w.accept(Snaps.snapshot(t, new ArrayList<>(live.values())));
            }
        } finally {
            w.close();
        }
        for (String ip : IPS) {
            long expected = fed.getOrDefault(ip, 0L);
            long stored = store.queries()
                    .ip(IpKey.parse(ip), 1)
                    .map(IpRecord::requests)
                    .orElse(0L);
            assertThat(stored).as(ip).isEqualTo(expected);
        }
        long sum = fed.values().stream().mapToLong(Long::longValue).sum();
        assertThat(store.queries().totals()).containsEntry("requests", sum).containsEntry("bytes", sum * 10);
    }

    private static void deleteAll(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
