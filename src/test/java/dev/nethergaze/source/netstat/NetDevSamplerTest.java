package dev.nethergaze.source.netstat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.model.InterfaceRates;
import dev.nethergaze.source.conn.Netns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /proc/net/dev into per-interface rates: on fixtures, and on a real namespace's veth under ping. */
class NetDevSamplerTest {

    @TempDir
    Path tmp;

    private static final String HEADER = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            """;

    private static String row(
            String name, long rxBytes, long rxPkts, long rxErr, long rxDrop, long txBytes, long txPkts) {
        return String.format(
                "%6s: %d %d %d %d 0 0 0 0 %d %d 0 7 0 0 0 0%n", name, rxBytes, rxPkts, rxErr, rxDrop, txBytes, txPkts);
    }

    private void write(String text) throws Exception {
        Files.createDirectories(tmp.resolve("net"));
        Files.writeString(tmp.resolve("net/dev"), text);
    }

    @Test
    void twoReadingsGiveRatesLoopbackIsLeftOutAndAResetInterfaceStartsAgain() throws Exception {
        NetDevSampler s = new NetDevSampler(tmp);
        Instant t0 = Instant.parse("2026-12-05T00:00:00Z");
        write(HEADER + row("lo", 5, 5, 0, 0, 5, 5) + row("eth0", 1000, 10, 0, 0, 500, 5)
                + row("veth1", 100, 1, 0, 0, 0, 0) + "garbage line without counters\n");
        List<InterfaceRates> first = s.sample(t0);
        assertThat(first).extracting(InterfaceRates::name).containsExactly("eth0", "veth1");
        assertThat(first).allSatisfy(i -> assertThat(i.intervalS()).isZero());
        assertThat(first.getFirst().txDrops()).isEqualTo(7);

        write(HEADER
                + row("lo", 9, 9, 0, 0, 9, 9)
                + row("eth0", 3000, 30, 1, 4, 1500, 15)
                + row("veth1", 50, 1, 0, 0, 0, 0));
        List<InterfaceRates> second = s.sample(t0.plusSeconds(2));
        InterfaceRates eth0 = second.getFirst();
        assertThat(eth0.name()).isEqualTo("eth0");
        assertThat(eth0.intervalS()).isEqualTo(2.0);
        assertThat(eth0.rxBytesPerS()).isEqualTo(1000.0);
        assertThat(eth0.txBytesPerS()).isEqualTo(500.0);
        assertThat(eth0.rxPacketsPerS()).isEqualTo(10.0);
        assertThat(eth0.rxDropsPerS()).isEqualTo(2.0);
        assertThat(eth0.rxErrorsPerS()).isEqualTo(0.5);
        assertThat(eth0.troublePerS()).isEqualTo(2.5);
        InterfaceRates veth = second.get(1);
        assertThat(veth.intervalS())
                .as("its counters went back: re-created, no rates")
                .isZero();
        assertThat(veth.rxBytes()).isEqualTo(50);
    }

    @Test
    void atMostTheBusiestSixteen() throws Exception {
        StringBuilder b = new StringBuilder(HEADER);
        for (int i = 0; i < 40; i++) {
            b.append(row("veth" + i, 1000L * i, i, 0, 0, 0, 0));
        }
        write(b.toString());
        List<InterfaceRates> r = new NetDevSampler(tmp).sample(Instant.EPOCH);
        assertThat(r).hasSize(NetDevSampler.MAX);
        assertThat(r.getFirst().name()).isEqualTo("veth39");
    }

    /** A real veth in a namespace of its own: 50 datagrams of 1000 bytes show as bytes and packets on it. */
    @Test
    void aRealVethUnderTraffic() throws Exception {
        String missing = Netns.missing("python3");
        assumeTrue(missing == null, missing);
        try (Netns a = Netns.create();
                Netns b = Netns.create()) {
            String[] veth = Netns.veth(a, b, "ngzd");
            a.address(veth[0], "192.0.2.1/24");
            b.address(veth[1], "192.0.2.2/24");
            Process holder = a.start("sleep", "60");
            try {
                Path proc = Path.of("/proc", Long.toString(holder.pid()));
                // ip netns exec joins the namespace, then execs sleep: only then is this its /proc
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (!Files.readString(proc.resolve("comm")).strip().equals("sleep")
                        && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                NetDevSampler s = new NetDevSampler(proc);
                Instant t0 = Instant.now();
                List<InterfaceRates> before = s.sample(t0);
                assertThat(before).extracting(InterfaceRates::name).containsExactly(veth[0]);
                b.exec(
                        "python3",
                        "-c",
                        "import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                                + "for _ in range(50): s.sendto(b'x' * 1000, ('192.0.2.1', 9))");
                InterfaceRates after = s.sample(t0.plusSeconds(1)).getFirst();
                // the datagrams, and an ARP request before them; the answers (ARP, ICMP unreachable) go out
                assertThat(after.rxPacketsPerS()).isBetween(50.0, 60.0);
                assertThat(after.rxBytesPerS()).isGreaterThanOrEqualTo(50 * 1000.0);
                assertThat(after.txPacketsPerS()).isPositive();
                assertThat(after.troublePerS()).isZero();
            } finally {
                holder.destroyForcibly();
                holder.waitFor();
            }
        }
    }
}
