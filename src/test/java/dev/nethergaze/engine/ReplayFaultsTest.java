package dev.nethergaze.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A replay steps over an event its engine cannot apply, as a live run does: the report has every
 * other event, and its sources say how many failed and why. Before, one such event failed the
 * whole replay ("replay shard 0 failed"), however big the log.
 */
class ReplayFaultsTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private static Engine engine() {
        return new Engine(new EngineSettings(true, 1000, null, 20, "test", p -> Integer.toString(p)));
    }

    /** 40 good requests from 40 IPs, and, every tenth, one without a method (a parser bug's kind). */
    private static List<HttpHit> stream() {
        List<HttpHit> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            IpKey k = IpKey.parse("203.0.113." + (i + 1));
            Instant t = T0.plusSeconds(i);
            out.add(new HttpHit("access.log", t, k, k, "GET", "/", "HTTP/1.1", 200, 10, "-", "x", "", false));
            if (i % 10 == 9) {
                IpKey bad = IpKey.parse("198.51.100." + i);
                out.add(new HttpHit("access.log", t, bad, bad, null, "/", "HTTP/1.1", 200, 10, "-", "x", "", false));
            }
        }
        return out;
    }

    private static void assertReport(Snapshot s) {
        List<String> good = stream().stream()
                .filter(h -> h.method() != null)
                .map(h -> h.client().toString())
                .toList();
        assertThat(s.ips()).extracting(IpView::ip).map(IpKey::toString).containsAll(good);
        SourceHealth engine = s.sources().stream()
                .filter(h -> h.name().equals("engine"))
                .findFirst()
                .orElseThrow();
        assertThat(engine.status()).isEqualTo(SourceStatus.ERROR);
        assertThat(engine.malformed()).isEqualTo(4);
        assertThat(engine.detail())
                .startsWith("4 events could not be applied in full (last: NullPointerException")
                .contains("at IpState.hit:")
                .containsPattern("applying a request of 198\\.51\\.100\\.\\d+ from access\\.log");
    }

    @Test
    void aShardedReplayReportsEverythingElseAndCountsTheSkippedAcrossShards() throws InterruptedException {
        try (ShardedReplay replay = new ShardedReplay(List.of(engine(), engine()), Duration.ofSeconds(1))) {
            for (HttpHit h : stream()) {
                replay.emit(h);
            }
            assertReport(replay.finish(List.of()));
        }
    }

    @Test
    void theSingleEngineDriverDoesTheSame() throws InterruptedException {
        ReplayDriver driver = new ReplayDriver(engine(), Duration.ofSeconds(1));
        assertReport(driver.run(List.of(new dev.nethergaze.source.Source() {
            @Override
            public String name() {
                return "access.log";
            }

            @Override
            public SourceHealth health() {
                return new SourceHealth("access.log", "http", SourceStatus.DONE, "", 44, 0);
            }

            @Override
            public void run(dev.nethergaze.source.EventSink sink) throws InterruptedException {
                for (HttpHit h : stream()) {
                    sink.emit(h);
                }
            }
        })));
    }
}
