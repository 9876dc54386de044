package dev.nethergaze.ui.tui.widget;

import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Rect;
import java.util.List;

/**
 * A tailing log: shows the newest lines at the bottom, or, when scrolled back by {@code back}
 * lines, the page that ends there. Only visible lines are drawn.
 */
public final class LogView {

    private LogView() {}

    /** The largest useful scroll-back for {@code size} lines in {@code rows} rows. */
    public static int maxBack(int size, int rows) {
        return Math.max(0, size - rows);
    }

    public static void render(CellBuffer buf, Rect r, List<StyledLine> lines, int back) {
        if (r.isEmpty()) {
            return;
        }
        int b = Math.min(Math.max(0, back), maxBack(lines.size(), r.h()));
        int end = lines.size() - b;
        int start = Math.max(0, end - r.h());
        for (int i = start; i < end; i++) {
            lines.get(i).draw(buf, r.x(), r.y() + (i - start), r.w());
        }
    }
}
