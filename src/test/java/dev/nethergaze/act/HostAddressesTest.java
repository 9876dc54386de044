package dev.nethergaze.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.detect.Allowlist;
import dev.nethergaze.detect.Cidr;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.source.conn.Netns;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * This host's own addresses and default gateways, read from the kernel inside a network namespace
 * of this test (an interface with documentation addresses and default routes), and the guard that
 * keeps a block off them. Without the guard each of these blocks was accepted silently.
 */
class HostAddressesTest {

    private static final String ROUTE = """
        Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
        eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0
        eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
        """;
    private static final String ROUTE6 = """
        fd000000000000000000000000000000 40 00000000000000000000000000000000 00 \
        00000000000000000000000000000000 00000100 00000002 00000000 00000001     eth0
        00000000000000000000000000000000 00 00000000000000000000000000000000 00 \
        fd000000000000000000000000000001 00000400 00000003 00000000 00000003     eth0
        """;

    @Test
    void defaultGatewaysFromProcNetRoute() {
        assertThat(HostAddresses.gateways4(ROUTE)).containsExactly(IpKey.parse("192.0.2.1"));
        assertThat(HostAddresses.gateways6(ROUTE6)).containsExactly(IpKey.parse("fd00::1"));
    }

    @Test
    void theHostsOwnAddressesAndGatewayAreNotBlocked() throws Exception {
        String missing = Netns.missing();
        assumeTrue(missing == null, missing);
        try (Netns ns = Netns.create()) {
            ns.exec("ip", "link", "add", "ngz0", "type", "veth", "peer", "name", "ngz1");
            ns.exec("ip", "link", "set", "ngz0", "up");
            ns.exec("ip", "addr", "add", "192.0.2.77/24", "dev", "ngz0");
            ns.exec("ip", "addr", "add", "2001:db8:5::2/64", "dev", "ngz0", "nodad");
            ns.exec("ip", "route", "add", "default", "via", "192.0.2.1");
            ns.exec("ip", "-6", "route", "add", "default", "via", "2001:db8:5::1");
            HostAddresses host = ns.call(() -> HostAddresses.read(Path.of("/proc/thread-self/net")));
            assertThat(host.own())
                    .contains(IpKey.parse("192.0.2.77"), IpKey.parse("2001:db8:5::2"), IpKey.parse("127.0.0.1"));
            assertThat(host.gateways()).containsExactly(IpKey.parse("192.0.2.1"), IpKey.parse("2001:db8:5::1"));

            BlockGuard guard = new BlockGuard(Allowlist.EMPTY, Optional.empty(), host);
            assertThatThrownBy(() -> guard.check(Cidr.parse("192.0.2.77"), true))
                    .isInstanceOf(ActionRefused.class)
                    .hasMessage("refusing to block 192.0.2.77: it is an address of this host");
            assertThatThrownBy(() -> guard.check(Cidr.parse("2001:db8:5::2"), true))
                    .hasMessage("refusing to block 2001:db8:5::2: it is an address of this host");
            assertThatThrownBy(() -> guard.check(Cidr.parse("192.0.2.0/24")))
                    .hasMessage("refusing to block 192.0.2.0/24: it contains this host's own address 192.0.2.77"
                            + " (--force blocks it anyway)");
            assertThatThrownBy(() -> guard.check(Cidr.parse("192.0.2.1")))
                    .hasMessage("refusing to block 192.0.2.1: it contains this host's default gateway 192.0.2.1"
                            + " (--force blocks it anyway)");
            assertThatThrownBy(() -> guard.check(Cidr.parse("2001:db8:5::/120")))
                    .hasMessageContaining("own address 2001:db8:5::2");
            guard.check(Cidr.parse("192.0.2.0/24"), true);
            guard.check(Cidr.parse("192.0.2.1"), true);
            guard.check(Cidr.parse("192.0.2.9"));
            guard.check(Cidr.parse("2001:db8:6::/64"));
        }
    }
}
