package dev.nethergaze.ui.tui.screen;

import dev.nethergaze.detect.Findings;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.InterfaceRates;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.TcpState;
import dev.nethergaze.model.Totals;
import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Rect;
import dev.nethergaze.ui.tui.draw.Text;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.widget.Bars;
import dev.nethergaze.ui.tui.widget.StyledLine;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The top-offenders strip: host-wide rates with a half-open gauge on the first line, the top three
 * IPs by request rate, by connections and by SSH failures on the second, and, while there are any,
 * the findings about the host or a prefix on a third ({@link #height}): a SYN flood the table cannot
 * show, a full accept queue, a /64 rotating through its addresses. One pass over the IPs per snapshot
 * ({@link Tops}), not per frame: frames come every 250 ms and at every key.
 */
final class OffendersView {

    private OffendersView() {}

    /** The strip's lines: a third while the snapshot has findings about the host or a prefix. */
    static int height(Snapshot s) {
        return s != null && (!s.findings().isEmpty() || !s.earlierFindings().isEmpty()) ? 3 : 2;
    }

    /**
     * What the strip shows of a snapshot's IPs, worked out once for it: the host's new connections per
     * second and the top three IPs of each measure. A frame of the same snapshot (at a key, while
     * paused, or between ticks longer than a frame) redoes none of the four passes over its IPs.
     */
    static final class Tops {
        /** The measures, in the order of the line (and of {@link #best}). */
        private static final List<ToLongFunction<IpView>> MEASURES = List.of(
                IpView::requestsPerMin,
                v -> v.connections().total(),
                v -> v.auth().failures());

        private Snapshot of;
        private double newConns;
        private final IpView[][] best = new IpView[MEASURES.size()][];

        @SuppressWarnings("ReferenceEquality") // the same published snapshot object: nothing to redo
        Tops of(Snapshot s) {
            if (s == of) {
                return this;
            }
            // one pass, each measure read straight (not through MEASURES: three lambdas at one call
            // site are a megamorphic call per IP and measure, which made a single pass 4x slower
            // than four); most IPs have no connections and no SSH failures
            double conns = 0;
            IpView[][] top = new IpView[3][3];
            long[][] val = new long[3][3];
            int[] n = new int[3];
            for (IpView v : s.ips()) {
                conns += v.newConnsPerSec();
                long rate = v.requestsPerMin();
                if (rate > 0) {
                    n[0] = insert(top[0], val[0], n[0], v, rate);
                }
                long c = v.connections().total();
                if (c > 0) {
                    n[1] = insert(top[1], val[1], n[1], v, c);
                }
                long failed = v.auth().failures();
                if (failed > 0) {
                    n[2] = insert(top[2], val[2], n[2], v, failed);
                }
            }
            for (int g = 0; g < best.length; g++) {
                best[g] = java.util.Arrays.copyOf(top[g], n[g]);
            }
            newConns = conns;
            of = s;
            return this;
        }

        /**
         * {@code v} (with {@code x}) into the (at most) three highest of {@code top} so far, highest
         * first, ties by address; returns how many it holds now.
         */
        private static int insert(IpView[] top, long[] val, int n, IpView v, long x) {
            for (int i = 0; i < 3; i++) {
                if (i == n || x > val[i] || (x == val[i] && v.ip().compareTo(top[i].ip()) < 0)) {
                    System.arraycopy(top, i, top, i + 1, 2 - i);
                    System.arraycopy(val, i, val, i + 1, 2 - i);
                    top[i] = v;
                    val[i] = x;
                    return Math.min(3, n + 1);
                }
            }
            return n;
        }
    }

    static void render(CellBuffer buf, Rect r, Snapshot s, Tops memo, Theme t) {
        if (s == null || r.isEmpty()) {
            return;
        }
        Totals tot = s.totals();
        Tops tops = memo.of(s);
        double newConns = tops.newConns;
        int syn = tot.byState().getOrDefault(TcpState.SYN_RECV, 0);
        StyledLine a = new StyledLine()
                // the engine keeps requests per minute only: said, so that a rate half a minute after
                // a burst stopped is not read as load now
                .add(" req/s (60 s avg) ", t.dim())
                .add(Text.rate(tot.requestsPerMin() / 60.0), t.text())
                .add("   new conn/s ", t.dim())
                .add(Text.rate(newConns), t.text())
                .add("   SYN_RECV ", t.dim())
                .add(Text.count(syn), syn >= IpColumns.RED_FROM ? t.bad() : t.text());
        if (tot.syn() != null && tot.syn().hasRates()) { // SYNs the table cannot show: cookies or drops
            double cookies = tot.syn().syncookiesSentPerS();
            double drops = tot.syn().listenDropsPerS();
            a.add("  cookies/s ", t.dim())
                    .add(Text.rate(cookies), cookies > 0 ? t.bad() : t.text())
                    .add("  drops/s ", t.dim())
                    .add(Text.rate(drops), drops > 0 ? t.bad() : t.text());
        }
        a.add(" ", t.dim());
        int used = a.draw(buf, r.x(), r.y(), r.w());
        int gaugeW = Math.min(20, r.w() - used - 40);
        if (gaugeW >= 6) {
            double frac = tot.connections() == 0 ? 0 : (double) syn / tot.connections();
            Bars.gauge(buf, r.x() + used, r.y(), gaugeW, frac, t.bad(), t.dim());
            used += gaugeW;
            buf.put(
                    r.x() + used,
                    r.y(),
                    String.format(java.util.Locale.ROOT, " %3.0f%% half-open", frac * 100),
                    t.dim(),
                    r.w() - used);
            used += 15;
        }
        StyledLine rest = new StyledLine()
                .add("   ssh failures ", t.dim())
                .add(Text.count(tot.authFailures()), tot.authFailures() > 0 ? t.warn() : t.text());
        network(rest, tot.interfaces(), t);
        rest.draw(buf, r.x() + used, r.y(), r.w() - used);
        if (r.h() < 2) {
            return;
        }
        topLine(tops, t, r.w()).draw(buf, r.x(), r.y() + 1, r.w());
        if (r.h() >= 3 && !s.findings().isEmpty()) {
            hostFindings(s.findings(), t, r.w()).draw(buf, r.x(), r.y() + 2, r.w());
        } else if (r.h() >= 3 && !s.earlierFindings().isEmpty()) {
            endedHostFindings(s.earlierFindings(), s.generatedAt(), t, r.w()).draw(buf, r.x(), r.y() + 2, r.w());
        }
    }

    /**
     * The most severe finding about the host or a prefix with its reason, then the others by rule and
     * subject: {@code ⚠ HIGH syn_flood_counters: 412 SYN cookies sent … · also syn_flood_prefix
     * 198.51.100.0/24}. The reason is cut short rather than the others, so that all of them are named
     * within {@code width} (as far as it goes).
     */
    static StyledLine hostFindings(List<Finding> findings, Theme t, int width) {
        Finding first = findings.getFirst(); // most severe first
        int style = first.severity().compareTo(Severity.MEDIUM) >= 0 ? t.bad() : t.warn();
        String head = " ⚠ " + first.severity().name() + " " + first.rule() + named(first);
        String others = others(findings.subList(1, findings.size()), width - head.length() - 24);
        String reason = ": " + first.reason();
        int room = Math.max(24, width - head.length() - others.length());
        if (reason.length() > room) {
            reason = reason.substring(0, room - 1) + "…";
        }
        return new StyledLine().add(head, style).add(reason, t.text()).add(others, t.warn());
    }

    /**
     * With none firing now, the host-wide findings that ended, the most severe with its peak: {@code ○
     * ended 02:25:10 (4m ago): HIGH syn_flood_host: 12000 half-open connections … · also
     * listen_queue_full}. Dim: over, but not gone unseen.
     */
    static StyledLine endedHostFindings(List<PastFinding> earlier, Instant now, Theme t, int width) {
        PastFinding first = earlier.getFirst(); // most severe first
        Finding f = first.finding();
        String head = (first.held() ? " ◐ below threshold since " : " ○ ended ")
                + DetailLines.ago(first.ended(), now) + ": "
                + f.severity().name() + " " + f.rule() + named(f);
        String others = others(
                earlier.subList(1, earlier.size()).stream()
                        .map(PastFinding::finding)
                        .toList(),
                width - head.length() - 24);
        String reason = ": " + f.reason();
        int room = Math.max(24, width - head.length() - others.length());
        if (reason.length() > room) {
            reason = reason.substring(0, room - 1) + "…";
        }
        return new StyledLine().add(head + reason + others, t.dim());
    }

    /**
     * The findings after the first: {@code    also syn_flood_prefix 198.51.100.0/24 · syn_flood_prefix
     * 203.0.113.0/24}, or when that is longer than {@code room}, each rule once with how many
     * ({@code    also syn_flood_prefix ×2}), so that a narrow terminal still names them all whole.
     */
    private static String others(List<Finding> rest, int room) {
        if (rest.isEmpty()) {
            return "";
        }
        StringBuilder full = new StringBuilder("   also ");
        Map<String, Integer> perRule = new LinkedHashMap<>();
        for (Finding f : rest) {
            full.append(perRule.isEmpty() ? "" : " · ").append(f.rule()).append(named(f));
            perRule.merge(f.rule(), 1, Integer::sum);
        }
        if (full.length() <= room) {
            return full.toString();
        }
        StringBuilder brief = new StringBuilder("   also ");
        perRule.forEach((rule, n) ->
                brief.append(brief.length() > 8 ? " · " : "").append(rule).append(n > 1 ? " ×" + n : ""));
        return brief.toString();
    }

    /** A finding's subject as shown after its rule: nothing for the host, else the prefix. */
    private static String named(Finding f) {
        return HOST.equals(f.subject()) ? "" : " " + f.subject();
    }

    /** The subject of a finding about the host as a whole. */
    private static final String HOST = "host";

    /**
     * The network interfaces' traffic, summed ({@code net ↓1.2M/s ↑310K/s}), and their drops and
     * errors per second when there are any (a saturated NIC or a ring buffer too small).
     */
    private static void network(StyledLine line, List<InterfaceRates> interfaces, Theme t) {
        double rx = 0;
        double tx = 0;
        double trouble = 0;
        boolean rates = false;
        for (InterfaceRates i : interfaces) {
            if (i.intervalS() > 0) {
                rates = true;
                rx += i.rxBytesPerS();
                tx += i.txBytesPerS();
                trouble += i.troublePerS();
            }
        }
        if (!rates) {
            return;
        }
        line.add("   net ", t.dim())
                .add("↓" + Text.bytes(Math.round(rx)) + "/s ↑" + Text.bytes(Math.round(tx)) + "/s", t.text());
        if (trouble > 0) {
            line.add("  drops+errs/s ", t.dim()).add(Text.rate(trouble), t.bad());
        }
    }

    /**
     * The second line: the top three IPs by request rate, by connections and by SSH failures. Too
     * wide for {@code width}, it gives up, in this order, each group's last IPs (the group with the
     * most first, the rightmost on a tie; said with {@code …}), the word "top", the {@code …}, and
     * whole groups from the right, rather than cut an address in the middle, where {@code
     * 2001:db8:bad:1:} would name another IP than the one meant.
     */
    static StyledLine topLine(Tops tops, Theme t, int width) {
        TopGroups top = new TopGroups(tops, t);
        StyledLine line = top.line(LONG_LABELS, top.groups(), true);
        while (line.length() > width && top.shorten()) {
            line = top.line(LONG_LABELS, top.groups(), true);
        }
        if (line.length() > width) {
            line = top.line(SHORT_LABELS, top.groups(), true);
        }
        for (int groups = top.groups(); line.length() > width && groups > 0; groups--) {
            line = top.line(SHORT_LABELS, groups, false);
        }
        return line;
    }

    private static final String[] LONG_LABELS = {" top req/min ", "   top conns ", "   top ssh fails "};
    private static final String[] SHORT_LABELS = {" req/min ", "  conns ", "  ssh fails "};

    /** The top IPs of each measure, and how many of each the line shows. */
    private static final class TopGroups {
        private final IpView[][] best;
        private final int[] shown;
        private final Theme t;

        TopGroups(Tops tops, Theme t) {
            this.t = t;
            this.best = tops.best;
            this.shown = new int[best.length];
            for (int g = 0; g < best.length; g++) {
                shown[g] = best[g].length;
            }
        }

        int groups() {
            return best.length;
        }

        /** One IP fewer in the group showing the most (the rightmost on a tie); false at one each. */
        boolean shorten() {
            int cut = -1;
            for (int g = best.length - 1; g >= 0; g--) {
                if (shown[g] > 1 && (cut < 0 || shown[g] > shown[cut])) {
                    cut = g;
                }
            }
            if (cut >= 0) {
                shown[cut]--;
            }
            return cut >= 0;
        }

        StyledLine line(String[] labels, int groups, boolean marks) {
            StyledLine line = new StyledLine();
            for (int g = 0; g < groups; g++) {
                line.add(labels[g], t.dim());
                if (best[g].length == 0) {
                    line.add("—", t.dim());
                }
                for (int i = 0; i < shown[g]; i++) {
                    IpView v = best[g][i];
                    line.add(i == 0 ? "" : " · ", t.dim())
                            .add(Cells.ip(v.ip(), 22), Findings.flagged(v) ? t.warn() : t.text())
                            .add(" " + Text.count(Tops.MEASURES.get(g).applyAsLong(v)), t.accent());
                }
                if (marks && shown[g] < best[g].length) {
                    line.add(" …", t.dim());
                }
            }
            return line;
        }
    }
}
