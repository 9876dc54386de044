package dev.nethergaze.ui.tui.widget;

import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Rect;
import dev.nethergaze.ui.tui.draw.Style;
import dev.nethergaze.ui.tui.draw.Text;
import dev.nethergaze.ui.tui.draw.Theme;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A table that draws only its visible rows, so its cost does not depend on the row count. Columns
 * that do not fit are dropped by priority; spare width goes to flexible columns. The caller owns
 * selection (by identity, see the console's state) and passes the selected index and scroll offset.
 */
public final class Table {

    private Table() {}

    /** What was drawn: the first visible row index and how many rows fit (for paging and clicks). */
    public record Drawn(int offset, int visibleRows, int firstRowY) {}

    /** The columns that fit in {@code width}, in their original order, with their final widths. */
    public static <T> List<Placed<T>> fit(List<Column<T>> columns, int width) {
        List<Column<T>> byPriority = new ArrayList<>(columns);
        byPriority.sort(Comparator.comparingInt(Column::priority));
        List<Column<T>> kept = new ArrayList<>();
        int used = 0;
        for (Column<T> c : byPriority) {
            int need = c.width() + (kept.isEmpty() ? 0 : 1);
            if (used + need <= width) {
                kept.add(c);
                used += need;
            }
        }
        List<Placed<T>> placed = new ArrayList<>();
        int spare = width - used;
        int flexTotal = 0;
        for (Column<T> c : columns) {
            if (kept.contains(c)) {
                flexTotal += c.flex();
            }
        }
        int x = 0;
        int given = 0;
        for (Column<T> c : columns) {
            if (!kept.contains(c)) {
                continue;
            }
            int extra = flexTotal > 0 ? spare * c.flex() / flexTotal : 0;
            given += extra;
            placed.add(new Placed<>(c, x, c.width() + extra));
            x += c.width() + extra + 1;
        }
        if (flexTotal > 0 && given < spare) { // rounding leftovers to the last flexible column
            for (int i = placed.size() - 1; i >= 0; i--) {
                Placed<T> p = placed.get(i);
                if (p.column().flex() > 0) {
                    int add = spare - given;
                    placed.set(i, new Placed<>(p.column(), p.x(), p.w() + add));
                    for (int j = i + 1; j < placed.size(); j++) {
                        Placed<T> q = placed.get(j);
                        placed.set(j, new Placed<>(q.column(), q.x() + add, q.w()));
                    }
                    break;
                }
            }
        }
        return placed;
    }

    /** A column at its place. */
    public record Placed<T>(Column<T> column, int x, int w) {}

    /** The scroll offset that keeps {@code selected} visible with the least movement. */
    public static int follow(int offset, int selected, int visible, int size) {
        int off = Math.max(0, Math.min(offset, Math.max(0, size - visible)));
        if (selected < 0) {
            return off;
        }
        if (selected < off) {
            return selected;
        }
        if (selected >= off + visible) {
            return selected - visible + 1;
        }
        return off;
    }

    /**
     * Draws header and visible rows of {@code rows} into {@code r}. {@code sortTag} marks the sorted
     * column's header; {@code descending} picks the arrow.
     */
    public static <T> Drawn render(
            CellBuffer buf,
            Rect r,
            List<Column<T>> columns,
            List<T> rows,
            int selected,
            int offset,
            boolean focused,
            String sortTag,
            boolean descending,
            Theme theme) {
        if (r.isEmpty()) {
            return new Drawn(0, 0, r.y());
        }
        int visible = r.h() - 1;
        int off = follow(offset, selected, visible, rows.size());
        List<T> page = rows.subList(Math.min(off, rows.size()), Math.min(rows.size(), off + visible));
        List<Column<T>> shown = new ArrayList<>(columns.size());
        for (Column<T> c : columns) {
            if (c.hasData() == null || page.stream().anyMatch(c.hasData())) {
                shown.add(c);
            }
        }
        List<Placed<T>> placed = fit(shown, r.w());
        buf.fill(new Rect(r.x(), r.y(), r.w(), 1), ' ', theme.tableHeader());
        for (Placed<T> p : placed) {
            Column<T> c = p.column();
            String title = c.title();
            if (c.sortTag() != null && c.sortTag().equals(sortTag)) {
                String arrow = descending ? "▼" : "▲";
                title = title.length() + 1 > p.w() ? title.substring(0, Math.max(0, p.w() - 1)) + arrow : title + arrow;
            }
            String cell = c.alignRight() ? Text.right(title, p.w()) : Text.left(title, p.w());
            buf.put(r.x() + p.x(), r.y(), cell, theme.tableHeader(), p.w());
        }
        for (int i = 0; i < visible && off + i < rows.size(); i++) {
            int y = r.y() + 1 + i;
            T row = rows.get(off + i);
            boolean sel = off + i == selected;
            int rowStyle = sel ? (focused ? theme.selected() : theme.selectedBlur()) : Style.PLAIN;
            if (sel) {
                buf.fill(new Rect(r.x(), y, r.w(), 1), ' ', rowStyle);
            }
            for (Placed<T> p : placed) {
                drawCell(buf, r.x() + p.x(), y, p, row, theme, sel, rowStyle);
            }
        }
        return new Drawn(off, visible, r.y() + 1);
    }

    private static <T> void drawCell(
            CellBuffer buf, int x, int y, Placed<T> p, T row, Theme theme, boolean sel, int rowStyle) {
        Column<T> c = p.column();
        if (c.painter() != null) {
            c.painter().paint(buf, x, y, p.w(), row, theme, sel ? rowStyle : Style.PLAIN);
            return;
        }
        String s = c.text().apply(row);
        String cell = c.alignRight() ? Text.right(s, p.w()) : Text.fit(s, p.w());
        int style = c.styler().style(row, theme);
        if (sel) {
            style = Style.withBg(style, Style.bgOf(rowStyle));
            style = Style.withAttrs(style, Style.attrsOf(rowStyle));
        }
        buf.put(x, y, cell, style, p.w());
    }
}
