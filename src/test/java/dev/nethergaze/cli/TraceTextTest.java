package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.source.trace.RouteTracer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text of a trace says one hop and one probe in the singular ("reached X in 1 hops" before). */
class TraceTextTest {

    private static final IpKey TARGET = IpKey.parse("192.0.2.1");

    private static RouteTracer.Route route(int maxHops, int probes, List<RouteTracer.Hop> hops, boolean reached) {
        return new RouteTracer.Route(TARGET, maxHops, probes, RouteTracer.Probe.UDP, hops, reached);
    }

    private static List<String> lines(RouteTracer.Route r) {
        return TraceCommand.lines(
                r,
                r.hops().stream().map(h -> new TraceCommand.Row(h, null, null)).toList());
    }

    @Test
    void aTargetOneHopAwayIsReachedInOneHop() {
        RouteTracer.Hop hop = new RouteTracer.Hop(1, List.of(TARGET), List.of(0.5), 1, "reached");
        List<String> text = lines(route(1, 1, List.of(hop), true));
        assertThat(text.getFirst()).isEqualTo("trace to 192.0.2.1: 1 hop at most, 1 UDP probe per hop");
        assertThat(text.getLast()).isEqualTo("reached 192.0.2.1 in 1 hop");
    }

    @Test
    void manyHopsAndProbesArePlural() {
        RouteTracer.Hop first = new RouteTracer.Hop(1, List.of(IpKey.parse("198.51.100.1")), List.of(0.5, 0.6), 2, "");
        RouteTracer.Hop second = new RouteTracer.Hop(2, List.of(TARGET), List.of(0.7, 0.8), 2, "reached");
        List<String> text = lines(route(30, 2, List.of(first, second), true));
        assertThat(text.getFirst()).isEqualTo("trace to 192.0.2.1: 30 hops at most, 2 UDP probes per hop");
        assertThat(text.getLast()).isEqualTo("reached 192.0.2.1 in 2 hops");
    }

    @Test
    void notReachedWithinOneHopIsSingular() {
        RouteTracer.Hop lost = new RouteTracer.Hop(1, List.of(), List.of(), 3, "");
        assertThat(lines(route(1, 3, List.of(lost), false)).getLast()).isEqualTo("not reached within 1 hop");
    }
}
