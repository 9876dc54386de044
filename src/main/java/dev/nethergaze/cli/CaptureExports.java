package dev.nethergaze.cli;

import dev.nethergaze.export.SnapshotJson;
import dev.nethergaze.export.WireJson;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.WireSummary;
import dev.nethergaze.source.tail.IoErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What {@code capture} writes at exit: the snapshot JSON and a top-talkers CSV (by packets sent). */
final class CaptureExports {

    private CaptureExports() {}

    /**
     * Writes each file asked for (null: not asked); returns one line for each that could not be
     * written ("--snapshot PATH: cannot write (no such file or directory)"), the other still written.
     */
    static List<String> write(Snapshot s, Path snapshotFile, Path csvFile) {
        List<String> failed = new ArrayList<>();
        if (snapshotFile != null) {
            try (OutputStream out = Files.newOutputStream(snapshotFile)) {
                new SnapshotJson(true).write(s, out);
            } catch (IOException e) {
                failed.add("--snapshot " + snapshotFile + ": cannot write (" + IoErrors.describe(e) + ")");
            }
        }
        if (csvFile != null) {
            try {
                csv(s, csvFile);
            } catch (IOException e) {
                failed.add("--csv " + csvFile + ": cannot write (" + IoErrors.describe(e) + ")");
            }
        }
        return failed;
    }

    private static void csv(Snapshot s, Path csvFile) throws IOException {
        List<IpView> rows = s.ips().stream()
                .filter(v -> v.wire() != null)
                .sorted(Comparator.comparingLong((IpView v) -> v.wire().packets())
                        .reversed())
                .toList();
        try (Writer w = Files.newBufferedWriter(csvFile, StandardCharsets.UTF_8)) {
            w.write("ip,packets,bytes,rx_packets,pps_60s,syn,synack,rst,retrans,ports_touched,handshake_rtt_ms_p50\n");
            for (IpView v : rows) {
                WireSummary x = v.wire();
                w.write(v.ip() + "," + x.packets() + "," + x.bytes() + "," + x.rxPackets() + ","
                        + (Double.isNaN(x.pps60s()) ? "" : WireJson.rate(x.pps60s())) + ","
                        + x.syn() + "," + x.synAck() + "," + x.rst() + "," + x.retrans() + "," + x.portsTouched()
                        + "," + (Double.isNaN(x.handshakeRttMsP50()) ? "" : x.handshakeRttMsP50()) + "\n");
            }
        }
    }
}
