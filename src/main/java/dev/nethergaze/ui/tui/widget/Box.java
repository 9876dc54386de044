package dev.nethergaze.ui.tui.widget;

import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Rect;
import dev.nethergaze.ui.tui.draw.Style;
import dev.nethergaze.ui.tui.draw.Text;

/** Rounded borders with a title in the top edge (and an optional note on the right of it). */
public final class Box {

    private Box() {}

    /** Draws the border and returns the inner area. */
    public static Rect draw(CellBuffer buf, Rect r, String title, String note, int border, int titleStyle) {
        if (r.w() < 2 || r.h() < 2) {
            return new Rect(r.x(), r.y(), 0, 0);
        }
        int right = r.right() - 1;
        int bottom = r.bottom() - 1;
        for (int x = r.x() + 1; x < right; x++) {
            buf.set(x, r.y(), '─', border);
            buf.set(x, bottom, '─', border);
        }
        for (int y = r.y() + 1; y < bottom; y++) {
            buf.set(r.x(), y, '│', border);
            buf.set(right, y, '│', border);
        }
        buf.set(r.x(), r.y(), '╭', border);
        buf.set(right, r.y(), '╮', border);
        buf.set(r.x(), bottom, '╰', border);
        buf.set(right, bottom, '╯', border);
        int room = r.w() - 4;
        if (title != null && !title.isEmpty() && room > 2) {
            String t = " " + Text.fit(title, room - 2) + " ";
            buf.put(r.x() + 1, r.y(), t, titleStyle, room);
            room -= t.length() + 1;
        }
        if (note != null && !note.isEmpty() && room > 4) {
            String n = " " + Text.fit(note, room - 2) + " ";
            buf.put(right - n.length(), r.y(), n, border, n.length());
        }
        return r.inset(1);
    }

    /** Clears the area (for modals drawn over the main screen) and draws the border. */
    public static Rect modal(CellBuffer buf, Rect r, String title, String note, int border, int titleStyle) {
        buf.fill(r, ' ', Style.PLAIN);
        return draw(buf, r, title, note, border, titleStyle);
    }
}
