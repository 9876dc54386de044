package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.ui.tui.draw.AnsiDiff;
import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Layout;
import dev.nethergaze.ui.tui.draw.Layout.Constraint;
import dev.nethergaze.ui.tui.draw.Rect;
import dev.nethergaze.ui.tui.draw.Style;
import dev.nethergaze.ui.tui.draw.Text;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.screen.Cells;
import dev.nethergaze.ui.tui.widget.Column;
import dev.nethergaze.ui.tui.widget.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cell buffer, the diff, layout and table arithmetic. */
class DrawTest {

    @Test
    void writesAreClippedAndSanitised() {
        CellBuffer b = new CellBuffer(5, 2);
        b.put(3, 0, "abcdef", Style.PLAIN, 99);
        b.put(0, 1, "x\033[2Jy中", Style.PLAIN, 99);
        assertThat(b.toPlainText()).isEqualTo("   ab\nx\\x1b\n"); // the ESC escaped, as a log writes it
        CellBuffer w = new CellBuffer(12, 1);
        w.put(0, 0, "中文", Style.PLAIN, 99);
        assertThat(w.toPlainText()).isEqualTo("\\u4e2d\\u6587\n"); // wide characters too, not '??'
        b.put(0, 5, "outside", Style.PLAIN, 99); // no exception
    }

    @Test
    void theDiffWritesOnlyChangedCells() {
        CellBuffer a = new CellBuffer(20, 3);
        a.put(0, 0, "hello world", Style.PLAIN, 20);
        CellBuffer b = new CellBuffer(20, 3);
        b.copyFrom(a);
        assertThat(AnsiDiff.diff(a, b)).isEmpty();
        b.put(6, 0, "there", Style.fg(203), 20);
        String d = AnsiDiff.diff(a, b);
        assertThat(d)
                .contains("\033[1;7H")
                .contains("there")
                .doesNotContain("hello")
                .doesNotContain("\033[2J");
        assertThat(AnsiDiff.diff(null, b)).contains("\033[2J").contains("hello");
    }

    @Test
    void layoutSplitsFixedPercentAndFill() {
        Rect[] r = Layout.rows(new Rect(0, 0, 10, 24), Constraint.fixed(1), Constraint.percent(50), Constraint.fill(1));
        assertThat(r).extracting(Rect::h).containsExactly(1, 11, 12);
        Rect[] c = Layout.columns(new Rect(0, 0, 100, 1), 0, Constraint.percent(62), Constraint.fill(1));
        assertThat(c[0].w() + c[1].w()).isEqualTo(100);
        assertThat(c[1].x()).isEqualTo(62);
    }

    @Test
    void tableDropsLowPriorityColumnsAndGivesSpareWidthToFlexibleOnes() {
        List<Column<String>> cols = List.of(
                Column.left("A", 10, 1, 0, s -> s), Column.right("B", 5, 5, s -> s), Column.left("C", 8, 0, 1, s -> s));
        assertThat(Table.fit(cols, 20)).extracting(p -> p.column().title()).containsExactly("A", "C");
        var wide = Table.fit(cols, 40);
        assertThat(wide).extracting(p -> p.column().title()).containsExactly("A", "B", "C");
        assertThat(wide.getFirst().w()).isEqualTo(40 - 5 - 8 - 2);
    }

    @Test
    void scrollFollowsTheSelection() {
        assertThat(Table.follow(0, 30, 10, 100)).isEqualTo(21);
        assertThat(Table.follow(25, 20, 10, 100)).isEqualTo(20);
        assertThat(Table.follow(95, 99, 10, 100)).isEqualTo(90);
    }

    @Test
    void textHelpers() {
        assertThat(Text.bytes(1536)).isEqualTo("1.5K");
        assertThat(Text.bytes(5L << 30)).isEqualTo("5.0G");
        assertThat(Text.count(123_456)).isEqualTo("123.5k");
        assertThat(Text.duration(3723)).isEqualTo("1h02m");
        assertThat(Text.fit("abcdef", 4)).isEqualTo("abc…");
        assertThat(Cells.ip(IpKey.parse("2001:db8:bad:1::22"), 15)).isEqualTo("2001:db8:ba…:22");
        assertThat(Cells.ip(IpKey.parse("192.0.2.1"), 15)).isEqualTo("192.0.2.1");
    }

    /**
     * A count just under a million read "1000.0k", 7 characters for a 6-wide column (REQS showed
     * "1000.…"), and 1048575 bytes "1024K": a value that rounds up to the next unit is written in it.
     */
    @Test
    void aNumberThatRoundsUpToTheNextUnitIsWrittenInIt() {
        assertThat(Text.count(999_949)).isEqualTo("999.9k");
        assertThat(Text.count(999_999)).isEqualTo("1.0M");
        assertThat(Text.count(999_999_999)).isEqualTo("1.0G");
        assertThat(Text.bytes(1_048_575)).isEqualTo("1.0M");
        assertThat(Text.bytes(1023 * 1024)).isEqualTo("1023K");
        for (long n = 1; n < 4_000_000_000L; n = n * 3 + 1) {
            assertThat(Text.count(n).length())
                    .as("count(%d) = %s", n, Text.count(n))
                    .isLessThanOrEqualTo(6);
            assertThat(Text.bytes(n).length())
                    .as("bytes(%d) = %s", n, Text.bytes(n))
                    .isLessThanOrEqualTo(5);
        }
    }

    /**
     * A malformed request shows its method when it has one (HTTP/0.9 "GET /", a control byte or a space
     * in the target: before, only the target); scanner bytes with no method show as they were logged.
     */
    @Test
    void aMalformedRequestKeepsItsMethod() {
        java.time.Instant t = java.time.Instant.parse("2026-12-07T12:00:00Z");
        assertThat(Cells.request(new dev.nethergaze.model.RequestView(
                        t, "GET", "/nul\\x00x", 400, 0, "-", true, "", "access.log")))
                .isEqualTo("GET /nul\\x00x");
        assertThat(Cells.request(new dev.nethergaze.model.RequestView(
                        t, "", "\\x16\\x03\\x01", 400, 0, "-", true, "", "access.log")))
                .isEqualTo("\\x16\\x03\\x01");
        assertThat(Cells.request(new dev.nethergaze.model.RequestView(t, "", "", 400, 0, "-", true, "", "a.log")))
                .isEqualTo("(malformed)");
    }

    @Test
    void noColorForcesMonoAndUnknownThemesAreRefused() {
        assertThat(Theme.select("dark", Map.of("NO_COLOR", "1")).isMono()).isTrue();
        assertThat(Theme.select("light", Map.of()).name()).isEqualTo("light");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Theme.select("neon", Map.of()))
                .hasMessageContaining("dark, light or mono");
        assertThat(Style.sgr(Theme.mono().bad())).doesNotContain("38;5");
    }
}
