package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.ui.tui.TmuxPane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real console, in a tmux pane, with its access log on standard input ({@code cat access.log |
 * nethergaze --access-log -}, as from {@code docker logs -f}): the log's client shows up, the source
 * is {@code http:-}, and the console still takes its keys from the terminal ({@code q} quits, the
 * terminal restored) although its standard input is the pipe. Needs tmux; skips otherwise.
 */
class ConsolePipeTmuxIT {

    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    @TempDir
    Path tmp;

    private TmuxPane pane;

    @AfterEach
    void closePane() throws Exception {
        if (pane != null) {
            pane.close();
        }
    }

    /** The exit status the typed line echoes, once printed (the typed line itself says "$?"). */
    private static boolean exited(String screen) {
        return screen.matches("(?s).*exit-status-\\d.*");
    }

    @Test
    void aPipedLogIsShownAndKeysComeFromTheTerminal() throws Exception {
        assumeTrue(TmuxPane.available(), "tmux is not installed");
        String now = CLF.format(ZonedDateTime.now(ZoneOffset.UTC));
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            log.append("203.0.113.9 - - [")
                    .append(now)
                    .append("] \"GET /.env HTTP/1.1\" 404 153 \"-\" \"Mozilla/5.0 zgrab/0.x\"\n");
        }
        Path file = Files.writeString(tmp.resolve("access.log"), log);
        Files.createDirectories(tmp.resolve("cfg"));
        String args = "--access-log - --no-conn --no-auth --no-history --offline";
        pane = TmuxPane.open(200, 40);
        pane.typeLine("cat " + file + " | XDG_CONFIG_HOME=" + tmp.resolve("cfg") + " "
                + TmuxPane.javaCommand(Main.class.getName(), args, tmp.resolve("console.err"))
                + "; echo exit-status-$?");

        String screen = pane.waitFor(s -> s.contains("◉ nethergaze") && s.contains("203.0.113.9"), 30);
        assertThat(screen).contains("http:-").contains("GET /.env").doesNotContain("needs a terminal");

        pane.keys("q");
        String after = pane.waitFor(ConsolePipeTmuxIT::exited, 15);
        assertThat(after).contains("exit-status-0");
        assertThat(pane.sttyFlags()).contains("icanon", "echo").doesNotContain("-icanon", "-echo");
        assertThat(Files.readString(tmp.resolve("console.err"))).doesNotContain("Exception");
    }

    /**
     * Without a pipe, {@code -} would be the terminal itself, read as a log and for keys at once: it
     * is refused in one line, and the terminal is left as it was.
     */
    @Test
    void aDashWithoutAPipeIsRefused() throws Exception {
        assumeTrue(TmuxPane.available(), "tmux is not installed");
        Files.createDirectories(tmp.resolve("cfg"));
        Path err = tmp.resolve("console.err");
        pane = TmuxPane.open(200, 40);
        pane.typeLine("XDG_CONFIG_HOME=" + tmp.resolve("cfg") + " "
                + TmuxPane.javaCommand(
                        Main.class.getName(), "--access-log - --no-conn --no-auth --no-history --offline", err)
                + "; echo exit-status-$?");
        assertThat(pane.waitFor(ConsolePipeTmuxIT::exited, 30)).contains("exit-status-2");
        assertThat(Files.readString(err).strip())
                .isEqualTo("nethergaze: --access-log -: standard input is this terminal, not a log; pipe one in"
                        + " (docker logs -f web | nethergaze --access-log -)");
        assertThat(pane.sttyFlags()).contains("icanon", "echo").doesNotContain("-icanon", "-echo");
    }
}
