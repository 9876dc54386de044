package dev.nethergaze.source.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.source.conn.Netns;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The tracer on a real routed path (client, two forwarding routers, target in network namespaces):
 * every hop of IPv4 and IPv6 paths named by the router's own ICMP, a router that stays silent, and a
 * path that ends where a router has no route.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouteTracerNamespaceTest {

    private static RoutedPath path;

    @BeforeAll
    static void build() throws Exception {
        String missing = Netns.missing("sysctl", "nft");
        assumeTrue(missing == null, missing);
        path = RoutedPath.create();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (path != null) {
            path.close();
        }
    }

    private static RouteTracer.Route trace(String target, Duration wait) throws Exception {
        return path.client.call(() -> new RouteTracer(30, 3, wait).trace(IpKey.parse(target)));
    }

    private static RouteTracer.Route traceIcmp(String target) throws Exception {
        return path.client.call(
                () -> new RouteTracer(30, 3, Duration.ofSeconds(2), RouteTracer.Probe.ICMP).trace(IpKey.parse(target)));
    }

    private static void assertPath(RouteTracer.Route r, List<String> hops) {
        assertThat(r.reached()).isTrue();
        assertThat(r.hops()).hasSize(hops.size());
        for (int i = 0; i < hops.size(); i++) {
            RouteTracer.Hop h = r.hops().get(i);
            assertThat(h.ttl()).isEqualTo(i + 1);
            assertThat(h.addresses()).as("hop %d", i + 1).containsExactly(IpKey.parse(hops.get(i)));
            assertThat(h.rttMs())
                    .as("every probe answered")
                    .hasSize(3)
                    .allSatisfy(ms -> assertThat(ms).isPositive().isLessThan(1000));
            assertThat(h.end()).isEqualTo(i == hops.size() - 1 ? "reached" : "");
        }
    }

    @Test
    void everyHopOfAnIpv4PathAnswers() throws Exception {
        assertPath(trace(RoutedPath.TARGET_V4, Duration.ofSeconds(2)), RoutedPath.HOPS_V4);
    }

    @Test
    void everyHopOfAnIpv6PathAnswers() throws Exception {
        assertPath(trace(RoutedPath.TARGET_V6, Duration.ofSeconds(2)), RoutedPath.HOPS_V6);
    }

    /**
     * ICMP echo probes on the kernel's unprivileged ICMP sockets: refused while the client's
     * namespace keeps the kernel's default group range (no group, not even root's), then every hop of
     * both families, the target's echo reply ending the path, with UDP to the target dropped on the way
     * (which ICMP passes, and which leaves UDP probes silent from there on).
     */
    @Test
    void icmpEchoProbesNeedThePingGroupsAndPassWhereUdpIsDropped() throws Exception {
        path.client.exec("sysctl", "-q", "-w", "net.ipv4.ping_group_range=1 0");
        assertThatThrownBy(() -> traceIcmp(RoutedPath.TARGET_V4))
                .hasMessageContaining("net.ipv4.ping_group_range")
                .hasMessageContaining("'1 0'");
        path.client.exec("sysctl", "-q", "-w", "net.ipv4.ping_group_range=0 2147483647");
        path.router2.exec("nft", "add table inet ngzudp");
        try {
            path.router2.exec("nft", "add chain inet ngzudp through { type filter hook forward priority 0 ; }");
            path.router2.exec("nft", "add rule inet ngzudp through udp dport 33434-65535 drop");
            for (String target : List.of(RoutedPath.TARGET_V4, RoutedPath.TARGET_V6)) {
                RouteTracer.Route r = traceIcmp(target);
                assertThat(r.probe()).isEqualTo(RouteTracer.Probe.ICMP);
                assertPath(r, target.equals(RoutedPath.TARGET_V4) ? RoutedPath.HOPS_V4 : RoutedPath.HOPS_V6);
            }
            RouteTracer.Route udp = trace(RoutedPath.TARGET_V4, Duration.ofMillis(300));
            assertThat(udp.reached()).as("UDP is dropped before the target").isFalse();
            assertThat(udp.hops().get(2).addresses()).isEmpty();
            // the console's trace: UDP first, then ICMP, the route that got further
            RouteTracer.Route best = path.client.call(
                    () -> RouteTracer.furthest(IpKey.parse(RoutedPath.TARGET_V4), 6, 2, Duration.ofMillis(300)));
            assertThat(best.probe()).isEqualTo(RouteTracer.Probe.ICMP);
            assertThat(best.reached()).isTrue();
        } finally {
            path.router2.exec("nft", "delete table inet ngzudp");
            path.client.exec("sysctl", "-q", "-w", "net.ipv4.ping_group_range=1 0");
        }
    }

    /**
     * A tracing thread held up between its own stamp of a probe and the probe's send (a busy host, the
     * one traced from during an incident) does not add the hold-up to the round trips: the kernel's
     * stamps of the sends count, for UDP and ICMP echo probes of both families. Each hop of this path
     * answers in well under a millisecond; each send here is held up 60 ms.
     */
    @Test
    void aThreadHeldUpBeforeItsSendsDoesNotInflateTheRoundTrips() throws Exception {
        Runnable heldUp = () -> {
            try {
                Thread.sleep(60);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        path.client.exec("sysctl", "-q", "-w", "net.ipv4.ping_group_range=0 2147483647");
        try {
            for (RouteTracer.Probe kind : RouteTracer.Probe.values()) {
                for (String target : List.of(RoutedPath.TARGET_V4, RoutedPath.TARGET_V6)) {
                    RouteTracer.Route r = path.client.call(() ->
                            new RouteTracer(30, 2, Duration.ofSeconds(2), kind, heldUp).trace(IpKey.parse(target)));
                    assertThat(r.reached()).as("%s %s", kind, target).isTrue();
                    assertThat(r.hops()).as("%s %s", kind, target).hasSize(3);
                    for (RouteTracer.Hop h : r.hops()) {
                        assertThat(h.rttMs())
                                .as("%s %s hop %d", kind, target, h.ttl())
                                .hasSize(2)
                                .allSatisfy(ms -> assertThat(ms).isPositive().isLessThan(30.0));
                    }
                }
            }
        } finally {
            path.client.exec("sysctl", "-q", "-w", "net.ipv4.ping_group_range=1 0");
        }
    }

    /**
     * Found by comparing {@code nethergaze trace} with {@code traceroute} over veth hops of 0.01 ms: in a
     * fresh process, as the command always is, most runs said 5 to 20 ms for every hop. The kernel only
     * starts stamping arrivals a moment after the first socket asks for it, and stamps an answer that
     * came before with the time it is read; the first read waited for the native calls to be linked.
     */
    @Test
    void aFreshProcessTimesItsAnswersAsTheyArrive() throws Exception {
        String jvm = ProcessHandle.current().info().command().orElseThrow();
        java.util.regex.Pattern rtt = java.util.regex.Pattern.compile("([0-9]+\\.[0-9]+) ms");
        for (int run = 0; run < 5; run++) {
            String out = path.client.exec(
                    jvm,
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.nethergaze.cli.Main",
                    "trace",
                    "--max-hops",
                    "3",
                    RoutedPath.TARGET_V4);
            List<Double> times = out.lines()
                    .filter(l -> l.matches("\\s*[0-9]+ .*"))
                    .flatMap(l -> rtt.matcher(l).results().map(m -> Double.parseDouble(m.group(1))))
                    .toList();
            assertThat(times).as(out).hasSize(9).allSatisfy(ms -> assertThat(ms).isLessThan(5.0));
        }
    }

    /**
     * Found by tracing a subnet's broadcast address from the namespace chain: "cannot send to
     * 10.201.1.255: Permission denied" did not say why. Nothing is sent (the kernel refuses).
     */
    @Test
    void theBroadcastAddressOfTheLinkIsNamedAsOne() {
        assertThatThrownBy(() -> trace("192.0.2.255", Duration.ofMillis(100)))
                .hasMessage("cannot send to 192.0.2.255: Permission denied (a broadcast address: no one route leads"
                        + " to it)");
    }

    @Test
    void aRouterThatSendsNoTimeExceededIsASilentHop() throws Exception {
        path.router2.exec("nft", "add table inet ngzquiet");
        try {
            path.router2.exec("nft", "add chain inet ngzquiet out { type filter hook output priority 0 ; }");
            path.router2.exec("nft", "add rule inet ngzquiet out icmp type time-exceeded drop");
            path.router2.exec("nft", "add rule inet ngzquiet out icmpv6 type time-exceeded drop");
            for (String target : List.of(RoutedPath.TARGET_V4, RoutedPath.TARGET_V6)) {
                RouteTracer.Route r = trace(target, Duration.ofMillis(700));
                assertThat(r.reached()).as(target).isTrue();
                assertThat(r.hops()).hasSize(3);
                assertThat(r.hops().get(1).addresses())
                        .as("router2 says nothing")
                        .isEmpty();
                assertThat(r.hops().get(1).rttMs()).isEmpty();
                assertThat(r.hops().get(2).addresses()).containsExactly(IpKey.parse(target));
            }
        } finally {
            path.router2.exec("nft", "delete table inet ngzquiet");
        }
    }

    /**
     * First: a router rate-limits its "unreachable" answers per client (a burst of 5, then one a
     * second; {@code net.ipv4.route.error_cost} is host-wide, not per namespace, so it stays as it is),
     * and every ICMP answer it sent before drains that budget.
     */
    @Test
    @Order(1)
    void aRouterWithoutARouteEndsThePath() throws Exception {
        RouteTracer.Route r = trace("100.64.0.1", Duration.ofSeconds(2));
        assertThat(r.reached()).isFalse();
        assertThat(r.hops()).hasSize(1);
        assertThat(r.hops().getFirst().addresses()).containsExactly(IpKey.parse("192.0.2.1"));
        assertThat(r.hops().getFirst().end()).isEqualTo("net unreachable");
    }
}
