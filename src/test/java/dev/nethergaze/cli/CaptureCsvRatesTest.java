package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthSummary;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.Totals;
import dev.nethergaze.model.WireSummary;
import dev.nethergaze.model.WiredViews;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The top-talkers CSV gives {@code pps_60s} as the snapshot JSON does: two decimals, empty when
 * unknown. Found replaying 2,000 SYNs with {@code capture --read --csv}: the CSV said
 * 33.898305084745765 where the snapshot said 33.9.
 */
class CaptureCsvRatesTest {

    private static IpView wired(String ip, long packets, double pps60s) {
        return WiredViews.of(
                ip,
                Instant.parse("2026-12-07T03:00:00Z"),
                new WireSummary(
                        packets, 0, 0, 1, 1, pps60s, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, Double.NaN, 0, 0, 0, 0, 0, 0, ""),
                AuthSummary.NONE);
    }

    private static Snapshot twoWiredIps() {
        Totals t = new Totals(0, 0, Map.of(), 0, 2, 2, 0, 0, 0, 0, 0);
        return new Snapshot(
                        Instant.parse("2026-12-07T03:00:00Z"),
                        "h",
                        List.of(),
                        t,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of())
                .withIps(List.of(wired("198.51.100.7", 2000, 2000 / 59.0), wired("198.51.100.8", 1, Double.NaN)));
    }

    @Test
    void ratesAreRoundedAsInTheSnapshot(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("top.csv");
        assertThat(CaptureExports.write(twoWiredIps(), null, csv)).isEmpty();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(1)).startsWith("198.51.100.7,2000,0,0,33.9,");
        assertThat(lines.get(2)).startsWith("198.51.100.8,1,0,0,,");
    }

    /**
     * A snapshot that cannot be written at exit (its directory removed during the run, a full disk)
     * is one line naming the option and path, and the CSV is still written. Found black-box:
     * {@code --snapshot /proc/x.json} passes the start check as root and then ended the run with
     * "internal error: java.nio.file.NoSuchFileException: /proc/x.json", exit 1, and no CSV.
     */
    @Test
    void anUnwritableSnapshotIsOneLineAndTheCsvIsStillWritten(@TempDir Path dir) throws Exception {
        Path gone = dir.resolve("removed-during-the-run").resolve("snap.json");
        Path csv = dir.resolve("top.csv");
        assertThat(CaptureExports.write(twoWiredIps(), gone, csv))
                .containsExactly("--snapshot " + gone + ": cannot write (no such file)");
        assertThat(Files.readAllLines(csv)).hasSize(3);
    }
}
