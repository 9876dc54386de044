package dev.nethergaze.ui.tui.screen;

import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.Totals;
import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Rect;
import dev.nethergaze.ui.tui.draw.Style;
import dev.nethergaze.ui.tui.draw.Text;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.widget.StyledLine;

/**
 * The bottom line: totals, sort and filter on the left, the status message or key hints on the
 * right; while a filter is typed, the prompt takes the whole line.
 */
final class StatsBar {

    private StatsBar() {}

    static void render(CellBuffer buf, Rect r, ConsoleState st, int shown, Theme t, long nowNanos) {
        int bar = t.headerBar();
        buf.fill(r, ' ', bar);
        int bg = Style.bgOf(bar);
        int dim = Style.withBg(t.dim(), bg);
        int text = Style.withBg(t.text(), bg);
        if ((st.mode == Mode.QUICK_FILTER || st.mode == Mode.FILTER) && st.input != null) {
            String prompt =
                    st.mode == Mode.QUICK_FILTER ? " / " : " filter (state: status: cidr: svc: rule: text; ! negates) ";
            // a filter refused on Enter says why beside the prompt, which stays open to mend it
            String why = st.statusAt(nowNanos);
            int typed = st.input.text().length() + 2;
            if (!why.isEmpty() && r.w() - prompt.length() - typed < why.length() + 2) {
                prompt = st.mode == Mode.QUICK_FILTER ? " / " : " filter "; // the reason before the hint
            }
            // half the line at least, and what the prompt and the typed text leave free: the part that
            // says what is wrong comes last ("… not an IP address or CIDR: '300.1.1.1/8'")
            int free = r.w() - prompt.length() - typed;
            int rw = why.isEmpty() ? 0 : Math.min(why.length() + 2, Math.max(r.w() / 2, free));
            st.input.render(buf, r.x(), r.y(), r.w() - rw, prompt, Style.withBg(t.key(), bg), text);
            if (rw > 0) {
                new StyledLine()
                        .add(" " + why + " ", Style.withBg(st.statusIsError ? t.warn() : t.ok(), bg))
                        .draw(buf, r.right() - rw, r.y(), rw);
            }
            return;
        }
        StyledLine l = new StyledLine();
        Snapshot s = st.snapshot;
        if (s != null) {
            Totals tot = s.totals();
            l.add(" conns ", dim)
                    .add(Text.count(tot.connections()), text)
                    .add(" (EST " + Text.count(tot.established()) + ")", dim)
                    .add(" │ IPs ", dim)
                    .add(shown + "/" + tot.ipsShown(), text);
            long blocked = s.ips().stream().filter(v -> !v.blocked().isEmpty()).count();
            if (blocked > 0) { // what the firewall already holds (of the IPs in the snapshot)
                l.add(" ⊘ ", Style.withBg(t.info(), bg)).add(Text.count(blocked) + " blocked", text);
            }
            l.add(" │ req/min ", dim)
                    .add(Text.count(tot.requestsPerMin()), text)
                    .add(" │ sent ", dim)
                    .add(Text.bytes(tot.bytes()), text);
        }
        l.add(" │ sort ", dim).add(st.sort.tag() + (st.reversed ? "▲" : "▼"), text);
        String f = st.filter().describe();
        if (!f.isEmpty()) {
            l.add(" │ filter ", dim).add(f, Style.withBg(t.info(), bg));
        }
        String msg = st.statusAt(nowNanos);
        StyledLine right = new StyledLine();
        if (!msg.isEmpty()) {
            // the answer to a key is read whole: it takes the room it needs from the totals, up to the
            // whole line, and is visibly cut (…) only when longer than that
            String fitted = Text.fit(msg, r.w() - 2);
            right.add(" " + fitted + " ", Style.withBg(st.statusIsError ? t.warn() : t.ok(), bg));
            int rw = Math.min(right.length(), r.w());
            l.draw(buf, r.x(), r.y(), r.w() - rw);
            right.draw(buf, r.right() - rw, r.y(), rw);
            return;
        } else if (r.w() < 100) {
            right.add(" ?", Style.withBg(t.key(), bg)).add(" help ", dim);
        } else {
            right.add(" ?", Style.withBg(t.key(), bg))
                    .add(" help  ", dim)
                    .add("q", Style.withBg(t.key(), bg))
                    .add(" quit ", dim);
        }
        int rw = Math.min(right.length(), r.w() / 2);
        l.draw(buf, r.x(), r.y(), r.w() - rw);
        right.draw(buf, r.right() - rw, r.y(), rw);
    }
}
