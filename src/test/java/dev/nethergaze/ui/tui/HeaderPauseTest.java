package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.ui.tui.draw.Theme;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The header keeps the pause marker whole beside a long source problem; the help shows the problem whole. */
class HeaderPauseTest {

    static final String PROBLEM = "no line read as an auth log in the first 18 lines"
            + " (sshd lines with a syslog or ISO-8601 time, or journald's) — is it the right file? END-OF-PROBLEM";

    private static Snapshot withProblem() {
        Snapshot base = Snapshots.enriched();
        List<SourceHealth> sources = new ArrayList<>(base.sources());
        sources.add(new SourceHealth("auth:/tmp/df2/ssh/auth-E.log", "auth", SourceStatus.ERROR, PROBLEM, 18, 18));
        return base.withSources(sources);
    }

    @ParameterizedTest
    @CsvSource({"80,24", "160,45"})
    void pausedStaysWhole(int w, int h) {
        Screens s = new Screens(w, h, Theme.dark()).feed(List.of(withProblem())).keys("p");
        String top = s.text().lines().findFirst().orElseThrow();
        assertThat(top).contains("‖ PAUSED").contains("● auth:");
    }

    @ParameterizedTest
    @CsvSource({"80,24", "160,45"})
    void theHelpShowsTheWholeProblem(int w, int h) {
        Screens s = new Screens(w, h, Theme.dark()).feed(List.of(withProblem())).keys("?");
        String joined = String.join(
                        " ",
                        s.text().lines().map(l -> l.replace("│", " ").strip()).toList())
                .replaceAll(" +", " ");
        assertThat(joined).contains("auth:/tmp/df2/ssh/auth-E.log").contains("END-OF-PROBLEM");
    }
}
