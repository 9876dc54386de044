package dev.nethergaze.ui.tui.screen;

import dev.nethergaze.detect.Findings;
import dev.nethergaze.model.IpView;
import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Layout;
import dev.nethergaze.ui.tui.draw.Layout.Constraint;
import dev.nethergaze.ui.tui.draw.Rect;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.widget.Box;
import dev.nethergaze.ui.tui.widget.StyledLine;
import java.util.ArrayList;
import java.util.List;

/**
 * The IP detail modal, re-read from every new snapshot (live). Two columns when wide, one scrolling
 * column when narrow; the action keys are on the bottom edge.
 */
public final class DetailScreen {

    private DetailScreen() {}

    /** The detail covers the body, between the header and the stats bar (like a k9s view). */
    public static Rect area(Rect screen) {
        return screen.belowTop(1).aboveBottom(1);
    }

    public static void render(CellBuffer buf, ConsoleState st, IpRows rows, List<String> hookNames, Theme t) {
        Rect box = area(buf.area());
        IpView v = rows.find(st.detailIp);
        String title = (v != null && v.group() != null
                        ? v.ip() + "/" + v.group().bits() + " · "
                                + v.group().members().size() + " IPs"
                        : String.valueOf(st.detailIp))
                + (v == null || !Findings.flagged(v)
                        ? ""
                        : Findings.open(v) == 0 ? "  ○ flagged earlier" : "  ● flagged");
        String note = v == null ? "no longer tracked" : "live";
        Rect inner = Box.modal(
                buf, box, title, note, t.borderFocus(), v != null && Findings.open(v) > 0 ? t.bad() : t.title());
        Rect[] parts = Layout.rows(inner, Constraint.fill(1), Constraint.fixed(1));
        footer(buf, parts[1], hookNames, t);
        Rect body = parts[0].inset(0);
        if (v == null) {
            buf.put(body, 1, 1, "This IP is not in the latest snapshot (idle or evicted).", t.dim());
            return;
        }
        var now = st.snapshot.generatedAt();
        List<StyledLine> left = new ArrayList<>(DetailLines.identity(v, now, st.whoisAsks, st.historyKept, t));
        if (v.group() != null) {
            left.add(new StyledLine());
            left.addAll(DetailLines.members(v, t));
        }
        List<StyledLine> right = new ArrayList<>(DetailLines.findings(v, now, t));
        if (body.w() >= 110) {
            left.add(new StyledLine());
            left.addAll(DetailLines.connections(v, t));
            right.add(new StyledLine());
            right.addAll(DetailLines.requests(v, t));
            Rect[] cols = Layout.columns(body.inset(0), 3, Constraint.percent(40), Constraint.fill(1));
            left = wrap(left, cols[0]);
            right = wrap(right, cols[1]);
            int max = Math.max(left.size(), right.size());
            st.detailScroll = Math.min(st.detailScroll, Math.max(0, max - body.h()));
            draw(buf, cols[0], left, st.detailScroll);
            draw(buf, cols[1], right, st.detailScroll);
        } else {
            List<StyledLine> all = new ArrayList<>(right);
            all.add(new StyledLine());
            all.addAll(left);
            all.add(new StyledLine());
            all.addAll(DetailLines.connections(v, t));
            all.add(new StyledLine());
            all.addAll(DetailLines.requests(v, t));
            all = wrap(all, body);
            st.detailScroll = Math.min(st.detailScroll, Math.max(0, all.size() - body.h()));
            draw(buf, body, all, st.detailScroll);
        }
    }

    /**
     * The lines as the rows they take in {@code r}: a finding's reason, its evidence and the Who
     * values wrap (the detail is the one place to read them whole), the rest is clipped.
     */
    private static List<StyledLine> wrap(List<StyledLine> lines, Rect r) {
        List<StyledLine> rows = new ArrayList<>(lines.size());
        for (StyledLine l : lines) {
            rows.addAll(l.wrap(pad(r).w()));
        }
        return rows;
    }

    private static Rect pad(Rect r) {
        return new Rect(r.x() + 1, r.y(), r.w() - 1, r.h());
    }

    private static void draw(CellBuffer buf, Rect r, List<StyledLine> lines, int scroll) {
        Rect pad = pad(r);
        for (int i = 0; i < pad.h() && scroll + i < lines.size(); i++) {
            lines.get(scroll + i).draw(buf, pad.x(), pad.y() + i, pad.w());
        }
    }

    private static void footer(CellBuffer buf, Rect r, List<String> hookNames, Theme t) {
        StyledLine l = new StyledLine();
        key(l, "Esc", "close", t);
        key(l, "↑↓", "scroll", t);
        key(l, "b", "block", t);
        key(l, "u", "unblock", t);
        key(l, "c", "copy IP", t);
        key(l, "w", "whois", t);
        key(l, "t", "trace", t);
        for (int i = 0; i < hookNames.size() && i < 9; i++) {
            key(l, Integer.toString(i + 1), hookNames.get(i), t);
        }
        l.draw(buf, r.x() + 1, r.y(), r.w() - 1);
    }

    private static void key(StyledLine l, String key, String what, Theme t) {
        l.add(key, t.key()).add(" " + what + "  ", t.dim());
    }
}
