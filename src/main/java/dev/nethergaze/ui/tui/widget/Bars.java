package dev.nethergaze.ui.tui.widget;

import dev.nethergaze.ui.tui.draw.CellBuffer;

/** Horizontal bars with eighth-cell resolution, and stacked bars of several parts. */
public final class Bars {

    private static final String EIGHTHS = " ▏▎▍▌▋▊▉█";

    private Bars() {}

    /** A bar of {@code fraction} (0..1) of {@code w} cells; the rest is filled with {@code track}. */
    public static void gauge(CellBuffer buf, int x, int y, int w, double fraction, int style, int track) {
        double f = Math.max(0, Math.min(1, fraction));
        int eighths = (int) Math.round(f * w * 8);
        for (int i = 0; i < w; i++) {
            int e = Math.min(8, Math.max(0, eighths - i * 8));
            if (e == 0) {
                buf.set(x + i, y, '·', track);
            } else {
                buf.set(x + i, y, EIGHTHS.charAt(e), style);
            }
        }
    }

    /**
     * A bar of {@code w} cells split among {@code counts} in proportion, each part in its style; a
     * non-zero part always gets at least one cell when there is room. Part {@code i} is drawn with
     * {@code glyphs.charAt(i)} (the last one repeats), so parts stay apart without colour.
     */
    public static void stacked(CellBuffer buf, int x, int y, int w, int[] counts, int[] styles, String glyphs) {
        long total = 0;
        int nonZero = 0;
        for (int c : counts) {
            total += c;
            nonZero += c > 0 ? 1 : 0;
        }
        if (total == 0 || w <= 0) {
            return;
        }
        int[] cells = new int[counts.length];
        int used = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                cells[i] = (int) Math.max(1, (long) counts[i] * w / total);
                used += cells[i];
            }
        }
        while (used > w && nonZero > 0) { // shrink the largest part when minimums overflow
            int big = 0;
            for (int i = 1; i < cells.length; i++) {
                big = cells[i] > cells[big] ? i : big;
            }
            cells[big]--;
            used--;
        }
        int xx = x;
        for (int i = 0; i < counts.length; i++) {
            for (int k = 0; k < cells[i]; k++) {
                buf.set(xx++, y, glyphs.charAt(Math.min(i, glyphs.length() - 1)), styles[i]);
            }
        }
    }
}
