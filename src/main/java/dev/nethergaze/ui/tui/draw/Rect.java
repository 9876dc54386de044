package dev.nethergaze.ui.tui.draw;

/** A screen rectangle in cells; never negative. */
public record Rect(int x, int y, int w, int h) {

    public Rect {
        w = Math.max(0, w);
        h = Math.max(0, h);
    }

    public boolean isEmpty() {
        return w == 0 || h == 0;
    }

    public int bottom() {
        return y + h;
    }

    public int right() {
        return x + w;
    }

    public boolean contains(int cx, int cy) {
        return cx >= x && cx < x + w && cy >= y && cy < y + h;
    }

    /** Shrinks by {@code n} cells on every side (inside a border). */
    public Rect inset(int n) {
        return new Rect(x + n, y + n, w - 2 * n, h - 2 * n);
    }

    public Rect top(int rows) {
        return new Rect(x, y, w, Math.min(rows, h));
    }

    public Rect belowTop(int rows) {
        int r = Math.min(rows, h);
        return new Rect(x, y + r, w, h - r);
    }

    public Rect bottomRows(int rows) {
        int r = Math.min(rows, h);
        return new Rect(x, y + h - r, w, r);
    }

    public Rect aboveBottom(int rows) {
        return new Rect(x, y, w, h - Math.min(rows, h));
    }

    /** A rectangle of the given size centred in this one (clipped to it). */
    public Rect centered(int cw, int ch) {
        int ww = Math.min(cw, w);
        int hh = Math.min(ch, h);
        return new Rect(x + (w - ww) / 2, y + (h - hh) / 2, ww, hh);
    }
}
