package dev.nethergaze.source.conn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Direction;
import dev.nethergaze.model.Listener;
import dev.nethergaze.model.SynCounters;
import dev.nethergaze.model.TcpState;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A real bounded SYN burst in a private network namespace (root, hping3, nftables): the table
 * shows SYN_RECV capped at the listener's backlog and a SYN_SENT, netlink and procfs agree on the
 * whole namespace table row for row, and the SYN-flood counters see the cookies the table hides.
 */
class NetnsStatesTest {

    private static final int BACKLOG = 64;
    private static final int SYNS = 1500;

    @Test
    void synBurstIsCappedInTheTableAndCountedByTheCounters() throws Exception {
        String missing = Netns.missing("hping3", "nft");
        assumeTrue(missing == null, missing);
        try (Netns ns = Netns.create()) {
            ns.exec("sysctl", "-q", "-w", "net.ipv4.tcp_syncookies=1");
            ServerSocketChannel listener = SynBurst.listener(ns, BACKLOG);
            int port = SynBurst.port(listener);
            SynBurst.firewall(ns, port);
            ConnectionReader auto = // netlink by name: auto reads procfs under any root but /proc
                    ns.call(() -> ConnectionReaders.create(ConnSourceMode.NETLINK, Netns.THREAD_PROC, false));
            ConnectionReader procfs = new ProcNetTcpReader(Netns.THREAD_PROC);
            Instant t0 = Instant.now();
            SynCounters baseline = ns.call(() -> auto.read(t0)).table().syn();
            assertThat(baseline.hasRates()).as("first sample is the baseline").isFalse();
            assertThat(baseline.sinceBoot().inSegs())
                    .as("with the values since boot")
                    .isNotNegative();
            try (SocketChannel pending = SynBurst.synSent(ns)) {
                SynBurst.burst(ns, port, SYNS);

                Instant t1 = Instant.now();
                ConnTable viaAuto = ns.call(() -> auto.read(t1)).table();
                ConnTable viaProcfs = ns.call(() -> procfs.read(t1)).table();

                assertThat(auto.name()).isEqualTo("netlink");
                assertThat(TableRows.of(viaAuto, null)).containsExactlyElementsOf(TableRows.of(viaProcfs, null));
                long synRecv = TableRows.count(viaAuto, null, TcpState.SYN_RECV);
                assertThat(synRecv).isBetween((long) BACKLOG / 2, (long) BACKLOG + 1);
                assertThat(viaAuto.connections())
                        .filteredOn(c -> c.state() == TcpState.SYN_RECV)
                        .allSatisfy(c -> {
                            assertThat(c.inode()).isZero();
                            assertThat(c.direction()).isEqualTo(Direction.INBOUND);
                        });
                Listener l = viaAuto.listeners().getFirst();
                assertThat(l.port()).isEqualTo(port);
                assertThat(l.backlog()).isEqualTo(BACKLOG);
                assertThat(l.synQueue()).isEqualTo(synRecv);
                Connection sent = viaAuto.connections().stream()
                        .filter(c -> c.state() == TcpState.SYN_SENT)
                        .findFirst()
                        .orElseThrow();
                assertThat(sent.remotePort()).isEqualTo(SynBurst.DROPPED_PORT);
                assertThat(sent.direction()).isEqualTo(Direction.OUTBOUND);

                SynCounters syn = viaAuto.syn();
                double secs = Duration.between(t0, t1).toNanos() / 1e9;
                assertThat(syn).isNotNull();
                assertThat(syn.syncookies()).isEqualTo(1);
                assertThat(syn.syncookiesSentPerS() * secs).as("cookies sent").isGreaterThan(SYNS / 2.0);
                assertThat(syn.reqQFullDoCookiesPerS() * secs).isGreaterThan(SYNS / 2.0);
                assertThat(syn.inSegsPerS() * secs).isGreaterThan(SYNS - 0.5); // a rate times its interval
            } finally {
                listener.close();
                if (auto instanceof AutoCloseable c) {
                    c.close();
                }
            }
        }
    }
}
