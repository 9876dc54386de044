package dev.nethergaze.ui.tui.widget;

import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Rect;
import dev.nethergaze.ui.tui.draw.Text;
import dev.nethergaze.ui.tui.draw.Theme;
import java.util.List;

/** Renders key bindings in groups and columns; the entries come from the key map itself. */
public final class HelpView {

    /** One line of help: the keys as typed, what they do, and the group heading. */
    public record Entry(String keys, String description, String group) {}

    private HelpView() {}

    public static void render(CellBuffer buf, Rect r, List<Entry> entries, Theme theme) {
        int keyW = 2;
        for (Entry e : entries) {
            keyW = Math.max(keyW, e.keys().length());
        }
        int colW = Math.min(r.w(), Math.max(keyW + 24, r.w() >= 2 * (keyW + 30) + 2 ? (r.w() - 2) / 2 : r.w()));
        int cols = Math.max(1, (r.w() + 2) / (colW + 2));
        int x = r.x();
        int y = r.y();
        String group = null;
        for (Entry e : entries) {
            boolean newGroup = !e.group().equals(group);
            int need = newGroup ? (group == null ? 2 : 3) : 1;
            if (y + need > r.bottom()) {
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
            buf.put(x + 1, y, Text.left(e.keys(), keyW), theme.key(), keyW);
            buf.put(x + 2 + keyW, y, Text.fit(e.description(), colW - keyW - 2), theme.text(), colW - keyW - 2);
            y++;
        }
    }
}
