package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.engine.ReplayDriver;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.WireDelta;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.capture.CaptureOptions;
import dev.nethergaze.source.capture.ReplayCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The wire rules on real captures, through the real pipeline (pcap reader, aggregator, engine,
 * detector on packet time): the esnet masscan capture (172.31.15.102 sending 1,001 SYNs to ports
 * 0-1000 in 10 s, never a SYN-ACK; 100, 101, 100, 99, 101, 99, 105, 97, 94, 93 packets in its full
 * seconds, counted with tshark) is a SYN scan and, at a low enough rate threshold, a high-rate
 * source; no other capture in the test data is a SYN scan.
 */
class WireRulesTest {

    private static final DetectSettings S = DetectSettings.defaults();
    private static final String SCAN = "pcap/esnet/tcp_0_1000_20190821.pcap";
    private static final String SCANNER = "172.31.15.102";

    /** Every finding of every tick's snapshot, and the last snapshot. */
    private record Run(List<Finding> seen, Snapshot last) {
        List<Finding> rule(String id) {
            return seen.stream().filter(f -> f.rule().equals(id)).toList();
        }
    }

    private static Run replay(String file, DetectSettings s, Allowlist allow) throws Exception {
        EngineSettings es = new EngineSettings(true, 10_000, null, 10, "test", String::valueOf);
        Engine engine = new Engine(es, new Detector(s, allow, 10_000));
        ReplayDriver driver = new ReplayDriver(engine, Duration.ofSeconds(1));
        List<Finding> seen = new ArrayList<>();
        driver.subscribe(snap -> {
            for (IpView v : snap.ips()) {
                seen.addAll(v.findings());
            }
        });
        ReplayCapture capture =
                new ReplayCapture(TestData.path(file), CaptureOptions.defaults(), StatusReporter.to(System.err));
        Snapshot last = driver.run(List.of(capture));
        return new Run(seen, last);
    }

    @Test
    void masscanIsASynScanWithItsEvidence() throws Exception {
        Run r = replay(SCAN, S, Allowlist.EMPTY);
        Finding f = r.last().ips().stream()
                .filter(v -> v.ip().toString().equals(SCANNER))
                .flatMap(v -> v.findings().stream())
                .filter(x -> x.rule().equals(SynScanRule.ID))
                .findFirst()
                .orElseThrow();
        assertThat(f.observed()).isEqualTo(1001);
        assertThat(f.threshold()).isEqualTo(20);
        assertThat(f.window()).isEqualTo(Duration.ofSeconds(60));
        // 16 ports in the first (partial) second, 116 after the next: judged at the tick that follows,
        // whose time is its last packet's (tshark: 1566411409.996124)
        assertThat(f.since()).isEqualTo(Instant.parse("2019-08-21T18:16:49.996124Z"));
        assertThat(f.reason())
                .isEqualTo("SYNs to 1001 distinct ports in 60 s: 1001 got no reply, 0 refused by RST,"
                        + " 0 answered by SYN-ACK; 0 handshakes completed (threshold 20 ports, at most 10% completed)");
        assertThat(f.evidence().getFirst())
                .isEqualTo("last 60 s: 1001 SYNs, 1001 new destination ports, 0 completed handshakes,"
                        + " 1001 SYNs with no reply (dropped or filtered), 0 refused by RST (closed ports),"
                        + " 0 answered by SYN-ACK (open ports), 4 RSTs sent");
        assertThat(f.evidence().get(1)).startsWith("ports (most recent 32): ").endsWith(", …");
        // only the scanner: its target answered nothing
        assertThat(r.rule(SynScanRule.ID)).allMatch(x -> x.subject().equals(SCANNER));
    }

