package dev.nethergaze.act;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.nethergaze.act.alert.AlertDispatcher;
import dev.nethergaze.act.alert.CommandAlertSink;
import dev.nethergaze.act.alert.JsonlAlertSink;
import dev.nethergaze.act.alert.WebhookAlertSink;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.Totals;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dedup and cool-down, and each sink for real: a file, a loopback webhook that fails first, a command. */
class AlertDispatcherTest {

    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");

    @TempDir
    Path tmp;

    private static Snapshot snap(Instant t, Finding... host) {
        Totals totals = new Totals(0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0);
        return new Snapshot(t, "web1", List.of(), totals, List.of(), List.of(), List.of(host), List.of());
    }

    private static Finding finding(String subject) {
        return new Finding(
                "syn_flood_prefix",
                Severity.HIGH,
                subject,
                "40 half-open connections",
                40,
                30,
                Duration.ZERO,
                T0,
                List.of("198.51.100.10:1000 -> 192.0.2.1:443 SYN_RECV inbound"));
    }

    @Test
    void eachFindingOnceThenAgainAfterTheCooldown() throws Exception {
        Path file = tmp.resolve("alerts.jsonl");
        AlertDispatcher d =
                new AlertDispatcher(List.of(new JsonlAlertSink(file)), Duration.ofMinutes(10), 100, m -> {});
        Finding a = finding("198.51.100.0/24");
        Finding b = finding("203.0.113.0/24");
        d.accept(snap(T0, a));
        d.accept(snap(T0.plusSeconds(1), a, b));
        d.accept(snap(T0.plusSeconds(300), a, b));
        d.accept(snap(T0.plusSeconds(600), a, b));
        d.close(Duration.ofSeconds(5));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .contains(
                        "\"subject\":\"198.51.100.0/24\"",
                        "\"host\":\"web1\"",
                        "\"rule\":\"syn_flood_prefix\"",
                        "\"evidence\":[\"198.51.100.10:1000");
        assertThat(lines.get(1)).contains("203.0.113.0/24");
        assertThat(lines.get(2)).contains("198.51.100.0/24", "2026-11-22T03:10:00Z");
    }

