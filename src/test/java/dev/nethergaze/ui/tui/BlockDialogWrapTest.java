package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.detect.Cidr;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.screen.Mode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The block dialog on a narrow terminal shows every command whole: a command wider than the dialog
 * continues on the next rows with a shell line continuation (a backslash), so what is copied from the
 * screen pastes as the same command. It was cut with "…" at the dialog's edge: at 60 columns the one-line
 * nft transaction that replaces blocked addresses by their prefix lost most of itself.
 */
class BlockDialogWrapTest {

    static final String TRANSACTION = "nft delete element inet nethergaze blocked4 '{ 198.51.100.7 }' ';' delete"
            + " element inet nethergaze blocked4 '{ 198.51.100.9 }' ';' add element inet nethergaze blocked4"
            + " '{ 198.51.100.0/24 }'";
    static final String CHAIN =
            "nft add chain inet nethergaze input '{ type filter hook input priority -10;" + " policy accept; }'";
    static final String NOTE =
            "# 198.51.100.0/24 replaces nethergaze's blocks inside it: 198.51.100.7," + " 198.51.100.9";

    private static final ConsoleActions ASSIST = new ConsoleActions() {
        @Override
        public ActionResult blockAssist(Cidr target, Cidr prefix) {
            return ActionResult.show("block", List.of(NOTE, CHAIN, TRANSACTION));
        }
    };

    @Test
    void aCommandWiderThanTheDialogWrapsWithAContinuationAndPastesWhole() {
        for (int width : List.of(60, 44)) {
            Screens s = new Screens(width, 30, Theme.dark(), ASSIST)
                    .feed(Snapshots.demo(4))
                    .keys("b");
            assertThat(s.loop.state().mode).isEqualTo(Mode.MESSAGE);
            List<String> rows = inside(s.text());
            assertThat(String.join("\n", rows)).as(width + " columns").doesNotContain("…");
            String pasted = shellJoin(rows);
            assertThat(pasted)
                    .as(width + " columns, as a shell reads the rows")
                    .contains(TRANSACTION)
                    .contains(CHAIN);
            assertThat(commentJoin(rows)).as(width + " columns").contains(NOTE.substring(2));
        }
    }

    /**
     * Every command nethergaze plans (its golden firewall files), at every width from 12 to 100
     * columns: no row is wider, and the rows read as a shell reads them are the command.
     */
    @Test
    void everyPlannedCommandWrapsToItselfAtEveryWidth() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("src/test/resources/golden/firewall");
        List<String> commands = new ArrayList<>();
        try (var files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path f : files.sorted().toList()) {
                java.nio.file.Files.readAllLines(f).stream()
                        .filter(l -> !l.isBlank() && !l.startsWith("#"))
                        .forEach(commands::add);
            }
        }
        assertThat(commands).hasSizeGreaterThan(20);
        commands.add(TRANSACTION);
        for (String c : commands) {
            for (int w = 12; w <= 100; w++) {
                List<String> rows = dev.nethergaze.ui.tui.widget.CommandRows.wrap(List.of(c), w);
                for (String r : rows) {
                    assertThat(r.length()).as(w + " columns: " + r).isLessThanOrEqualTo(w);
                }
                List<String> stripped = rows.stream().map(String::strip).toList();
                assertThat(shellJoin(stripped).strip()).as(w + " columns").isEqualTo(c);
            }
        }
    }

    /** The dialog's rows: what lies inside its box (the main screen around it left out). */
    private static List<String> inside(String screen) {
        List<String> out = new ArrayList<>();
        int a = -1;
        int b = -1;
        for (String line : screen.split("\n")) {
            if (a < 0 && line.contains("╭ block ")) { // the dialog's top edge, with its title
                a = line.indexOf("╭ block ");
                b = line.indexOf('╮', a);
            } else if (a >= 0 && line.charAt(a) == '╰') {
                break;
            } else if (a >= 0) {
                assertThat(line.charAt(a)).as(line).isEqualTo('│');
                assertThat(line.charAt(b)).as(line).isEqualTo('│');
                out.add(line.substring(a + 1, b).strip());
            }
        }
        assertThat(out).as("the dialog's rows").isNotEmpty();
        return out;
    }

    /**
     * The rows as a shell reads them: a backslash at a row's end joins the next row to it (and the
     * spaces the next row starts with are between two words, so one is enough); comment rows left out.
     */
    private static String shellJoin(List<String> rows) {
        StringBuilder b = new StringBuilder();
        for (String r : rows) {
            if (r.startsWith("#")) {
                continue;
            }
            if (!b.isEmpty() && b.charAt(b.length() - 1) == '\\') {
                b.setLength(b.length() - 1);
            } else {
                b.append('\n');
            }
            b.append(r);
        }
        return b.toString().replaceAll(" {2,}", " ").replace("''", "");
    }

    /** The comment rows run together, their continuation marks ("#   ") dropped. */
    private static String commentJoin(List<String> rows) {
        StringBuilder b = new StringBuilder();
        for (String r : rows) {
            if (r.startsWith("#")) {
                b.append(' ').append(r.substring(1).strip());
            }
        }
        return b.toString().strip();
    }
}
