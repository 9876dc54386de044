package dev.nethergaze.ui.tui.screen;

import dev.nethergaze.model.IpView;
import dev.nethergaze.model.LoopbackProxyHint;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.Totals;
import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Layout;
import dev.nethergaze.ui.tui.draw.Layout.Constraint;
import dev.nethergaze.ui.tui.draw.Rect;
import dev.nethergaze.ui.tui.draw.Text;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.widget.Box;
import dev.nethergaze.ui.tui.widget.Table;
import java.util.List;

/**
 * The main screen: header, offenders strip, the IP table and the live log side by side (or stacked
 * below 140 columns), and the stats bar. Resolves the selection by IP before drawing, so the cursor
 * stays on the same address when sorting or new data moves it.
 */
public final class MainScreen {

    /** Below this width the table and the log are stacked, so both get the full width. */
    public static final int SIDE_BY_SIDE_MIN_WIDTH = 200;

    private MainScreen() {}

    public static void render(CellBuffer buf, ConsoleState st, IpRows ipRows, LogHistory log, Theme t, long now) {
        Rect[] rows = Layout.rows(
                buf.area(),
                Constraint.fixed(1),
                Constraint.fixed(OffendersView.height(st.snapshot)),
                Constraint.fill(1),
                Constraint.fixed(1));
        HeaderView.render(buf, rows[0], st, t, now);
        OffendersView.render(buf, rows[1], st.snapshot, st.offenders, t);
        Rect body = rows[2];
        Rect tableBox;
        Rect logBox;
        if (body.w() >= SIDE_BY_SIDE_MIN_WIDTH) {
            Rect[] cols = Layout.columns(body, 0, Constraint.percent(62), Constraint.fill(1));
            tableBox = cols[0];
            logBox = cols[1];
        } else {
            Rect[] parts = Layout.rows(body, Constraint.fixed(tableHeight(body.h())), Constraint.fill(1));
            tableBox = parts[0];
            logBox = parts[1];
        }
        List<IpView> visible = ipRows.rows(st);
        int total = st.snapshot == null ? 0 : st.snapshot.ips().size();
        int ips = 0; // a group's row stands for its members
        for (IpView v : visible) {
            ips += v.group() == null ? 1 : v.group().members().size();
        }
        drawTable(buf, tableBox, st, visible, ips, total, t);
        drawLog(buf, logBox, st, ipRows, log, t);
        StatsBar.render(buf, rows[3], st, ips, t, now);
    }

    /**
     * The table's rows when stacked over the log: 58 %, but never fewer than its borders, header and
     * one IP; a log left fewer than 3 rows (no line inside its border) goes to the table. At 40×10 the
     * table's box was drawn without a row, its lines given to the log.
     */
    static int tableHeight(int body) {
        int table = Math.max(body * 58 / 100, Math.min(body, 4));
        return body - table < 3 ? body : table;
    }

    /** Picks the selected row: the selected IP if still listed, else the row at the old index. */
    public static int resolveSelection(ConsoleState st, List<IpView> visible) {
        int idx = st.pinned ? IpRows.indexOf(visible, st.selected) : (visible.isEmpty() ? -1 : 0);
        if (!st.pinned && idx == 0) {
            st.selected = visible.get(0).ip();
        }
        if (idx < 0 && !visible.isEmpty()) {
            idx = Math.min(Math.max(0, st.lastIndex), visible.size() - 1);
            st.selected = visible.get(idx).ip();
        }
        st.lastIndex = Math.max(0, idx);
        return idx;
    }

    private static void drawTable(
            CellBuffer buf, Rect box, ConsoleState st, List<IpView> visible, int ips, int total, Theme t) {
        boolean focused = st.focus == Focus.TABLE;
        String title = (st.suspiciousOnly ? "suspicious IPs " : "IPs ") + ips;
        if (ips != total) {
            title += " of " + total;
        }
        if (st.grouped) {
            title += " in " + visible.size() + " rows";
        }
        Rect inner =
                Box.draw(buf, box, title, "sort " + st.sort.tag(), focused ? t.borderFocus() : t.border(), t.title());
        int sel = resolveSelection(st, visible);
        Table.Drawn d = Table.render(
                buf, inner, IpColumns.ALL, visible, sel, st.tableOffset, focused, st.sort.tag(), !st.reversed, t);
        st.tableOffset = d.offset();
        st.pageRows = Math.max(1, d.visibleRows());
        st.tableFirstRowY = d.firstRowY();
        st.tableArea = inner;
        if (visible.isEmpty() && inner.h() > 1) {
            String why = st.snapshot == null
                    ? "waiting for data…"
                    : st.suspiciousOnly || !st.filter().describe().isEmpty()
                            ? "no IP matches (! toggles suspicious mode, f/ edit the filter, Esc clears)"
                            : noRemotes(st.snapshot.totals(), st.snapshot.sources());
            String[] lines = why.split("\n");
            for (int i = 0; i < lines.length && 2 + i < inner.h(); i++) {
                buf.put(inner, 1, 2 + i, Text.fit(lines[i], inner.w() - 2), t.dim());
            }
        }
    }

    /**
     * Why the table is empty with no filter: nothing came yet, or all of it came from loopback or
     * private addresses, which are hidden unless asked for.
     */
    static String noRemotes(Totals tot, List<SourceHealth> sources) {
        String hidden = tot.hiddenRemotes();
        return hidden.isEmpty()
                ? "no remote IPs yet"
                : "no remote IPs yet: " + hidden + ";\n" + LoopbackProxyHint.forHidden(sources);
    }

    /** Keeps a scrolled-back log on the same lines while new ones arrive (by sequence number). */
    static void anchor(ConsoleState st, List<LogEntry> entries) {
        if (st.logBack <= 0 || entries.isEmpty()) {
            st.logBack = 0;
            st.logAnchor = -1;
            return;
        }
        if (st.logAnchor < 0) {
            st.logAnchor =
                    entries.get(Math.max(0, entries.size() - 1 - st.logBack)).seq();
            return;
        }
        int lo = 0;
        int hi = entries.size() - 1;
        while (lo < hi) { // first entry with seq >= anchor
            int mid = (lo + hi) >>> 1;
            if (entries.get(mid).seq() < st.logAnchor) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        st.logBack = entries.size() - 1 - lo;
    }

    private static void drawLog(CellBuffer buf, Rect box, ConsoleState st, IpRows ipRows, LogHistory log, Theme t) {
        boolean focused = st.focus == Focus.LOG;
        List<LogEntry> entries = RequestLogView.visible(log.entries(), st, ipRows);
        String note = st.logBack > 0 ? "↑ " + st.logBack + " back · End follows" : st.paused ? "paused" : "live";
        Rect inner = Box.draw(buf, box, "requests & ssh", note, focused ? t.borderFocus() : t.border(), t.title());
        st.logArea = inner;
        anchor(st, entries);
        st.logBack = Math.min(st.logBack, Math.max(0, entries.size() - inner.h()));
        RequestLogView.render(buf, inner, entries, st.logBack, ipRows, t);
    }
}
