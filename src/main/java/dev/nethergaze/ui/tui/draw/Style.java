package dev.nethergaze.ui.tui.draw;

/**
 * A cell style packed into an {@code int}, so a frame is two flat arrays and no allocation: bits
 * 0–8 foreground, 9–17 background (0 = terminal default, 1..256 = xterm-256 index + 1), 18–21
 * attributes.
 */
public final class Style {

    public static final int BOLD = 1;
    public static final int DIM = 2;
    public static final int UNDERLINE = 4;
    public static final int REVERSE = 8;
    /** The terminal's own colours, no attributes. */
    public static final int PLAIN = 0;

    private Style() {}

    /** {@code fg}/{@code bg}: an xterm-256 colour index, or -1 for the terminal default. */
    public static int of(int fg, int bg, int attrs) {
        return (fg + 1) | ((bg + 1) << 9) | (attrs << 18);
    }

    public static int fg(int fg) {
        return of(fg, -1, 0);
    }

    /** The foreground index, or -1 for default. */
    public static int fgOf(int style) {
        return (style & 0x1FF) - 1;
    }

    public static int bgOf(int style) {
        return ((style >>> 9) & 0x1FF) - 1;
    }

    public static int attrsOf(int style) {
        return style >>> 18;
    }

    public static int withAttrs(int style, int attrs) {
        return style | (attrs << 18);
    }

    /** Same colours and attributes, background replaced ({@code -1} = default). */
    public static int withBg(int style, int bg) {
        return (style & ~(0x1FF << 9)) | ((bg + 1) << 9);
    }

    /** The SGR escape selecting this style from a reset state. */
    public static String sgr(int style) {
        StringBuilder b = new StringBuilder(24).append("\033[0");
        int a = attrsOf(style);
        if ((a & BOLD) != 0) {
            b.append(";1");
        }
        if ((a & DIM) != 0) {
            b.append(";2");
        }
        if ((a & UNDERLINE) != 0) {
            b.append(";4");
        }
        if ((a & REVERSE) != 0) {
            b.append(";7");
        }
        int f = fgOf(style);
        if (f >= 0) {
            b.append(";38;5;").append(f);
        }
        int g = bgOf(style);
        if (g >= 0) {
            b.append(";48;5;").append(g);
        }
        return b.append('m').toString();
    }
}
