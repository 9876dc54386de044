package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A live capture whose interface goes away and comes back: a veth in a test namespace, its peer in
 * another, pinged from the peer; the veth is deleted, created again with the same name and brought
 * up. The capture (a child JVM in the namespace) must say once that it waits for the interface,
 * that it is back, and count the packets sent after its return.
 */
class InterfaceReturnTest {

    private static final String IFACE = "ngzret0";
    private static final String PEER = "ngzret1";

    @Test
    void captureWaitsForAVanishedInterfaceAndCountsAgainOnceItIsBack() throws Exception {
        goneAndBack(true);
    }

    /** {@code ip link set IFACE down}, not deleted: the same wait, and the same return once it is up. */
    @Test
    void captureWaitsForAnInterfaceSetDownAndCountsAgainOnceItIsUp() throws Exception {
        goneAndBack(false);
    }

    private static void goneAndBack(boolean delete) throws Exception {
        Tools.require("ip", "hping3");
        assumeTrue(Tools.isRoot(), "network namespaces and capture need root (CI runs as root)");
        assumeTrue(LibPcap.available(), "libpcap not installed (Debian libpcap0.8; CI installs it)");
        long pid = ProcessHandle.current().pid();
        String ns = "ngzret" + (delete ? "" : "d") + pid;
        String peer = "ngzretp" + (delete ? "" : "d") + pid;
        Tools.run(List.of("ip", "netns", "add", ns));
        Process child = null;
        try {
            Tools.run(List.of("ip", "netns", "add", peer));
            veth(ns, peer);
            List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
            cmd.addAll(LiveNamespaceCaptureTest.childJvm(InterfaceReturnMain.class, IFACE));
            child = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BufferedReader out = LiveNamespaceCaptureTest.reader(child);
            OutputStream in = child.getOutputStream();
            assertThat(LiveNamespaceCaptureTest.line(out)).isEqualTo("capturing");
            ping(peer);
            long before = frames(in, out);
            assertThat(before).as("frames before the interface goes").isGreaterThanOrEqualTo(6);

            if (delete) {
                Tools.run(List.of("ip", "-n", ns, "link", "del", IFACE));
            } else {
                Tools.run(List.of("ip", "-n", ns, "link", "set", IFACE, "down"));
            }
            assertThat(LiveNamespaceCaptureTest.line(out))
                    .startsWith("report missing: " + IFACE + ": interface gone or down; waiting for it to come back");
            if (delete) {
                veth(ns, peer);
            } else {
                Tools.run(List.of("ip", "-n", ns, "link", "set", IFACE, "up"));
            }
            assertThat(LiveNamespaceCaptureTest.line(out))
                    .isEqualTo("report ok: " + IFACE + " is back: capturing again");
            ping(peer);
            assertThat(frames(in, out)).as("frames after its return").isGreaterThanOrEqualTo(before + 6);
            in.close();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            Tools.stop(child);
            Tools.quietly(List.of("ip", "netns", "del", ns));
            Tools.quietly(List.of("ip", "netns", "del", peer));
        }
    }

    /** The veth pair, IFACE (192.0.2.1) in {@code ns}, its peer (192.0.2.2) in {@code peer}, both up. */
    private static void veth(String ns, String peer) throws Exception {
        Tools.run(List.of("ip", "-n", ns, "link", "add", IFACE, "type", "veth", "peer", "name", PEER, "netns", peer));
        Tools.run(List.of("ip", "-n", ns, "addr", "add", "192.0.2.1/24", "dev", IFACE));
        Tools.run(List.of("ip", "-n", peer, "addr", "add", "192.0.2.2/24", "dev", PEER));
        Tools.run(List.of("ip", "-n", ns, "link", "set", IFACE, "up"));
        Tools.run(List.of("ip", "-n", peer, "link", "set", PEER, "up"));
    }

    /** Three echo requests from the peer (and their replies): six IPv4 packets on IFACE. */
    private static void ping(String peer) throws Exception {
        String hping = LiveNamespaceCaptureTest.output(
                List.of("ip", "netns", "exec", peer, "hping3", "-q", "-1", "-c", "3", "-i", "u200000", "192.0.2.1"));
        assertThat(hping).as("hping3 output").contains("3 packets transmitted");
    }

    private static long frames(OutputStream in, BufferedReader out) throws Exception {
        in.write("\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        String line = LiveNamespaceCaptureTest.line(out);
        assertThat(line).startsWith("frames ");
        return Long.parseLong(line.substring("frames ".length()));
    }
}