    /**
     * nDPI's tcp_scan capture: 192.168.1.178 sends SYNs to ports 80 and 443 of 192.168.1.2 (answered
     * by SYN-ACK, handshakes completed, then reset by the scanner) and to 445 and 3389 (refused by
     * RST), per tshark. With thresholds it meets (4 ports, half of them completed) the finding says
     * so; before, the two refused SYNs were "2 SYNs unanswered", as if nothing had answered them.
     */
    @Test
    void refusedAndAnsweredSynsAreToldApartInARealScan() throws Exception {
        DetectSettings s = S.withWire(new DetectSettings.Wire(5000, 4, 60, 50));
        List<Finding> scans =
                replay("pcap/ndpi/tcp_scan.pcapng", s, Allowlist.EMPTY).rule(SynScanRule.ID);
        assertThat(scans).isNotEmpty().allMatch(x -> x.subject().equals("192.168.1.178"));
        Finding f = scans.getLast();
        assertThat(f.reason())
                .isEqualTo("SYNs to 4 distinct ports in 60 s: 0 got no reply, 2 refused by RST, 2 answered by"
                        + " SYN-ACK; 2 handshakes completed (threshold 4 ports, at most 50% completed)");
        assertThat(f.evidence().getFirst())
                .isEqualTo("last 60 s: 4 SYNs, 4 new destination ports, 2 completed handshakes, 0 SYNs with no"
                        + " reply (dropped or filtered), 2 refused by RST (closed ports), 2 answered by SYN-ACK"
                        + " (open ports), 2 RSTs sent");
    }

    /**
     * A SYN scan ends when, as its first SYNs leave the minute, the handshakes it completed become
     * more than a tenth of its SYNs (at +60 s), though 20 new ports are still in the window until +90 s.
     */
    @Test
    void aSynScanEndsWhenItsCompletedShareRisesAboveTheLimit() {
        Instant t0 = Instant.parse("2026-11-22T03:00:00Z");
        IpKey ip = IpKey.parse("198.51.100.66");
        Detector d = new Detector(S, Allowlist.EMPTY, 100);
        d.observe(new PacketTick("t", t0, List.of(syns(ip, 30, 0)), false));
        d.evaluate(t0);
        d.observe(new PacketTick("t", t0.plusSeconds(30), List.of(syns(ip, 20, 3)), false)); // 3 of 50: 6 %
        d.evaluate(t0.plusSeconds(30));
        assertThat(d.findings(ip)).extracting(Finding::rule).contains(SynScanRule.ID);
        d.catchUp(t0.plusSeconds(3600));
        assertThat(Samples.endedAt(d, ip, SynScanRule.ID)).isEqualTo(t0.plusSeconds(60)); // 3 of 20: 15 %
    }

    /** {@code n} SYNs to as many new ports, {@code done} of them completed. */
    private static WireDelta syns(IpKey ip, int n, int done) {
        return new WireDelta(
                ip, n, 60L * n, done, n, 0, 0, done, n - done, 0, 0, 0, 0, 0, 0, n, n, List.of(), List.of(), 0, 0,
                null);
    }

    @Test
    void oneMorePortThanTheScanTouchedIsANearMiss() throws Exception {
        DetectSettings s = S.withWire(new DetectSettings.Wire(5000, 1002, 60, 10));
        assertThat(replay(SCAN, s, Allowlist.EMPTY).rule(SynScanRule.ID)).isEmpty();
        DetectSettings exact = S.withWire(new DetectSettings.Wire(5000, 1001, 60, 10));
        assertThat(replay(SCAN, exact, Allowlist.EMPTY).rule(SynScanRule.ID)).isNotEmpty();
    }

    @Test
    void anAllowlistedScannerIsNotFlagged() throws Exception {
        Allowlist allow = Allowlist.parse(List.of("172.31.0.0/16"));
        assertThat(replay(SCAN, S, allow).seen()).isEmpty();
    }

    @Test
    void noOtherCaptureInTheTestDataIsASynScan() throws Exception {
        List<String> files;
        try (Stream<Path> all = Files.walk(TestData.path("pcap"))) {
            files = all.filter(p -> p.toString().matches(".*\\.pcap(ng)?$"))
                    .map(p -> TestData.root().relativize(p).toString())
                    .filter(p -> !p.equals(SCAN))
                    .sorted()
                    .toList();
        }
        assertThat(files).hasSizeGreaterThan(30).contains("pcap/esnet/two_way_all_flags.pcap");
        for (String file : files) {
            Run r = replay(file, S, Allowlist.EMPTY);
            assertThat(r.rule(SynScanRule.ID)).as(file).isEmpty();
            assertThat(r.rule(HighPpsRule.ID)).as(file).isEmpty();
            // two floods of one port: Suricata's, and the all-flags capture's 10.0.0.10, which sends 1,008
            // SYNs to port 80 from as many source ports (tshark), none completing a handshake
            if (file.contains("syn-flood") || file.equals("pcap/esnet/two_way_all_flags.pcap")) {
                assertThat(r.rule(WireSynFloodRule.ID)).as(file).isNotEmpty();
            } else {
                assertThat(r.rule(WireSynFloodRule.ID)).as(file).isEmpty();
            }
        }
    }

