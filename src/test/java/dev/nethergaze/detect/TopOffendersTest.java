package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.source.demo.DemoScenario;
import dev.nethergaze.source.demo.DemoSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopOffendersTest {

    @Test
    void demoTopByRateAndByConnections() throws InterruptedException {
        Instant t0 = Instant.parse("2026-11-22T03:00:00Z");
        Engine engine = new Engine(new EngineSettings(false, 50_000, null, 20, "demo", String::valueOf));
        DemoSource demo = new DemoSource(() -> t0, Duration.ofSeconds(1), 42);
        for (int step = 0; step < 30; step++) {
            demo.step(t0.plusSeconds(step), engine::apply);
        }
        Snapshot s = engine.snapshot(List.of());
        TopOffenders top = TopOffenders.of(s, 3);
        // the crawler sends 3/s and the scanner 2/s, over a 60 s window that has seen 30 s
        assertThat(top.byRequestRate()).extracting(IpView::ip).startsWith(DemoScenario.CRAWLER, DemoScenario.SCANNER);
        assertThat(top.byRequestRate().getFirst().requestsPerMin()).isEqualTo(90);
        assertThat(top.byConnections())
                .hasSize(3)
                .allSatisfy(v -> assertThat(v.connections().total()).isEqualTo(DemoScenario.SYN_RECV_PER_FLOOD_IP));
        assertThat(top.requestsPerSec()).isGreaterThan(4);
    }
}
