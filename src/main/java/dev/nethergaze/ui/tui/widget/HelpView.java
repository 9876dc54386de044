package dev.nethergaze.ui.tui.widget;

import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Rect;
import dev.nethergaze.ui.tui.draw.Text;
import dev.nethergaze.ui.tui.draw.Theme;
import java.util.List;

/**
 * Renders key bindings in groups and columns; the entries come from the key map itself. A
 * description longer than its column wraps below itself, indented past the keys: cut with "…" at 60
 * columns, it lost what the key does ("close, else clear: quick filter, f filte…").
 */
public final class HelpView {

    /** One line of help: the keys as typed, what they do, and the group heading. */
    public record Entry(String keys, String description, String group) {}

    private HelpView() {}

    /**
     * Draws {@code entries} from the {@code skip}-th on; the key column is as wide as the widest keys
     * of all of them, so that it stays put as the help is scrolled.
     */
    public static void render(CellBuffer buf, Rect r, List<Entry> entries, int skip, Theme theme) {
        int keyW = keyWidth(entries);
        int colW = columnWidth(r.w(), keyW);
        int cols = Math.max(1, (r.w() + 2) / (colW + 2));
        int x = r.x();
        int y = r.y();
        String group = null;
        for (Entry e : entries.subList(Math.min(skip, entries.size()), entries.size())) {
            List<StyledLine> rows = rows(e, keyW, colW, theme);
            boolean newGroup = !e.group().equals(group);
            int need = (newGroup ? (group == null ? 1 : 2) : 0) + rows.size();
            if (y + need > r.bottom() && y > r.y()) {
                if (--cols <= 0) {
                    return;
                }
                x += colW + 2;
                y = r.y();
                newGroup = true;
            }
            if (newGroup) {
                if (group != null && y > r.y()) {
                    y++;
                }
                buf.put(x, y++, e.group(), theme.title(), colW);
                group = e.group();
            }
            for (StyledLine row : rows) {
                if (y >= r.bottom()) {
                    return;
                }
                row.draw(buf, x, y++, colW);
            }
        }
    }

    /** The rows the help takes in one column {@code w} wide: its lines, wrapped, and the group headings. */
    public static int height(List<Entry> entries, int w) {
        int keyW = keyWidth(entries);
        int colW = columnWidth(w, keyW);
        int n = 0;
        String group = null;
        for (Entry e : entries) {
            if (!e.group().equals(group)) {
                n += group == null ? 1 : 2;
                group = e.group();
            }
            n += rows(e, keyW, colW, Theme.dark()).size();
        }
        return n;
    }

    private static int keyWidth(List<Entry> entries) {
        int keyW = 2;
        for (Entry e : entries) {
            keyW = Math.max(keyW, e.keys().length());
        }
        return keyW;
    }

    private static int columnWidth(int w, int keyW) {
        return Math.min(w, Math.max(keyW + 24, w >= 2 * (keyW + 30) + 2 ? (w - 2) / 2 : w));
    }

    private static List<StyledLine> rows(Entry e, int keyW, int colW, Theme theme) {
        return new StyledLine()
                .add(" " + Text.left(e.keys(), keyW) + " ", theme.key())
                .add(e.description(), theme.text())
                .hang(" ".repeat(keyW + 2), theme.text())
                .wrap(colW);
    }
}
