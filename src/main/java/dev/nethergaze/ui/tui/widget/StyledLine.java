package dev.nethergaze.ui.tui.widget;

import dev.nethergaze.ui.tui.draw.CellBuffer;
import java.util.ArrayList;
import java.util.List;

/** A line made of styled segments, built with {@link #add}; drawn clipped to a width. */
public final class StyledLine {

    private final List<Segment> segments = new ArrayList<>(8);

    public StyledLine add(String text, int style) {
        if (text != null && !text.isEmpty()) {
            segments.add(new Segment(text, style));
        }
        return this;
    }

    public List<Segment> segments() {
        return segments;
    }

    public int length() {
        int n = 0;
        for (Segment s : segments) {
            n += s.text().length();
        }
        return n;
    }

    public String plain() {
        StringBuilder b = new StringBuilder(length());
        segments.forEach(s -> b.append(s.text()));
        return b.toString();
    }

    /** Draws at (x, y) within {@code w} cells; returns cells used. */
    public int draw(CellBuffer buf, int x, int y, int w) {
        int used = 0;
        for (Segment s : segments) {
            if (used >= w) {
                break;
            }
            used += buf.put(x + used, y, s.text(), s.style(), w - used);
        }
        return used;
    }
}
