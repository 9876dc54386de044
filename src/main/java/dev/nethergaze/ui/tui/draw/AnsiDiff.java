package dev.nethergaze.ui.tui.draw;

/**
 * Turns frames into terminal output: only the cells that changed since the previous frame, with
 * cursor moves and SGR changes kept to the minimum. The whole update is wrapped in a synchronized
 * update (DEC mode 2026) so terminals that support it never show a half-drawn frame.
 */
public final class AnsiDiff {

    private AnsiDiff() {}

    /** The escapes that turn {@code prev} (null = unknown screen) into {@code next}. */
    public static String diff(CellBuffer prev, CellBuffer next) {
        boolean full = prev == null || prev.width() != next.width() || prev.height() != next.height();
        StringBuilder b = new StringBuilder(full ? next.width() * next.height() * 2 : 256);
        int w = next.width();
        int curX = -1;
        int curY = -1;
        int curStyle = Integer.MIN_VALUE;
        boolean any = false;
        for (int y = 0; y < next.height(); y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!full && prev.same(next, i)) {
                    continue;
                }
                if (!any) {
                    b.append("\033[?2026h");
                    if (full) {
                        b.append("\033[0m\033[2J");
                    }
                    any = true;
                }
                if (curY != y || curX != x) {
                    b.append("\033[").append(y + 1).append(';').append(x + 1).append('H');
                }
                int st = next.styleAtIndex(i);
                if (st != curStyle) {
                    b.append(Style.sgr(st));
                    curStyle = st;
                }
                b.append(next.charAtIndex(i));
                curX = x + 1;
                curY = y;
            }
        }
        if (any) {
            b.append("\033[0m\033[?2026l");
        }
        return b.toString();
    }

    /**
     * The frame as lines with SGR escapes only where the style changes, like {@code tmux
     * capture-pane -e}: for golden files and docs.
     */
    public static String styledText(CellBuffer buf) {
        StringBuilder b = new StringBuilder(buf.width() * buf.height() * 2);
        for (int y = 0; y < buf.height(); y++) {
            int cur = Style.PLAIN;
            for (int x = 0; x < buf.width(); x++) {
                int st = buf.styleAt(x, y);
                if (st != cur) {
                    b.append(Style.sgr(st));
                    cur = st;
                }
                b.append(buf.charAt(x, y));
            }
            if (cur != Style.PLAIN) {
                b.append("\033[0m");
            }
            b.append('\n');
        }
        return b.toString();
    }
}
