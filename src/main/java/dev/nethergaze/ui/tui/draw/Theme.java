package dev.nethergaze.ui.tui.draw;

import java.util.Locale;
import java.util.Map;

/**
 * Every style the console uses, by role, for one colour scheme. Widgets ask for roles ("warn",
 * "selected"), never for colours, so the mono theme (and {@code NO_COLOR}) is one constructor.
 */
public record Theme(
        String name,
        int text,
        int dim,
        int headerBar,
        int title,
        int border,
        int borderFocus,
        int tableHeader,
        int selected,
        int selectedBlur,
        int ok,
        int info,
        int warn,
        int bad,
        int accent,
        int badgeAlert,
        int badgePaused,
        int badgeFilter,
        int key) {

    public static Theme dark() {
        int bar = 236;
        return new Theme(
                "dark",
                Style.of(252, -1, 0),
                Style.of(244, -1, 0),
                Style.of(252, bar, 0),
                Style.of(75, -1, Style.BOLD),
                Style.of(241, -1, 0), // borders 3:1 on black (240: 2.95:1)
                Style.of(39, -1, 0),
                Style.of(110, -1, Style.BOLD),
                Style.of(231, 24, Style.BOLD),
                Style.of(231, 238, 0),
                Style.of(114, -1, 0),
                Style.of(80, -1, 0),
                Style.of(221, -1, 0),
                Style.of(203, -1, Style.BOLD),
                Style.of(176, -1, 0),
                Style.of(231, 160, Style.BOLD),
                Style.of(16, 178, Style.BOLD),
                Style.of(231, 31, Style.BOLD),
                Style.of(75, -1, Style.BOLD));
    }

    public static Theme light() {
        int bar = 254;
        return new Theme(
                "light",
                Style.of(235, -1, 0),
                Style.of(243, -1, 0),
                Style.of(235, bar, 0),
                Style.of(25, -1, Style.BOLD),
                Style.of(245, -1, 0), // borders 3:1 on white (248: 2.4:1, all but gone)
                Style.of(25, -1, 0),
                Style.of(24, -1, Style.BOLD),
                Style.of(16, 153, Style.BOLD),
                Style.of(16, 252, 0),
                Style.of(28, -1, 0),
                Style.of(23, -1, 0), // info text 4.5:1 on white (30: 4.4:1)
                Style.of(130, -1, 0),
                Style.of(160, -1, Style.BOLD),
                Style.of(90, -1, 0),
                Style.of(231, 160, Style.BOLD),
                Style.of(16, 214, Style.BOLD),
                Style.of(231, 25, Style.BOLD),
                Style.of(25, -1, Style.BOLD));
    }

    /** No colours at all: attributes carry the meaning (for NO_COLOR and monochrome terminals). */
    public static Theme mono() {
        int plain = Style.PLAIN;
        int bold = Style.of(-1, -1, Style.BOLD);
        int reverse = Style.of(-1, -1, Style.REVERSE);
        int badge = Style.of(-1, -1, Style.REVERSE | Style.BOLD);
        return new Theme(
                "mono",
                plain,
                Style.of(-1, -1, Style.DIM),
                plain,
                bold,
                plain,
                bold,
                Style.of(-1, -1, Style.BOLD | Style.UNDERLINE),
                reverse,
                Style.of(-1, -1, Style.UNDERLINE),
                plain,
                plain,
                bold,
                Style.of(-1, -1, Style.BOLD | Style.UNDERLINE),
                plain,
                badge,
                badge,
                badge,
                bold);
    }

    /**
     * The theme for a {@code --theme} value; {@code NO_COLOR} (any non-empty value, see
     * no-color.org) forces mono. Unknown names are an error naming the choices.
     */
    public static Theme select(String name, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return mono();
        }
        return switch (name == null ? "dark" : name.toLowerCase(Locale.ROOT)) {
            case "dark" -> dark();
            case "light" -> light();
            case "mono" -> mono();
            default -> throw new IllegalArgumentException("unknown theme '" + name + "' (dark, light or mono)");
        };
    }

    /** Whether colours are off, so widgets must tell things apart by glyphs and attributes. */
    public boolean isMono() {
        return name.equals("mono");
    }

    /** The style for an HTTP status: 2xx ok, 3xx info, 4xx warn, 5xx bad. */
    public int status(int code) {
        if (code >= 500) {
            return bad;
        }
        if (code >= 400) {
            return warn;
        }
        if (code >= 300) {
            return info;
        }
        return code >= 200 ? ok : dim;
    }
}
