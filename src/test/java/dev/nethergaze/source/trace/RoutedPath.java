package dev.nethergaze.source.trace;

import dev.nethergaze.source.conn.Netns;
import java.io.IOException;
import java.util.List;

/**
 * A real routed path of four network namespaces for the tracer's tests: a client, two routers that
 * forward IPv4 and IPv6, and a target, each link a veth pair with documentation addresses.
 *
 * <pre>
 * client 192.0.2.2    ─ 192.0.2.1    router1 198.51.100.1 ─ 198.51.100.2 router2 203.0.113.1 ─ 203.0.113.2    target
 *        2001:db8:1::2  2001:db8:1::1         2001:db8:2::1  2001:db8:2::2         2001:db8:3::1  2001:db8:3::2
 * </pre>
 *
 * Closing deletes the namespaces.
 */
public final class RoutedPath implements AutoCloseable {

    public static final String TARGET_V4 = "203.0.113.2";
    public static final String TARGET_V6 = "2001:db8:3::2";
    public static final List<String> HOPS_V4 = List.of("192.0.2.1", "198.51.100.2", TARGET_V4);
    public static final List<String> HOPS_V6 = List.of("2001:db8:1::1", "2001:db8:2::2", TARGET_V6);

    public final Netns client;
    public final Netns router1;
    public final Netns router2;
    public final Netns target;

    private RoutedPath(Netns client, Netns router1, Netns router2, Netns target) {
        this.client = client;
        this.router1 = router1;
        this.router2 = router2;
        this.target = target;
    }

    public static RoutedPath create() throws IOException, InterruptedException {
        Netns c = Netns.create();
        Netns r1 = null;
        Netns r2 = null;
        Netns t = null;
        try {
            r1 = Netns.create();
            r2 = Netns.create();
            t = Netns.create();
            RoutedPath p = new RoutedPath(c, r1, r2, t);
            p.wire();
            return p;
        } catch (IOException | InterruptedException | RuntimeException e) {
            for (Netns n : new Netns[] {t, r2, r1, c}) {
                if (n != null) {
                    n.close();
                }
            }
            throw e;
        }
    }

    private void wire() throws IOException, InterruptedException {
        String[] a = Netns.veth(client, router1, "ngzta");
        String[] b = Netns.veth(router1, router2, "ngztb");
        String[] d = Netns.veth(router2, target, "ngztc");
        client.address(a[0], "192.0.2.2/24", "2001:db8:1::2/64");
        router1.address(a[1], "192.0.2.1/24", "2001:db8:1::1/64");
        router1.address(b[0], "198.51.100.1/24", "2001:db8:2::1/64");
        router2.address(b[1], "198.51.100.2/24", "2001:db8:2::2/64");
        router2.address(d[0], "203.0.113.1/24", "2001:db8:3::1/64");
        target.address(d[1], TARGET_V4 + "/24", TARGET_V6 + "/64");
        route(client, "192.0.2.1", "2001:db8:1::1");
        route(router2, "198.51.100.1", "2001:db8:2::1");
        route(target, "203.0.113.1", "2001:db8:3::1");
        router1.exec("ip", "route", "add", "203.0.113.0/24", "via", "198.51.100.2");
        router1.exec("ip", "-6", "route", "add", "2001:db8:3::/64", "via", "2001:db8:2::2");
        for (Netns r : List.of(router1, router2)) {
            r.exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1");
        }
        // ICMP errors are rate-limited per peer (a burst of 6, then one a second): off here, so that
        // every probe of every test is answered whatever ran before (the tracer copes with losses,
        // but the tests count answers)
        for (Netns n : List.of(router1, router2, target)) {
            n.exec("sysctl", "-q", "-w", "net.ipv4.icmp_ratelimit=0", "net.ipv6.icmp.ratelimit=0");
        }
    }

    private static void route(Netns ns, String v4, String v6) throws IOException, InterruptedException {
        ns.exec("ip", "route", "add", "default", "via", v4);
        ns.exec("ip", "-6", "route", "add", "default", "via", v6);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Netns n : List.of(target, router2, router1, client)) {
            n.close();
        }
    }
}
