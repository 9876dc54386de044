package dev.nethergaze.ui.tui.draw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The themes' colours are readable on the terminal background they are made for (WCAG 2 contrast,
 * computed from the xterm 256-colour palette): text 4.5:1, lines such as borders 3:1. The light
 * theme's borders (colour 248 on white, 2.4:1) all but vanished on a bright terminal.
 */
class ThemeContrastTest {

    private static final int WHITE = 0xffffff;
    private static final int BLACK = 0x000000;

    @Test
    void lightThemeOnWhite() {
        check(Theme.light(), WHITE);
    }

    @Test
    void darkThemeOnBlack() {
        check(Theme.dark(), BLACK);
    }

    private static void check(Theme t, int background) {
        Map<String, Integer> text = Map.of(
                "text", t.text(),
                "dim", t.dim(),
                "title", t.title(),
                "tableHeader", t.tableHeader(),
                "ok", t.ok(),
                "info", t.info(),
                "warn", t.warn(),
                "bad", t.bad(),
                "accent", t.accent(),
                "key", t.key());
        text.forEach((role, style) -> assertThat(contrast(Style.fgOf(style), background))
                .as(t.name() + " " + role + " (colour " + Style.fgOf(style) + ")")
                .isGreaterThanOrEqualTo(4.5));
        Map<String, Integer> lines = Map.of("border", t.border(), "borderFocus", t.borderFocus());
        lines.forEach((role, style) -> assertThat(contrast(Style.fgOf(style), background))
                .as(t.name() + " " + role + " (colour " + Style.fgOf(style) + ")")
                .isGreaterThanOrEqualTo(3.0));
    }

    /** The xterm 256-colour palette's RGB for the cube (16-231) and the greys (232-255). */
    static int rgb(int colour) {
        if (colour >= 232) {
            int v = 8 + 10 * (colour - 232);
            return v << 16 | v << 8 | v;
        }
        assertThat(colour).as("a colour of the cube or the greys").isBetween(16, 255);
        int c = colour - 16;
        int[] level = {0, 95, 135, 175, 215, 255};
        return level[c / 36] << 16 | level[c / 6 % 6] << 8 | level[c % 6];
    }

    static double contrast(int colour, int background) {
        double a = luminance(rgb(colour));
        double b = luminance(background);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    private static double luminance(int rgb) {
        return 0.2126 * channel(rgb >> 16 & 0xff) + 0.7152 * channel(rgb >> 8 & 0xff) + 0.0722 * channel(rgb & 0xff);
    }

    private static double channel(int v) {
        double c = v / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
