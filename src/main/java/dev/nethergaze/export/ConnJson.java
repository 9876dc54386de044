package dev.nethergaze.export;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nethergaze.model.ProcessCount;
import dev.nethergaze.model.ProcessOwner;
import dev.nethergaze.model.SynCounters;
import dev.nethergaze.model.TcpQuality;
import java.io.IOException;
import java.util.List;

/**
 * The kernel-table parts of a snapshot beyond counts: {@code ips[].tcp} (network quality from
 * tcp_info), {@code ips[].processes[]} (owning processes, or why unattributed) and {@code
 * totals.syn} (SYN-flood counters per second). Absent data is written as null.
 */
final class ConnJson {

    private ConnJson() {}

    static void writeTcp(JsonGenerator g, TcpQuality q) throws IOException {
        if (q == null) {
            g.writeNullField("tcp");
            return;
        }
        g.writeObjectFieldStart("tcp");
        g.writeNumberField("rtt_ms_p50", round3(q.rttMsP50()));
        g.writeNumberField("rtt_ms_max", round3(q.rttMsMax()));
        g.writeNumberField("retrans", q.retrans());
        g.writeNumberField("lost", q.lost());
        g.writeNumberField("rtt_sockets", q.sampled());
        g.writeEndObject();
    }

    static void writeProcesses(JsonGenerator g, List<ProcessCount> processes) throws IOException {
        g.writeArrayFieldStart("processes");
        for (ProcessCount p : processes) {
            ProcessOwner o = p.owner();
            g.writeStartObject();
            if (o.attributed()) {
                g.writeNumberField("pid", o.pid());
                g.writeStringField("command", o.command());
            } else {
                g.writeNullField("pid");
                g.writeStringField("unattributed", o.unattributed().reason());
            }
            g.writeNumberField("connections", p.connections());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static void writeSyn(JsonGenerator g, SynCounters s) throws IOException {
        if (s == null) {
            g.writeNullField("syn");
            return;
        }
        g.writeObjectFieldStart("syn");
        g.writeNumberField("syncookies_sent_per_s", round3(s.syncookiesSentPerS()));
        g.writeNumberField("syncookies_failed_per_s", round3(s.syncookiesFailedPerS()));
        g.writeNumberField("listen_overflows_per_s", round3(s.listenOverflowsPerS()));
        g.writeNumberField("listen_drops_per_s", round3(s.listenDropsPerS()));
        g.writeNumberField("reqq_full_do_cookies_per_s", round3(s.reqQFullDoCookiesPerS()));
        g.writeNumberField("reqq_full_drop_per_s", round3(s.reqQFullDropPerS()));
        g.writeNumberField("syn_retrans_per_s", round3(s.synRetransPerS()));
        g.writeNumberField("in_segs_per_s", round3(s.inSegsPerS()));
        g.writeNumberField("syncookies", s.syncookies());
        g.writeEndObject();
    }

    private static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
