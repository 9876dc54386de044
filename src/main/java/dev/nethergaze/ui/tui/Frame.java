package dev.nethergaze.ui.tui;

import dev.nethergaze.engine.EngineFaults;
import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Rect;
import dev.nethergaze.ui.tui.draw.Style;
import dev.nethergaze.ui.tui.draw.Text;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.screen.ConsoleState;
import dev.nethergaze.ui.tui.screen.DetailScreen;
import dev.nethergaze.ui.tui.screen.IpRows;
import dev.nethergaze.ui.tui.screen.LogHistory;
import dev.nethergaze.ui.tui.screen.MainScreen;
import dev.nethergaze.ui.tui.screen.Mode;
import dev.nethergaze.ui.tui.widget.Box;
import dev.nethergaze.ui.tui.widget.CommandRows;
import dev.nethergaze.ui.tui.widget.HelpView;
import java.util.List;

/** Draws one whole frame: the main screen and whichever modal is open on top of it. */
public final class Frame {

    public static final int MIN_WIDTH = 40;
    public static final int MIN_HEIGHT = 10;

    private Frame() {}

    public static void render(
            CellBuffer buf,
            ConsoleState st,
            IpRows rows,
            LogHistory log,
            Theme t,
            List<String> hookNames,
            long nowNanos) {
        buf.clear(Style.PLAIN);
        if (buf.width() < MIN_WIDTH || buf.height() < MIN_HEIGHT) {
            tooSmall(buf, t);
            return;
        }
        try {
            MainScreen.render(buf, st, rows, log, t, nowNanos);
            switch (st.mode) {
                case DETAIL -> DetailScreen.render(buf, st, rows, hookNames, t);
                case HELP -> help(buf, st, t, hookNames);
                case MESSAGE -> message(buf, st, t);
                default -> {
                    // the main screen is all
                }
            }
        } catch (RuntimeException e) { // a bug in drawing one view must not end the console mid-incident
            failed(buf, st, t, e);
        }
    }

