package dev.nethergaze.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.nethergaze.AsNobody;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch's pace and what it says when no firewall tool is there (the real tools: NftNamespaceTest). */
class FirewallWatchTest {

    @Test
    void aSlowReadIsRepeatedLessOften() {
        Duration five = Duration.ofSeconds(5);
        assertThat(FirewallWatch.pause(five, Duration.ofMillis(30))).isEqualTo(five);
        assertThat(FirewallWatch.pause(five, Duration.ofMillis(1400)))
                .as("a 100k-prefix set: nft alone takes 1.2 s")
                .isEqualTo(Duration.ofSeconds(28));
    }

    @Test
    void noToolInstalledIsMissingAndEmitsNothing() throws Exception {
        CommandRunner none = (argv, timeout) -> CommandRunner.Result.notStarted(argv.getFirst(), "not installed");
        FirewallWatch w = new FirewallWatch(none, Duration.ofSeconds(5), InstantSource.system(), (n, s, d) -> {});
        List<SourceEvent> seen = new ArrayList<>();
        w.readOnce(seen::add);
        assertThat(w.health().status()).isEqualTo(SourceStatus.MISSING);
        assertThat(w.health().detail()).contains("neither nft nor iptables-save is installed");
        assertThat(seen).isEmpty();
    }

    @TempDir
    Path tmp;

    /**
     * As any user but root, the real nft and iptables-save are refused; a running process's privileges
     * do not change, so the watch says so once and does not start three refused processes every
     * interval. Before, a watch run as a user started them every 5 s (or, paced to their cost, every
     * 20 times what a read took) for as long as it ran, and each pace note that came or went reported
     * the problem again: here, at a 100 ms interval, 45 processes and 30 reports in 5 s. Run as nobody
     * (root, as CI runs, is not refused).
     */
    @Test
    void refusedForWantOfRootItSaysSoOnceAndStopsAsking() throws Exception {
        String out = AsNobody.isRoot()
                ? AsNobody.run(tmp, FirewallDeniedMain.class, "5000")
                : captured(() -> FirewallDeniedMain.main(new String[] {"5000"}));
        assumeFalse(out.contains("health MISSING"), "needs nft or iptables-save installed: " + out);
        assertThat(out)
                .contains("health PERMISSION_DENIED: ")
                .contains("permission denied (run as root to see what the firewall blocks); tried again every 10 min")
                .contains("reported 1\n");
        int started = Integer.parseInt(out.lines()
                .filter(l -> l.startsWith("started "))
                .findFirst()
                .orElseThrow()
                .substring(8));
        assertThat(started).as(out).isBetween(1, 3);
    }

    /**
     * A read paced to its cost is a note on the health, not a new state: an error whose reads are slow,
     * then fast, then slow (a busy box) was reported again at each change, one stderr line each time.
     */
    @Test
    void aPaceThatComesAndGoesDoesNotReportTheProblemAgain() throws Exception {
        AtomicInteger nftReads = new AtomicInteger();
        CommandRunner runner = (argv, timeout) -> {
            if (argv.getFirst().equals("nft")) {
                if (nftReads.incrementAndGet() % 2 == 0) {
                    try {
                        Thread.sleep(30); // 20 times this is more than the 100 ms interval: paced
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return new CommandRunner.Result(0, "{\"nftables\": []}", "", false);
            }
            return new CommandRunner.Result(1, "", argv.getFirst() + ": table filter is incompatible", false);
        };
        List<String> reported = new CopyOnWriteArrayList<>();
        FirewallWatch w = new FirewallWatch(
                runner, Duration.ofMillis(100), InstantSource.system(), (n, st, d) -> reported.add(d));
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                w.run(e -> {});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        while (nftReads.get() < 4) {
            Thread.sleep(20);
        }
        t.interrupt();
        t.join();
        assertThat(w.health().status()).isEqualTo(SourceStatus.ERROR);
        assertThat(reported).as("one report for one problem").hasSize(1);
        assertThat(reported.getFirst()).contains("iptables-save: iptables-save: table filter is incompatible");
    }

    /**
     * As any user but root, ufw, nft and iptables refuse to say what is loaded: the detector said "no
     * active firewall: using nftables" (doctor as nobody, black-box), a claim nothing supports. It now
     * says the backend is assumed, and the detection is not known.
     */
    @Test
    void refusedProbesMakeTheBackendAGuessNotNoFirewall() throws Exception {
        String out = AsNobody.isRoot()
                ? AsNobody.run(tmp, FirewallDetectMain.class)
                : captured(() -> FirewallDetectMain.main(new String[0]));
        assumeFalse(out.contains("not installed") && !out.contains("denied"), "needs nft or iptables: " + out);
        assertThat(out)
                .contains("known false")
                .doesNotContain("no active firewall")
                .containsPattern(
                        "reason which firewall is active is not known without root: (nftables|iptables)" + " assumed");
    }

    private static String captured(ThrowingRunnable r) throws Exception {
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
