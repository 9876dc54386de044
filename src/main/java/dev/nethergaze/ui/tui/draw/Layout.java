package dev.nethergaze.ui.tui.draw;

import java.util.Arrays;

/**
 * Splits a rectangle into rows or columns by constraints, like ratatui's layout: fixed sizes first,
 * then percentages, then the rest shared by fill weights; {@link Constraint#min} sizes take part as
 * fills that never shrink below their minimum.
 */
public final class Layout {

    /** How one slice is sized. */
    public record Constraint(int fixed, int percent, int fill, int min) {
        public static Constraint fixed(int n) {
            return new Constraint(n, -1, 0, 0);
        }

        public static Constraint percent(int p) {
            return new Constraint(-1, p, 0, 0);
        }

        public static Constraint fill(int weight) {
            return new Constraint(-1, -1, weight, 0);
        }

        public static Constraint min(int n) {
            return new Constraint(-1, -1, 1, n);
        }
    }

    private Layout() {}

    public static Rect[] rows(Rect r, Constraint... cs) {
        int[] sizes = sizes(r.h(), cs);
        Rect[] out = new Rect[cs.length];
        int y = r.y();
        for (int i = 0; i < cs.length; i++) {
            out[i] = new Rect(r.x(), y, r.w(), sizes[i]);
            y += sizes[i];
        }
        return out;
    }

    public static Rect[] columns(Rect r, int gap, Constraint... cs) {
        int gaps = Math.max(0, cs.length - 1) * gap;
        int[] sizes = sizes(Math.max(0, r.w() - gaps), cs);
        Rect[] out = new Rect[cs.length];
        int x = r.x();
        for (int i = 0; i < cs.length; i++) {
            out[i] = new Rect(x, r.y(), sizes[i], r.h());
            x += sizes[i] + gap;
        }
        return out;
    }

    static int[] sizes(int total, Constraint... cs) {
        int[] s = new int[cs.length];
        int left = total;
        for (int i = 0; i < cs.length; i++) {
            if (cs[i].fixed() >= 0) {
                s[i] = Math.min(cs[i].fixed(), left);
                left -= s[i];
            }
        }
        int base = left;
        for (int i = 0; i < cs.length; i++) {
            if (cs[i].percent() >= 0) {
                s[i] = Math.min(base * cs[i].percent() / 100, left);
                left -= s[i];
            }
        }
        for (int i = 0; i < cs.length; i++) {
            if (cs[i].fill() > 0 && cs[i].min() > 0) {
                s[i] = Math.min(cs[i].min(), left);
                left -= s[i];
            }
        }
        int weights = Arrays.stream(cs).mapToInt(Constraint::fill).sum();
        if (weights > 0 && left > 0) {
            int remaining = left;
            int lastFill = -1;
            for (int i = 0; i < cs.length; i++) {
                if (cs[i].fill() > 0) {
                    int add = remaining * cs[i].fill() / weights;
                    s[i] += add;
                    left -= add;
                    lastFill = i;
                }
            }
            s[lastFill] += left;
        }
        return s;
    }
}
