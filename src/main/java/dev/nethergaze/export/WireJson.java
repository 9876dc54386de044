package dev.nethergaze.export;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nethergaze.model.RttSamples;
import dev.nethergaze.model.WireSummary;
import java.io.IOException;

/** The {@code ips[].wire} object of the snapshot JSON: what a packet capture saw of the IP, or null. */
public final class WireJson {

    private WireJson() {}

    static void write(JsonGenerator g, WireSummary w) throws IOException {
        if (w == null) {
            g.writeNullField("wire");
            return;
        }
        g.writeObjectFieldStart("wire");
        g.writeNumberField("packets", w.packets());
        g.writeNumberField("bytes", w.bytes());
        g.writeNumberField("rx_packets", w.rxPackets());
        rate(g, "pps", w.pps());
        rate(g, "pps_10s", w.pps10s());
        rate(g, "pps_60s", w.pps60s());
        g.writeNumberField("peak_pps", round(w.peakPps()));
        g.writeNumberField("low_pps", round(w.lowPps()));
        g.writeNumberField("syn", w.syn());
        g.writeNumberField("synack", w.synAck());
        g.writeNumberField("rst", w.rst());
        g.writeNumberField("handshakes", w.handshakes());
        g.writeNumberField("syn_unanswered", w.unansweredSyn());
        g.writeNumberField("syn_refused", w.refusedSyn());
        g.writeNumberField("half_open", w.halfOpen());
        g.writeNumberField("synack_reset", w.synAckReset());
        Double rtt = RttSamples.json(w.handshakeRttMsP50());
        if (rtt == null) {
            g.writeNullField("handshake_rtt_ms_p50");
        } else {
            g.writeNumberField("handshake_rtt_ms_p50", rtt);
        }
        g.writeNumberField("retrans", w.retrans());
        g.writeNumberField("sack_blocks", w.sackBlocks());
        g.writeNumberField("zero_window", w.zeroWindow());
        g.writeNumberField("ports_touched", w.portsTouched());
        g.writeNumberField("first_seen_ns", w.firstSeenNanos());
        g.writeNumberField("last_seen_ns", w.lastSeenNanos());
        g.writeStringField("mac", w.mac());
        g.writeEndObject();
    }

    /** A rate, null when unknown (the capture counts nothing now: see {@link WireSummary}). */
    private static void rate(JsonGenerator g, String name, double v) throws IOException {
        Double r = rate(v);
        if (r == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, r);
        }
    }

    /** A rate as the JSON gives it, for other replies (ctl top): two decimals, null when unknown. */
    public static Double rate(double v) {
        return Double.isNaN(v) ? null : round(v);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
