package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Handshake outcomes of a real kernel (a listener in a test network namespace, captured live on its
 * {@code lo}): hping3 owns no socket, so the SYN-ACKs to its SYNs from 127.0.0.2 are answered by the
 * kernel's RST, as a SYN scan's are (synack_reset, before counted half-open); those to 127.0.0.3 are
 * dropped on ingress by an nft rule, so nothing answers them (half-open); a {@code hping3 --scan} from
 * 127.0.0.5 over eleven ports around the open one gets RSTs from the closed ones (refused) and
 * SYN-ACKs it resets from the open one. The kernel's own count of RSTs it sent (Tcp OutRsts) is the
 * RSTs to the SYN-ACKs plus those to the closed ports' SYNs.
 */
class LiveSynAckResetTest {

    private static final int PORT = 8080;
    private static final Pattern IP_LINE = Pattern.compile(
            "(\\S+) syn (\\d+) handshakes (\\d+) unanswered (\\d+) refused (\\d+) half_open (\\d+) synack_reset (\\d+)");

    @Test
    void synAcksResetByTheClientAreNotHalfOpen() throws Exception {
        Tools.require("ip", "hping3", "nft");
        assumeTrue(Tools.isRoot(), "network namespaces and capture need root (CI runs as root)");
        assumeTrue(LibPcap.available(), "libpcap not installed (Debian libpcap0.8; CI installs it)");
        String ns = "ngzrst" + ProcessHandle.current().pid();
        Tools.run(List.of("ip", "netns", "add", ns));
        Process child = null;
        try {
            Tools.run(List.of("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"));
            nft(ns, "add", "table", "inet", "t");
            nft(ns, "add", "chain", "inet", "t", "pre", "{ type filter hook prerouting priority -300; }");
            nft(
                    ns,
                    "add",
                    "rule",
                    "inet",
                    "t",
                    "pre",
                    "iif",
                    "lo",
                    "ip",
                    "daddr",
                    "127.0.0.3",
                    "tcp",
                    "sport",
                    "" + PORT,
                    "tcp flags & (syn|ack) == syn|ack",
                    "drop");
            child = LiveNamespaceCaptureTest.startIn(
                    ns, NamespaceOutcomesMain.class, "" + PORT, "127.0.0.2", "127.0.0.3", "127.0.0.5");
            BufferedReader out = LiveNamespaceCaptureTest.reader(child);
            assertThat(LiveNamespaceCaptureTest.line(out)).isEqualTo("capturing");
            long rstsBefore = LiveNamespaceCaptureTest.outRsts(ns);
            hping(ns, "-c", "40", "-a", "127.0.0.2");
            hping(ns, "-c", "20", "-a", "127.0.0.3");
            LiveNamespaceCaptureTest.hping3(
                    ns, "-q", "-S", "--scan", (PORT - 5) + "-" + (PORT + 5), "-a", "127.0.0.5", "127.0.0.1");
            long rsts = LiveNamespaceCaptureTest.outRsts(ns) - rstsBefore;
            try (OutputStream in = child.getOutputStream()) {
                in.write("go\n".getBytes(StandardCharsets.UTF_8));
            }
            String global = LiveNamespaceCaptureTest.line(out);
            Map<String, long[]> ips = new HashMap<>();
            for (int i = 0; i < 3; i++) {
                String line = LiveNamespaceCaptureTest.line(out);
                Matcher m = IP_LINE.matcher(String.valueOf(line));
                assertThat(m.matches()).as(line).isTrue();
                long[] v = new long[6];
                for (int k = 0; k < 6; k++) {
                    v[k] = Long.parseLong(m.group(k + 2));
                }
                ips.put(m.group(1), v);
            }
            // syn, handshakes, unanswered, refused, half_open, synack_reset
            assertThat(ips.get("127.0.0.2")).as("reset by hping3's kernel").containsExactly(40, 0, 0, 0, 0, 40);
            assertThat(ips.get("127.0.0.3")).as("SYN-ACKs dropped: half-open").containsExactly(20, 0, 0, 0, 20, 0);
            long[] scan = ips.get("127.0.0.5");
            assertThat(scan[3]).as("closed ports' RSTs").isGreaterThanOrEqualTo(10);
            assertThat(scan[5]).as("the open port's SYN-ACKs, reset").isGreaterThanOrEqualTo(1);
            assertThat(scan[3] + scan[5]).as("every scan SYN: refused or reset").isEqualTo(scan[0]);
            assertThat(scan[4]).as("half-open").isZero();
            assertThat(rsts).as("kernel OutRsts").isEqualTo(40 + scan[3] + scan[5]);
            assertThat(global)
                    .contains("syn=" + (60 + scan[0]))
                    .contains("synack_reset=" + (40 + scan[5]))
                    .contains("half_open=20")
                    .contains("open=0");
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            Tools.stop(child);
            Tools.quietly(List.of("ip", "netns", "del", ns));
        }
    }

    private static void hping(String ns, String count, String n, String src, String addr) throws Exception {
        LiveNamespaceCaptureTest.hping3(
                ns, "-q", "-S", "-p", "" + PORT, count, n, "-i", "u10000", src, addr, "127.0.0.1");
    }

    private static void nft(String ns, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, "nft"));
        cmd.addAll(List.of(args));
        Tools.run(cmd);
    }
}
