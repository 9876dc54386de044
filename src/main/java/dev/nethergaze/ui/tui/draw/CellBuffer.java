package dev.nethergaze.ui.tui.draw;

import java.util.Arrays;

/**
 * One frame as flat arrays of characters and packed {@link Style}s. Widgets draw into it every frame
 * (immediate mode); {@link AnsiDiff} turns the difference to the previous frame into escapes. Every
 * write is clipped to the buffer, so a widget given a too-small area can never corrupt the screen.
 */
public final class CellBuffer {

    private final int width;
    private final int height;
    private final char[] chars;
    private final int[] styles;

    public CellBuffer(int width, int height) {
        this.width = Math.max(0, width);
        this.height = Math.max(0, height);
        this.chars = new char[this.width * this.height];
        this.styles = new int[this.width * this.height];
        clear(Style.PLAIN);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public Rect area() {
        return new Rect(0, 0, width, height);
    }

    public void clear(int style) {
        Arrays.fill(chars, ' ');
        Arrays.fill(styles, style);
    }

    public char charAt(int x, int y) {
        return chars[y * width + x];
    }

    public int styleAt(int x, int y) {
        return styles[y * width + x];
    }

    public void set(int x, int y, char c, int style) {
        if (x >= 0 && y >= 0 && x < width && y < height) {
            chars[y * width + x] = Text.safe(c);
            styles[y * width + x] = style;
        }
    }

    /** Re-styles cells without changing their characters (selection highlight). */
    public void restyle(Rect r, int style) {
        for (int yy = Math.max(0, r.y()); yy < Math.min(height, r.bottom()); yy++) {
            for (int xx = Math.max(0, r.x()); xx < Math.min(width, r.right()); xx++) {
                styles[yy * width + xx] = style;
            }
        }
    }

    public void fill(Rect r, char c, int style) {
        for (int yy = Math.max(0, r.y()); yy < Math.min(height, r.bottom()); yy++) {
            for (int xx = Math.max(0, r.x()); xx < Math.min(width, r.right()); xx++) {
                chars[yy * width + xx] = c;
                styles[yy * width + xx] = style;
            }
        }
    }

    /**
     * Writes {@code s} at (x, y), at most {@code max} cells; returns the number of cells written.
     * Control and wide characters are written escaped ({@link Text#escape}) so one char is always one
     * cell.
     */
    public int put(int x, int y, CharSequence text, int style, int max) {
        if (y < 0 || y >= height || text == null) {
            return 0;
        }
        String s = Text.escape(text);
        int n = Math.min(s.length(), max);
        int written = 0;
        for (int i = 0; i < n; i++) {
            int xx = x + i;
            if (xx >= width) {
                break;
            }
            if (xx >= 0) {
                chars[y * width + xx] = Text.safe(s.charAt(i));
                styles[y * width + xx] = style;
            }
            written++;
        }
        return written;
    }

    /** Writes {@code s} clipped to {@code r}'s row {@code y}, from {@code r.x() + dx}. */
    public int put(Rect r, int dx, int dy, CharSequence s, int style) {
        if (dy < 0 || dy >= r.h() || dx >= r.w()) {
            return 0;
        }
        return put(r.x() + dx, r.y() + dy, s, style, r.w() - dx);
    }

    /** The characters as lines, trailing spaces kept (a golden frame is a rectangle). */
    public String toPlainText() {
        StringBuilder b = new StringBuilder((width + 1) * height);
        for (int y = 0; y < height; y++) {
            b.append(chars, y * width, width).append('\n');
        }
        return b.toString();
    }

    public void copyFrom(CellBuffer o) {
        if (o.width != width || o.height != height) {
            throw new IllegalArgumentException("size mismatch");
        }
        System.arraycopy(o.chars, 0, chars, 0, chars.length);
        System.arraycopy(o.styles, 0, styles, 0, styles.length);
    }

    boolean same(CellBuffer o, int i) {
        return chars[i] == o.chars[i] && styles[i] == o.styles[i];
    }

    char charAtIndex(int i) {
        return chars[i];
    }

    int styleAtIndex(int i) {
        return styles[i];
    }
}
