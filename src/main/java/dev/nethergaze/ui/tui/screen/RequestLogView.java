package dev.nethergaze.ui.tui.screen;

import dev.nethergaze.detect.Findings;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.RequestView;
import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Rect;
import dev.nethergaze.ui.tui.draw.Text;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.filter.IpFilter;
import dev.nethergaze.ui.tui.widget.LogView;
import dev.nethergaze.ui.tui.widget.StyledLine;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The live request log with SSH events interleaved, coloured by status class, with the table's
 * filter (and suspicious mode) applied. Only the lines on screen are styled.
 */
final class RequestLogView {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private RequestLogView() {}

    /** The entries that pass the current filter and mode, oldest first. */
    static List<LogEntry> visible(List<LogEntry> all, ConsoleState st, IpRows rows) {
        IpFilter f = st.filter();
        if (f.isAll() && !st.suspiciousOnly) {
            return all;
        }
        List<LogEntry> out = new ArrayList<>();
        for (LogEntry e : all) {
            IpView v = rows.find(e.ip());
            if (st.suspiciousOnly && (v == null || !Findings.flagged(v))) {
                continue;
            }
            if (f.testLine(v, e.searchText())) {
                out.add(e);
            }
        }
        return out;
    }

    static void render(CellBuffer buf, Rect r, List<LogEntry> entries, int back, IpRows rows, Theme t) {
        int b = Math.min(Math.max(0, back), LogView.maxBack(entries.size(), r.h()));
        int end = entries.size() - b;
        int start = Math.max(0, end - r.h());
        List<StyledLine> lines = new ArrayList<>(end - start);
        int ipW = r.w() >= 70 ? 22 : 15;
        boolean agents = r.w() >= 120;
        for (int i = start; i < end; i++) {
            lines.add(line(entries.get(i), ipW, agents, rows, t));
        }
        LogView.render(buf, r, lines, 0);
        if (entries.isEmpty()) {
            buf.put(r, 1, 0, "no requests yet", t.dim());
        }
    }

    private static StyledLine line(LogEntry e, int ipW, boolean agents, IpRows rows, Theme t) {
        IpView v = rows.find(e.ip());
        boolean sus = v != null && Findings.flagged(v);
        StyledLine l = new StyledLine()
                .add(TIME.format(e.time()) + " ", t.dim())
                .add(Text.left(Cells.ip(e.ip(), ipW), ipW) + " ", sus ? t.warn() : t.text());
        RequestView r = e.request();
        if (r == null) {
            return l.add("ssh ", e.sshFailure() ? t.bad() : t.ok()).add(e.text(), e.sshFailure() ? t.warn() : t.text());
        }
        int st = t.status(r.status());
        l.add((r.status() < 0 ? "-" : String.valueOf(r.status())) + " ", st);
        l.add(Cells.request(r), r.status() >= 400 ? st : t.text());
        if (r.bytes() > 0) {
            l.add("  " + Text.bytes(r.bytes()), t.dim());
        }
        if (agents && r.userAgent() != null && !r.userAgent().isEmpty() && !"-".equals(r.userAgent())) {
            l.add("  " + r.userAgent(), t.dim());
        }
        return l;
    }
}
