package dev.nethergaze.export;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nethergaze.model.ProcessCount;
import dev.nethergaze.model.ProcessOwner;
import dev.nethergaze.model.SynCounters;
import dev.nethergaze.model.SynTotals;
import dev.nethergaze.model.TcpQuality;
import java.io.IOException;
import java.util.List;

/**
 * The kernel-table parts of a snapshot beyond counts: {@code ips[].tcp} (network quality from
 * tcp_info), {@code ips[].processes[]} (owning processes, or why unattributed) and {@code
 * totals.syn} (SYN-flood counters per second). Absent data is written as null, and so is what the
 * kernel did not tell: an RTT when none of the IP's sockets was ESTABLISHED, a backlog procfs has not.
 */
final class ConnJson {

    private ConnJson() {}

    static void writeTcp(JsonGenerator g, TcpQuality q) throws IOException {
        if (q == null) {
            g.writeNullField("tcp");
            return;
        }
        g.writeObjectFieldStart("tcp");
        if (q.sampled() > 0) {
            g.writeNumberField("rtt_ms_p50", round3(q.rttMsP50()));
            g.writeNumberField("rtt_ms_max", round3(q.rttMsMax()));
        } else { // no ESTABLISHED socket measured one: unknown, not 0 ms
            g.writeNullField("rtt_ms_p50");
            g.writeNullField("rtt_ms_max");
        }
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
        if (s.hasRates()) {
            g.writeNumberField("interval_s", round3(s.intervalS()));
        } else {
            g.writeNullField("interval_s");
        }
        rate(g, "syncookies_sent_per_s", s, s.syncookiesSentPerS());
        rate(g, "syncookies_failed_per_s", s, s.syncookiesFailedPerS());
        rate(g, "listen_overflows_per_s", s, s.listenOverflowsPerS());
        rate(g, "listen_drops_per_s", s, s.listenDropsPerS());
        rate(g, "reqq_full_do_cookies_per_s", s, s.reqQFullDoCookiesPerS());
        rate(g, "reqq_full_drop_per_s", s, s.reqQFullDropPerS());
        rate(g, "syn_retrans_per_s", s, s.synRetransPerS());
        rate(g, "in_segs_per_s", s, s.inSegsPerS());
        g.writeNumberField("syncookies", s.syncookies());
        SynTotals t = s.sinceBoot();
        if (t == null) {
            g.writeNullField("since_boot");
        } else {
            g.writeObjectFieldStart("since_boot");
            total(g, "syncookies_sent", t.syncookiesSent());
            total(g, "syncookies_failed", t.syncookiesFailed());
            total(g, "listen_overflows", t.listenOverflows());
            total(g, "listen_drops", t.listenDrops());
            total(g, "reqq_full_do_cookies", t.reqQFullDoCookies());
            total(g, "reqq_full_drop", t.reqQFullDrop());
            total(g, "syn_retrans", t.synRetrans());
            total(g, "in_segs", t.inSegs());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void rate(JsonGenerator g, String name, SynCounters s, double perS) throws IOException {
        if (s.hasRates()) {
            g.writeNumberField(name, round3(perS));
        } else {
            g.writeNullField(name);
        }
    }

    /** {@code listeners[].backlog}: null when the source cannot tell (procfs has no backlog; -1). */
    static void writeBacklog(JsonGenerator g, long backlog) throws IOException {
        if (backlog >= 0) {
            g.writeNumberField("backlog", backlog);
        } else {
            g.writeNullField("backlog");
        }
    }

    private static void total(JsonGenerator g, String name, long v) throws IOException {
        if (v >= 0) {
            g.writeNumberField(name, v);
        } else {
            g.writeNullField(name);
        }
    }

    private static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
