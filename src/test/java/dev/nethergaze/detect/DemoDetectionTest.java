package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.source.demo.DemoScenario;
import dev.nethergaze.source.demo.DemoSource;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo drives the real engine on a fixed clock: exactly the scanner, the brute-forcer and the flood. */
class DemoDetectionTest {

    @Test
    void demoFlagsExactlyTheScannerTheBruteForcerAndTheFlood() throws InterruptedException {
        Instant t0 = Instant.parse("2026-11-22T03:00:00Z");
        EngineSettings settings = new EngineSettings(false, 50_000, null, 20, "demo", String::valueOf);
        Engine engine = new Engine(settings);
        DemoSource demo = new DemoSource(() -> t0, Duration.ofSeconds(1), 42);
        for (int step = 0; step < 60; step++) {
            Instant now = t0.plusSeconds(step);
            demo.step(now, engine::apply);
            engine.maintain(now.plusMillis(500));
        }
        Snapshot s = engine.snapshot(List.of());
        Set<IpKey> flagged = new HashSet<>();
        for (IpView v : s.ips()) {
            if (!v.findings().isEmpty()) {
                flagged.add(v.ip());
            }
        }
        Set<IpKey> expected = new HashSet<>(DemoScenario.floodIps());
        expected.add(DemoScenario.SCANNER);
        expected.add(DemoScenario.BRUTE_FORCER);
        assertThat(flagged).isEqualTo(expected);

        assertThat(rules(s, DemoScenario.SCANNER)).contains("exploit", "scanner_agent");
        assertThat(rules(s, DemoScenario.BRUTE_FORCER))
                .contains("ssh_login_after_guessing", "ssh_bruteforce", "ssh_user_spray");
        assertThat(rules(s, DemoScenario.floodIps().getFirst())).containsExactly("syn_flood_prefix");
        assertThat(s.findings()).extracting(Finding::subject).contains("198.51.100.0/24", "203.0.113.0/24", "host");
        for (IpView v : s.ips()) {
            for (Finding f : v.findings()) {
                assertThat(f.evidence()).as("%s %s", v.ip(), f.rule()).isNotEmpty();
                assertThat(f.reason()).matches(".*\\d.*");
            }
        }
        List<IpView> ranked = Findings.suspicious(s.ips());
        // both critical at worst; the brute-forcer, in as root, has a high one next (ssh_bruteforce), the
        // scanner a medium one: severity decides before the scanner's requests (it did not, and the
        // scanner came first)
        assertThat(ranked.getFirst().ip()).isEqualTo(DemoScenario.BRUTE_FORCER);
        assertThat(ranked.get(1).ip()).isEqualTo(DemoScenario.SCANNER);
        assertThat(ranked).hasSize(expected.size());
    }

    private static List<String> rules(Snapshot s, IpKey ip) {
        return s.ips().stream().filter(v -> v.ip().equals(ip)).findFirst().orElseThrow().findings().stream()
                .map(Finding::rule)
                .toList();
    }
}
