package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import dev.nethergaze.config.Config;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.LiveRunner;
import dev.nethergaze.enrich.Enricher;
import dev.nethergaze.model.Enriched;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The live wiring end to end: command-line switches → {@link Wiring#enricher} → subscribed to a
 * {@link LiveRunner} → {@code Enriched} events through {@link LiveRunner#sink()} → the engine → the
 * next snapshot's {@code IpView.geo}.
 */
class EnricherWiringTest {

    private static final IpKey LONDON = IpKey.parse("81.2.69.160");

    /** One request from a public address, then quiet until stopped. */
    private static final class OneHit implements Source {
        @Override
        public String name() {
            return "one-hit";
        }

        @Override
        public SourceHealth health() {
            return new SourceHealth(name(), "test", SourceStatus.OK, "", 1, 0);
        }

        @Override
        public void run(EventSink sink) throws InterruptedException {
            sink.emit(new HttpHit(
                    name(), Instant.now(), LONDON, LONDON, "GET", "/", "HTTP/1.1", 200, 100, "-", "ua", "", false));
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void geoFromTheCityDatabaseReachesTheNextSnapshot() throws Exception {
        WatchCommand cmd = new WatchCommand();
        new CommandLine(cmd)
                .parseArgs(
                        "--offline",
                        "--no-conn",
                        "--no-http",
                        "--geoip-city-db",
                        TestData.path("mmdb/maxmind-test/GeoIP2-City-Test.mmdb").toString());
        Config c = cmd.common.load();
        assertThat(c.geoip().cityDb()).endsWith("GeoIP2-City-Test.mmdb");
        Engine engine = new Engine(Wiring.engineSettings(c));
        ConcurrentLinkedQueue<SourceEvent> emitted = new ConcurrentLinkedQueue<>();
        Snapshot last = null;
        try (LiveRunner runner = new LiveRunner(
                                engine, List.of(new OneHit()), InstantSource.system(), Duration.ofMillis(30), 1024)
                        .start();
                Enricher enricher = Wiring.enricher(c, cmd.common, ev -> {
                    emitted.add(ev);
                    runner.sink().emit(ev);
                })) {
            runner.subscribe("enrichment", enricher);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && geoOf(last).isEmpty()) {
                last = runner.awaitNext(last, Duration.ofSeconds(1));
            }
        }
        assertThat(emitted).singleElement().isInstanceOfSatisfying(Enriched.class, e -> {
            assertThat(e.ip()).isEqualTo(LONDON);
            assertThat(e.geo().city()).isEqualTo("London");
            assertThat(e.whois()).isNull();
        });
        IpView v = geoOf(last).orElseThrow(() -> new AssertionError("no geo in any snapshot"));
        assertThat(v.geo().city()).isEqualTo("London");
        assertThat(v.geo().country()).isEqualTo("GB");
    }

    private static Optional<IpView> geoOf(Snapshot s) {
        return s == null
                ? Optional.empty()
                : s.ips().stream()
                        .filter(v -> v.ip().equals(LONDON) && v.geo() != null)
                        .findFirst();
    }
}
