package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.model.AuthSummary;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.TcpQuality;
import dev.nethergaze.model.WireSummary;
import dev.nethergaze.model.WiredViews;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A term naming a number of the snapshot's {@code ips[]} by its JSON path ({@code wire.pps>1},
 * {@code auth.failures>=3}) compares it: {@code wire.pps>1} was taken as free text and matched no IP
 * (nothing's text holds "wire.pps>1"), silently. An IP without the figure (no capture, rates
 * unknown) passes no comparison; an unknown path is an error naming the term; a bare dotted word
 * (a host name) is still free text.
 */
class FilterFieldPathTest {

    private static final Instant T = Instant.parse("2026-12-07T04:00:00Z");
    private static final IpView BUSY = view("203.0.113.1", wire(40.0, 12.5), 7);
    private static final IpView QUIET = view("203.0.113.2", wire(0.5, Double.NaN), 0);
    private static final IpView STALE = view("203.0.113.3", wire(Double.NaN, 3.0), 0);
    private static final IpView NO_CAPTURE = view("203.0.113.4", null, 2);
    private static final List<IpView> ALL = List.of(BUSY, QUIET, STALE, NO_CAPTURE);

    @Test
    void aDottedFieldIsTheJsonPathOfANumber() {
        assertThat(kept("wire.pps>1")).containsExactly(BUSY);
        assertThat(kept("wire.pps_10s>=0.5")).containsExactly(BUSY, QUIET);
        assertThat(kept("wire.handshake_rtt_ms_p50<5")).containsExactly(STALE);
        assertThat(kept("wire.packets>=100")).containsExactly(BUSY, QUIET, STALE);
        assertThat(kept("auth.failures>=3")).isEqualTo(kept("fails>=3")).containsExactly(BUSY);
        assertThat(kept("!wire.pps>1")).containsExactly(QUIET, STALE, NO_CAPTURE);
        assertThat(kept("WIRE.PPS>1"))
                .as("names in any case, as the other fields")
                .containsExactly(BUSY);
        assertThat(kept("wire.pps!=0.5"))
                .as("no figure passes no comparison, != included")
                .containsExactly(BUSY);
    }

    /**
     * An IP whose sockets gave no RTT (none ESTABLISHED: the JSON's rtt_ms_p50 is null) has no RTT to
     * compare, as the JSON says: it was taken for 0 ms, a perfect link, and matched every {@code <}.
     */
    @Test
    void anRttNoSocketMeasuredPassesNoComparison() {
        IpView measured = WiredViews.of("203.0.113.5", T, null, AuthSummary.NONE, new TcpQuality(12.0, 30.0, 0, 0, 2));
        IpView unmeasured = WiredViews.of("203.0.113.6", T, null, AuthSummary.NONE, new TcpQuality(0.0, 0.0, 3, 1, 0));
        List<IpView> both = List.of(measured, unmeasured);
        assertThat(Filter.parse("tcp.rtt_ms_p50<20").apply(both)).containsExactly(measured);
        assertThat(Filter.parse("tcp.rtt_ms_max<=30").apply(both)).containsExactly(measured);
        assertThat(Filter.parse("tcp.rtt_ms_p50>=0").apply(both)).containsExactly(measured);
        assertThat(Filter.parse("tcp.retrans>=3").apply(both))
                .as("its other figures are known")
                .containsExactly(unmeasured);
    }

    @Test
    void anUnknownPathIsAnErrorNamingTheTerm() {
        assertThatThrownBy(() -> Filter.parse("conns>=1 wire.ppps>1"))
                .isInstanceOf(FilterException.class)
                .hasMessageContaining("wire.ppps>1")
                .hasMessageContaining("at column 10")
                .hasMessageContaining("'wire.ppps' is not a number field")
                .hasMessageContaining("wire.pps");
        assertThatThrownBy(() -> Filter.parse("wire.mac:aa")).isInstanceOf(FilterException.class);
    }

    @Test
    void aBareDottedWordIsStillText() {
        assertThat(kept("203.0.113.1")).containsExactly(BUSY);
        assertThat(kept("shop.example")).isEmpty();
    }

    private static List<IpView> kept(String filter) {
        return Filter.parse(filter).apply(ALL);
    }

    private static WireSummary wire(double pps, double rttMs) {
        return new WireSummary(
                100, 6000, 50, pps, pps, pps, 40, 1, 2, 2, 0, 2, 0, 0, 0, 0, rttMs, 0, 0, 0, 1, 1, 2, "");
    }

    private static IpView view(String ip, WireSummary wire, int failures) {
        return WiredViews.of(ip, T, wire, new AuthSummary(failures, 0, 0, 0, 0, List.of()));
    }
}
