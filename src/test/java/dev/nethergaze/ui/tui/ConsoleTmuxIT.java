package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real console in a real terminal: tmux runs a shell in a 160×45 pane, the test types the
 * command that opens the demo console, sends keys and reads the pane like a person would. Skips
 * when tmux is not installed (CI installs it in .ci/run).
 */
class ConsoleTmuxIT {

    private TmuxPane pane;

    @BeforeEach
    void needTmux() {
        Assumptions.assumeTrue(
                TmuxPane.available(),
                "tmux is not installed: skipping the end-to-end console test (apt-get install tmux)");
    }

    @AfterEach
    void killServer() throws Exception {
        if (pane != null) {
            pane.close();
        }
    }

    @Test
    void demoConsoleShowsTheFloodFiltersOpensDetailAndQuitsCleanly() throws Exception {
        pane = TmuxPane.open(160, 45);
        pane.typeLine(javaCommand());

        String main = pane.waitFor(
                s -> s.contains("nethergaze") && s.contains("198.51.100.") && s.contains("203.0.113."), 20);
        assertThat(main).contains("SYN").contains("demo");
        Thread.sleep(1500); // a few more ticks, so the log and rates have filled in
        Files.writeString(Path.of("target", "tmux-console.txt"), pane.screen(true));

        pane.keys("!");
        String sus = pane.waitFor(s -> s.contains("SUSPICIOUS") && s.contains("suspicious IPs"), 5);
        for (String line : sus.split("\n")) {
            if (line.startsWith("│")) {
                String tablePart = line.substring(0, Math.min(line.length(), 99));
                assertThat(tablePart).doesNotContain("192.0.2.77 ").doesNotContain("192.0.2.20 ");
            }
        }
        assertThat(sus).contains("198.51.100.").contains("192.0.2.201");

        // worst first: once it got in (at the demo's third second), the brute-forcer is the first row
        pane.waitFor(ConsoleTmuxIT::bruteForcerFirst, 15);
        pane.keys("Enter");
        String detail = pane.waitFor(s -> s.contains("● flagged") && s.contains("Why"), 5);
        assertThat(detail)
                .contains("2001:db8:bad:1::22")
                .contains("ssh_login_after_guessing")
                .contains("Accepted password for root");

        pane.keys("Escape");
        pane.waitFor(s -> !s.contains("Why"), 5);
        pane.keys("q");
        pane.waitFor(s -> !s.contains("◉ nethergaze"), 10);
        pane.waitFor(TmuxPane::promptIsBack, 15); // the JVM has exited and the shell reads again

        assertThat(pane.sttyFlags()).contains("icanon", "echo").doesNotContain("-icanon", "-echo");
    }

    @Test
    void sigtermRestoresTheTerminal() throws Exception {
        pane = TmuxPane.open(100, 30);
        pane.typeLine(javaCommand());
        pane.waitFor(s -> s.contains("◉ nethergaze") && s.contains("198.51.100."), 20);
        ProcessHandle java =
                pane.program().orElseThrow(() -> new AssertionError("no console process under the pane's shell"));
        assertThat(java.destroy()).isTrue(); // SIGTERM
        java.onExit().get(15, TimeUnit.SECONDS);
        pane.waitFor(TmuxPane::promptIsBack, 15);
        assertThat(pane.sttyFlags()).contains("icanon", "echo");
        assertThat(pane.screen(false)).doesNotContain("◉ nethergaze");
        // the loop, reading keys when the shutdown hook closed the terminal, printed "the console
        // failed: java.lang.IllegalStateException: Terminal has been closed" and a stack trace
        assertThat(Files.readString(Path.of("target", "tmux-console.err")))
                .doesNotContain("Exception")
                .doesNotContain("console failed");
    }

    private static String javaCommand() {
        return TmuxPane.javaCommand(DemoConsoleMain.class.getName(), "", Path.of("target", "tmux-console.err"));
    }

    /** Whether the table's first row is the demo's brute-forcer. */
    private static boolean bruteForcerFirst(String screen) {
        for (String line : screen.split("\n")) {
            if (line.startsWith("│●") || line.startsWith("│○")) {
                return line.contains("2001:db8:bad:1::22");
            }
        }
        return false;
    }
}