    /** An IP's alert says what the firewall already does about it; a host finding's says nothing is. */
    @Test
    void anIpsAlertCarriesTheRulesThatAlreadyBlockIt() throws Exception {
        Path file = tmp.resolve("blocked.jsonl");
        AlertDispatcher d =
                new AlertDispatcher(List.of(new JsonlAlertSink(file)), Duration.ofMinutes(10), 100, m -> {});
        dev.nethergaze.model.IpView held = dev.nethergaze.ui.tui.Snapshots.demo(60).getLast().ips().stream()
                .filter(v -> v.findings().stream().anyMatch(f -> f.severity() == Severity.CRITICAL))
                .findFirst()
                .orElseThrow()
                .withBlocked(List.of(new dev.nethergaze.model.Block(
                        "fail2ban sshd", "inet f2b-table f2b-chain: …", "tcp dport 22", "x", T0.plusSeconds(600))));
        Snapshot s = snap(T0, finding("198.51.100.0/24"));
        d.accept(s.withIps(List.of(held)));
        d.close(Duration.ofSeconds(5));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.stream().filter(l -> l.contains("\"subject\":\"198.51.100.0/24\"")))
                .singleElement()
                .asString()
                .contains("\"blocked\":[]");
        assertThat(lines.stream().filter(l -> !l.contains("\"subject\":\"198.51.100.0/24\"")))
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l)
                        .contains(
                                "\"blocked\":[{\"by\":\"fail2ban sshd\"",
                                "\"only\":\"tcp dport 22\"",
                                "\"expires\":\"2026-11-22T03:10:00Z\""));
    }

    @Test
    void webhookRetriesWithBackoffAndCommandGetsJsonOnStdin() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(calls.incrementAndGet() < 3 ? 503 : 204, -1);
            ex.close();
        });
        server.start();
        Path out = tmp.resolve("cmd.json");
        List<String> log = new CopyOnWriteArrayList<>();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
            AlertDispatcher d = new AlertDispatcher(
                    List.of(
                            new WebhookAlertSink(url, 3, Duration.ofMillis(20)),
                            new CommandAlertSink(List.of("tee", out.toString()), Duration.ofSeconds(5)),
                            new CommandAlertSink(List.of("false"), Duration.ofSeconds(5))),
                    Duration.ofMinutes(10),
                    100,
                    log::add);
            d.accept(snap(T0, finding("198.51.100.0/24")));
            d.close(Duration.ofSeconds(10));
            assertThat(calls.get()).isEqualTo(3);
            assertThat(bodies).allSatisfy(b -> assertThat(b).contains("\"subject\":\"198.51.100.0/24\""));
            assertThat(Files.readString(out))
                    .contains("\"rule\":\"syn_flood_prefix\"")
                    .endsWith("}\n");
            assertThat(d.sent()).isEqualTo(2);
            assertThat(d.failed()).isEqualTo(1);
            assertThat(log).singleElement().asString().startsWith("alert sink command:false failed: false exit 1");
        } finally {
            server.stop(0);
        }
    }

    /** A sink that takes its time, so the queue fills. */
    private static final class SlowSink implements dev.nethergaze.act.alert.AlertSink {
        @Override
        public String name() {
            return "slow";
        }

        @Override
        public void send(dev.nethergaze.act.alert.Alert alert) throws InterruptedException {
            Thread.sleep(200);
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlockingTheEngine() {
        AlertDispatcher d = new AlertDispatcher(List.of(new SlowSink()), Duration.ofMinutes(10), 1, m -> {});
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            d.accept(snap(T0, finding("198.51.100." + i)));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(150));
        d.close();
        assertThat(d.dropped()).isGreaterThanOrEqualTo(17);
    }

    @Test
    void eachRouteGetsWhatReachesItsSeverityAndNoticesShareTheCooldown() throws Exception {
        Path all = tmp.resolve("all.jsonl");
        Path medium = tmp.resolve("medium.jsonl");
        AlertDispatcher d = AlertDispatcher.routed(
                List.of(
                        new AlertDispatcher.Route(new JsonlAlertSink(all), Severity.INFO),
                        new AlertDispatcher.Route(new JsonlAlertSink(medium), Severity.MEDIUM)),
                Duration.ofMinutes(10),
                100,
                false,
                m -> {});
        Finding first = new Finding(
                "new_ip", Severity.INFO, "192.0.2.7", "first packets", 16, 0, Duration.ofSeconds(1), T0, List.of());
        d.notice(T0, "web1", first);
        d.accept(snap(T0.plusSeconds(1), finding("198.51.100.0/24")));
        d.notice(T0.plusSeconds(599), "web1", first); // within the cool-down
        d.notice(T0.plusSeconds(600), "web1", first);
        d.close(Duration.ofSeconds(5));
        assertThat(Files.readAllLines(all))
                .hasSize(3)
                .satisfies(
                        l -> assertThat(l.get(0)).contains("\"rule\":\"new_ip\"", "\"time\":\"2026-11-22T03:00:00Z\""))
                .satisfies(l -> assertThat(l.get(1)).contains("syn_flood_prefix"))
                .satisfies(l -> assertThat(l.get(2)).contains("\"rule\":\"new_ip\"", "2026-11-22T03:10:00Z"));
        assertThat(Files.readAllLines(medium)).singleElement().asString().contains("syn_flood_prefix");
    }

    @Test
    void aWaitingDispatcherLosesNothingWhenTheQueueIsFull() {
        AlertDispatcher d = AlertDispatcher.routed(
                List.of(new AlertDispatcher.Route(new SlowSink(), Severity.INFO)),
                Duration.ofMinutes(10),
                1,
                true,
                m -> {});
        for (int i = 0; i < 4; i++) {
            d.accept(snap(T0, finding("198.51.100." + i)));
        }
        d.close();
        assertThat(d.dropped()).isZero();
        assertThat(d.sent()).isEqualTo(4);
    }
}
