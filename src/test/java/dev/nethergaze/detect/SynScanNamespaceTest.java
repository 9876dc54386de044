package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.source.capture.LiveNamespaceCaptureTest;
import dev.nethergaze.source.capture.Tools;
import java.io.BufferedReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real SYN scan in a network namespace the test creates: hping3, from 127.0.0.77, sends one SYN
 * to each of 30 ports of 127.0.0.1, of which 5 have a listener (answered by SYN-ACK), 15 are closed
 * (the kernel refuses them by RST) and 10 are dropped by an nftables rule on input (no reply). The
 * syn_scan finding, from a live capture of the namespace's {@code lo} through the real detector,
 * must tell the three apart. Before, it said "25 SYNs unanswered", counting the closed ports' RSTs
 * as unanswered: a firewall drop or a flood to a reader.
 */
class SynScanNamespaceTest {

    private static final int FIRST = 47_400;
    private static final int OPEN = 5;
    private static final int CLOSED = 15;
    private static final int DROPPED = 10;
    private static final String SCANNER = "127.0.0.77";

    @TempDir
    Path tmp;

    @Test
    void theFindingTellsNoReplyFromRefusedFromAnswered() throws Exception {
        Tools.require("ip", "hping3", "nft");
        assumeTrue(Tools.isRoot(), "network namespaces and capture need root (CI runs as root)");
        assumeTrue(Tools.hasLibpcap(), "libpcap not installed (Debian libpcap0.8; CI installs it)");
        int ports = OPEN + CLOSED + DROPPED;
        int firstDropped = FIRST + OPEN + CLOSED;
        String ns = "ngzscan" + ProcessHandle.current().pid();
        Tools.run(List.of("ip", "netns", "add", ns));
        Process child = null;
        try {
            Tools.run(List.of("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"));
            Path rules = tmp.resolve("drop.nft");
            Files.writeString(
                    rules,
                    "table inet ngzscan {\n  chain in {\n    type filter hook input priority 0;\n"
                            + "    tcp dport " + firstDropped + "-" + (firstDropped + DROPPED - 1)
                            + " tcp flags & (syn|ack) == syn drop\n  }\n}\n");
            Tools.run(List.of("ip", "netns", "exec", ns, "nft", "-f", rules.toString()));
            child = LiveNamespaceCaptureTest.startIn(ns, SynScanNamespaceMain.class, "" + FIRST, "" + OPEN, SCANNER);
            BufferedReader out = LiveNamespaceCaptureTest.reader(child);
            assertThat(LiveNamespaceCaptureTest.line(out)).isEqualTo("capturing");
            String hping = LiveNamespaceCaptureTest.hping3(
                    ns, "-q", "-S", "-a", SCANNER, "-p", "++" + FIRST, "-c", "" + ports, "-i", "u20000", "127.0.0.1");
            assertThat(hping).contains(ports + " packets transmitted");
            try (OutputStream in = child.getOutputStream()) {
                in.write("stop\n".getBytes(StandardCharsets.UTF_8));
            }
            List<String> finding = new ArrayList<>();
            for (String l = LiveNamespaceCaptureTest.line(out);
                    l != null && !l.equals("end");
                    l = LiveNamespaceCaptureTest.line(out)) {
                finding.add(l);
            }
            assertThat(finding.getFirst())
                    .isEqualTo("SYNs to " + ports + " distinct ports in 60 s: " + DROPPED + " got no reply, " + CLOSED
                            + " refused by RST, " + OPEN + " answered by SYN-ACK; 0 handshakes completed"
                            + " (threshold 20 ports, at most 10% completed)");
            // hping3 owns no socket: the namespace's kernel resets each SYN-ACK for it (5 RSTs sent)
            assertThat(finding.get(1))
                    .isEqualTo("last 60 s: " + ports + " SYNs, " + ports + " new destination ports, 0 completed"
                            + " handshakes, " + DROPPED + " SYNs with no reply (dropped or filtered), " + CLOSED
                            + " refused by RST (closed ports), " + OPEN + " answered by SYN-ACK (open ports), "
                            + OPEN + " RSTs sent");
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            Tools.stop(child);
            Tools.quietly(List.of("ip", "netns", "del", ns));
        }
    }
}
