package dev.nethergaze.ui.tui.widget;

import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Theme;
import java.util.function.Function;

/**
 * One table column: a title, a minimum width, a share of spare width ({@code flex}), alignment, a
 * priority (lower survives longer when the terminal is narrow), and how to show a row: text plus a
 * style, or a painter for cells that are more than text (bars); optionally hidden while no visible
 * row has data for it.
 */
public record Column<T>(
        String title,
        int width,
        int flex,
        boolean alignRight,
        int priority,
        String sortTag,
        Function<T, String> text,
        Styler<T> styler,
        Painter<T> painter,
        java.util.function.Predicate<T> hasData) {

    /** The style of a cell for a row. */
    @FunctionalInterface
    public interface Styler<T> {
        int style(T row, Theme theme);
    }

    /** Draws a cell itself, within {@code w} cells at (x, y). */
    @FunctionalInterface
    public interface Painter<T> {
        void paint(CellBuffer buf, int x, int y, int w, T row, Theme theme, int rowStyle);
    }

    public static <T> Column<T> left(String title, int width, int flex, int priority, Function<T, String> text) {
        return new Column<>(title, width, flex, false, priority, null, text, (r, t) -> t.text(), null, null);
    }

    public static <T> Column<T> right(String title, int width, int priority, Function<T, String> text) {
        return new Column<>(title, width, 0, true, priority, null, text, (r, t) -> t.text(), null, null);
    }

    public Column<T> styled(Styler<T> s) {
        return new Column<>(title, width, flex, alignRight, priority, sortTag, text, s, painter, hasData);
    }

    public Column<T> painted(Painter<T> p) {
        return new Column<>(title, width, flex, alignRight, priority, sortTag, text, styler, p, hasData);
    }

    /** Shows the column only while some visible row has data for it (e.g. geo once a database answers). */
    public Column<T> onlyWith(java.util.function.Predicate<T> p) {
        return new Column<>(title, width, flex, alignRight, priority, sortTag, text, styler, painter, p);
    }

    public Column<T> sortedBy(String tag) {
        return new Column<>(title, width, flex, alignRight, priority, tag, text, styler, painter, hasData);
    }
}
