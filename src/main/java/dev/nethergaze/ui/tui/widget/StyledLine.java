package dev.nethergaze.ui.tui.widget;

import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * A line made of styled segments, built with {@link #add}; drawn clipped to a width, or, when given
 * a hanging prefix ({@link #hang}), wrapped into rows that each begin with it ({@link #wrap}).
 */
public final class StyledLine {

    /** Narrower than this after the prefix, a row would be mostly prefix: the line is clipped instead. */
    private static final int MIN_ROOM = 8;

    private final List<Segment> segments = new ArrayList<>(8);
    private Segment hang;

    /** Adds {@code text} as it will be drawn (escaped: {@link Text#escape}), so lengths are cells. */
    public StyledLine add(String text, int style) {
        if (text != null && !text.isEmpty()) {
            segments.add(new Segment(Text.escape(text), style));
        }
        return this;
    }

    /** Makes the line wrap: each continuation row begins with {@code prefix} (an indent, a rule). */
    public StyledLine hang(String prefix, int style) {
        this.hang = new Segment(prefix, style);
        return this;
    }

    /**
     * The line as rows of at most {@code w} cells: itself when it fits or has no hanging prefix;
     * otherwise broken at the last space that leaves a row at least half full (else mid-word), the
     * continuation rows indented by the prefix. Spaces at a break are dropped.
     */
    public List<StyledLine> wrap(int w) {
        int n = length();
        if (hang == null || n <= w || w - hang.text().length() < MIN_ROOM) {
            return List.of(this);
        }
        String text = plain();
        int[] style = new int[n];
        int k = 0;
        for (Segment s : segments) {
            for (int i = 0; i < s.text().length(); i++) {
                style[k++] = s.style();
            }
        }
        List<StyledLine> rows = new ArrayList<>();
        int pos = 0;
        while (pos < n) {
            boolean first = rows.isEmpty();
            int room = first ? w : w - hang.text().length();
            int end = n - pos <= room ? n : breakAt(text, pos, room);
            StyledLine row = new StyledLine();
            if (!first) {
                row.add(hang.text(), hang.style());
            }
            for (int i = pos; i < end; ) {
                int j = i;
                while (j < end && style[j] == style[i]) {
                    j++;
                }
                row.add(text.substring(i, j), style[i]);
                i = j;
            }
            rows.add(row);
            pos = end;
            while (pos < n && text.charAt(pos) == ' ') {
                pos++;
            }
        }
        return rows;
    }

    /** Where a row from {@code pos} with {@code room} cells ends: after a word, or at the edge. */
    private static int breakAt(String text, int pos, int room) {
        for (int i = pos + room; i > pos + room / 2; i--) {
            if (text.charAt(i) == ' ' && text.charAt(i - 1) != ' ') {
                return i;
            }
        }
        return pos + room;
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

    /**
     * Draws at (x, y) within {@code w} cells; returns cells used. A line longer than that (blanks at
     * its end aside) ends in {@code …} in the style of the cell it replaces, so that a cut value, a
     * host name or a path, is never read as a whole one.
     */
    public int draw(CellBuffer buf, int x, int y, int w) {
        if (w <= 0) {
            return 0;
        }
        boolean cut = plain().stripTrailing().length() > w;
        int room = cut ? w - 1 : w;
        int used = 0;
        for (Segment s : segments) {
            if (used >= room) {
                break;
            }
            used += buf.put(x + used, y, s.text(), s.style(), room - used);
        }
        if (cut) {
            used += buf.put(x + used, y, "…", styleAt(room), 1);
        }
        return used;
    }

    /** The style of the character at {@code pos}. */
    private int styleAt(int pos) {
        int end = 0;
        for (Segment s : segments) {
            end += s.text().length();
            if (pos < end) {
                return s.style();
            }
        }
        return segments.getLast().style();
    }
}
