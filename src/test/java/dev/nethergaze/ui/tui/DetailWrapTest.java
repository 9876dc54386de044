package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.ui.tui.draw.Theme;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The detail wraps a finding's reason and evidence (and the Who values), and ↓ scrolls over the rows. */
class DetailWrapTest {

    private static final String REASON = "SSH login accepted (publickey for root) at 2026-11-22T03:09:59Z after 20"
            + " failed SSH logins in the 600 s before it (threshold 5): END-OF-REASON";

    /** The column of the "Why" heading: where the findings' rows begin. */
    private static int whyAt(String frame) {
        return frame.lines()
                .filter(l -> l.contains("Why"))
                .findFirst()
                .orElseThrow()
                .indexOf("Why");
    }

    /** The rows of a column, from {@code from} to {@code to} or the panel's right edge. */
    private static List<String> rows(String frame, int from, int to) {
        return frame.lines()
                .filter(line -> Math.min(to, line.lastIndexOf('│')) > from)
                .map(line -> line.substring(from, Math.min(to, line.lastIndexOf('│'))))
                .toList();
    }

    /** A column's text as one line of words (the wrap's indents and evidence bars taken out). */
    private static String words(List<String> rows) {
        return String.join(" ", rows).replace("│", " ").replaceAll(" +", " ");
    }

    @ParameterizedTest
    @CsvSource({"80,24", "160,45"})
    void theReasonAndEvidenceAreReadWhole(int w, int h) {
        String frame = new Screens(w, h, Theme.dark())
                .feed(List.of(Snapshots.longReason()))
                .keys("\r")
                .text();
        List<String> why = rows(frame, whyAt(frame), Integer.MAX_VALUE);
        assertThat(words(why))
                .contains(REASON)
                .contains("2026-11-22T03:00:09Z sshd[4242]: Failed password for invalid user oracle from"
                        + " 2001:db8:bad::6 port 57780 ssh2 [auth-E.log:1]");
        // continuation rows are indented past the bullet (reason) and past the bar (evidence)
        assertThat(why).anyMatch(r -> r.matches(" {6}2026-11-22T03:09:59Z after 20 failed SSH logins.*"));
        assertThat(why).anyMatch(r -> r.matches(" {6}│ {3}\\S.*57780 ssh2 \\[auth-E.log:1] *"));
        if (w >= 160) { // the Who column wraps too
            assertThat(words(rows(frame, 2, whyAt(frame))))
                    .contains("Example Hosting and Colocation Services of the Netherlands BV ·"
                            + " EXAMPLE-VERY-LONG-NETWORK-NAME · 2001:db8:bad::/48");
        }
    }

    @ParameterizedTest
    @CsvSource({"80,24", "160,45"})
    void downScrollsToTheLastWrappedRow(int w, int h) {
        Screens s = new Screens(w, h, Theme.dark())
                .feed(List.of(Snapshots.longReason()))
                .keys("\r");
        int whyAt = whyAt(s.text());
        assertThat(s.text()).doesNotContain("LAST-EVIDENCE-LINE"); // the wrapped evidence does not fit at first
        boolean seen = false;
        for (int i = 0; i < 60 && !seen; i++) {
            s.keys("\u001b[B");
            seen = words(rows(s.text(), whyAt, Integer.MAX_VALUE)).contains("ED25519 SHA256:LAST-EVIDENCE-LINE");
        }
        assertThat(seen).as("↓ reaches the last evidence line's last row").isTrue();
    }
}