    @Test
    void theSuricataFloodIsOnePortSoNotAScanButAFlood() throws Exception {
        Run r = replay("pcap/suricata-verify/tcp-session-syn-flood-drop-precedence.pcap", S, Allowlist.EMPTY);
        assertThat(r.last().ips().stream()
                        .filter(v -> v.wire() != null)
                        .mapToLong(v -> v.wire().syn())
                        .sum())
                .isEqualTo(200);
        assertThat(r.rule(SynScanRule.ID)).isEmpty();
        assertThat(r.seen()).extracting(Finding::rule).containsOnly(WireSynFloodRule.ID);
    }

    @Test
    void highPpsAtTheBusiestSecondAndNotAboveIt() throws Exception {
        DetectSettings s = S.withWire(new DetectSettings.Wire(105, 20, 60, 10));
        List<Finding> high = replay(SCAN, s, Allowlist.EMPTY).rule(HighPpsRule.ID);
        assertThat(high).isNotEmpty().allSatisfy(f -> {
            assertThat(f.subject()).isEqualTo(SCANNER);
            assertThat(f.observed()).isEqualTo(105);
            assertThat(f.threshold()).isEqualTo(105);
            assertThat(f.reason()).isEqualTo("sent 105 packets in one second (threshold 105 pps)");
            assertThat(f.evidence().getFirst()).startsWith("packets per second, last 10 s up to ");
        });
        DetectSettings above = S.withWire(new DetectSettings.Wire(106, 20, 60, 10));
        assertThat(replay(SCAN, above, Allowlist.EMPTY).rule(HighPpsRule.ID)).isEmpty();
    }

    @Test
    void connectingToManyPortsIsNotAScan() {
        // 40 ports in 4 s; once as a scan (nothing completes), once as a client whose handshakes complete
        for (int completed : new int[] {0, 10}) {
            Detector d = new Detector(S, Allowlist.EMPTY, 100);
            IpKey ip = IpKey.parse("192.0.2.7");
            Instant t0 = Instant.parse("2026-11-22T03:00:00Z");
            for (int k = 0; k < 4; k++) {
                List<Integer> ports = List.of(1000 + 10 * k, 1001 + 10 * k);
                WireDelta delta = new WireDelta(
                        ip, 10, 600, 0, 10, 0, 0, completed, 0, 0, 0, 0, 0, 0, 0, 10, 10, ports, List.of(), 0, 0, "");
                d.observe(new PacketTick("test", t0.plusSeconds(k), List.of(delta)));
            }
            d.evaluate(t0.plusSeconds(4));
            boolean scan = d.findings(ip).stream().anyMatch(f -> f.rule().equals(SynScanRule.ID));
            assertThat(scan).as("%d of 10 SYNs per second completed", completed).isEqualTo(completed == 0);
        }
    }

    @Test
    void aCaptureResetClearsTheWireViewAndTheFindingsBuiltOnIt() {
        DetectSettings low = S.withWire(new DetectSettings.Wire(50, 20, 60, 10));
        EngineSettings es = new EngineSettings(true, 1_000, null, 10, "test", String::valueOf);
        Engine engine = new Engine(es, new Detector(low, Allowlist.EMPTY, 1_000));
        IpKey ip = IpKey.parse("192.0.2.9");
        Instant t0 = Instant.parse("2026-11-22T03:00:00Z");
        for (int k = 0; k < 5; k++) {
            WireDelta delta = new WireDelta(
                    ip, 200, 12_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), 0, 0, "");
            engine.apply(new PacketTick("test", t0.plusSeconds(k), List.of(delta)));
            engine.maintain(t0.plusSeconds(k));
        }
        IpView before = engine.snapshot(List.of()).ips().getFirst();
        assertThat(before.wire()).isNotNull();
        assertThat(before.findings()).extracting(Finding::rule).contains(HighPpsRule.ID);

        engine.apply(new PacketTick("test", t0.plusSeconds(5), List.of(), true)); // ctl reset, then a quiet tick
        engine.maintain(t0.plusSeconds(5));
        IpView after = engine.snapshot(List.of()).ips().getFirst();
        assertThat(after.wire()).isNull();
        assertThat(after.findings()).extracting(Finding::rule).doesNotContain(HighPpsRule.ID);
        assertThat(after.earlierFindings()).extracting(p -> p.finding().rule()).contains(HighPpsRule.ID);
    }
}