    /** Says the terminal is too small, in words wrapped to its width (a cut word is not read). */
    private static void tooSmall(CellBuffer buf, Theme t) {
        String say = "nethergaze: terminal too small: need " + MIN_WIDTH + "×" + MIN_HEIGHT + ", have " + buf.width()
                + "×" + buf.height();
        StringBuilder line = new StringBuilder();
        int y = 0;
        for (String word : say.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > buf.width()) {
                buf.put(0, y, Text.fit(line.toString(), buf.width()), t.warn(), buf.width());
                y++;
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        buf.put(0, y, Text.fit(line.toString(), buf.width()), t.warn(), buf.width());
    }

    /**
     * What is shown instead of a view that failed to draw: the failure and its place in our code, and
     * the way back. The run goes on (sources, history, alerts); Esc returns to the list, which is drawn
     * again at the next frame.
     */
    private static void failed(CellBuffer buf, ConsoleState st, Theme t, RuntimeException e) {
        buf.clear(Style.PLAIN);
        String view = st.mode == Mode.MAIN ? "the list" : "this view";
        buf.put(0, 0, "nethergaze: " + view + " failed to draw (a bug; please report it):", t.bad(), buf.width());
        buf.put(0, 1, EngineFaults.describe(e), t.text(), buf.width());
        buf.put(
                0,
                3,
                "Esc goes back to the list · q quits · the sources and history keep running",
                t.dim(),
                buf.width());
    }

    /** What the marks before a row's address say (drawn by IpColumns), last in the help. */
    private static final List<HelpView.Entry> ROW_MARKS = List.of(
            new HelpView.Entry("●", "a finding fires (red: medium or worse)", "Row marks"),
            new HelpView.Entry("○", "its findings have all ended", "Row marks"),
            new HelpView.Entry("⊘", "the firewall drops it (⊖: only some of it)", "Row marks"),
            new HelpView.Entry("↺", "flagged in an earlier session (·: seen before)", "Row marks"));

    private static void help(CellBuffer buf, ConsoleState st, Theme t, List<String> hookNames) {
        List<HelpView.Entry> entries = new java.util.ArrayList<>(KeyMap.help());
        for (int i = 0; i < hookNames.size() && i < 9; i++) {
            entries.add(new HelpView.Entry(Integer.toString(i + 1), hookNames.get(i), "Hooks"));
        }
        entries.addAll(ROW_MARKS);
        int boxW = Math.min(buf.width(), 84);
        List<dev.nethergaze.ui.tui.widget.StyledLine> problems = sourceProblems(st, t, boxW - 4);
        int top = problems.isEmpty() ? 0 : problems.size() + 1;
        int wanted = HelpView.height(entries, boxW - 4) + 2 + top;
        Rect box = buf.area().belowTop(1).aboveBottom(1).centered(boxW, wanted);
        Rect inner = Box.modal(buf, box, "keys", "↑↓ scroll · Esc closes", t.borderFocus(), t.title());
        top = Math.min(top, inner.h() / 2); // the keys keep half the box at least
        for (int i = 0; i < top - 1 && i < problems.size(); i++) {
            problems.get(i).draw(buf, inner.x() + 1, inner.y() + i, inner.w() - 2);
        }
        int skip = Math.min(st.helpScroll, Math.max(0, entries.size() - 1));
        st.helpScroll = skip;
        HelpView.render(
                buf, new Rect(inner.x() + 1, inner.y() + top, inner.w() - 2, inner.h() - top), entries, skip, t);
    }

    /**
     * Each source with a problem and its whole message, wrapped to {@code w}: the header has room for
     * only the start of it (at 80 columns, a few words).
     */
    private static List<dev.nethergaze.ui.tui.widget.StyledLine> sourceProblems(ConsoleState st, Theme t, int w) {
        List<dev.nethergaze.ui.tui.widget.StyledLine> out = new java.util.ArrayList<>();
        if (st.snapshot == null) {
            return out;
        }
        for (dev.nethergaze.model.SourceHealth h : st.snapshot.sources()) {
            if ((h.status() == dev.nethergaze.model.SourceStatus.OK
                            && !dev.nethergaze.ui.tui.screen.HeaderView.notice(h))
                    || h.detail() == null
                    || h.detail().isBlank()) {
                continue;
            }
            out.addAll(new dev.nethergaze.ui.tui.widget.StyledLine()
                    .add("● ", t.warn())
                    .add(h.name() + ": ", t.title())
                    .add(h.detail(), t.text())
                    .hang("    ", t.text())
                    .wrap(w));
        }
        return out;
    }

    /**
     * A dialog: as wide as its longest line, as high as its lines; longer than the screen, it scrolls
     * and its top edge says which lines are shown (those past the edge were dropped without a sign).
     */
    private static void message(CellBuffer buf, ConsoleState st, Theme t) {
        int longest = 20;
        for (String l : st.messageLines) {
            longest = Math.max(longest, l.length() + 4);
        }
        // shell lines (block assist) wrap whole to the width they get; other text is cut as before
        List<String> lines = st.messageCommands
                ? CommandRows.wrap(st.messageLines, Math.min(longest, buf.width() - 2) - 4)
                : st.messageLines;
        int n = lines.size();
        int h = Math.min(n + 4, buf.height() - 2);
        int rows = Math.max(1, h - 3); // inside the border, less the blank first row
        st.messageScroll = Math.max(0, Math.min(st.messageScroll, n - rows));
        int from = st.messageScroll;
        String note = n <= rows
                ? "Esc closes"
                : (from + 1) + "–" + Math.min(n, from + rows) + " of " + n + " · ↑↓ PgUp PgDn · Esc closes";
        int w = Math.max(longest, n <= rows ? 20 : st.messageTitle.length() + note.length() + 12); // the note whole
        Rect box = buf.area().centered(Math.min(w, buf.width() - 2), h);
        Rect inner = Box.modal(buf, box, st.messageTitle, note, t.borderFocus(), t.title());
        for (int i = 0; from + i < n && i < inner.h() - 1; i++) {
            buf.put(inner, 1, i + 1, Text.fit(lines.get(from + i), inner.w() - 2), t.text());
        }
    }
}
