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
        String after = pane.waitFor(s -> s.contains("exit-status-"), 15);
        assertThat(after).contains("exit-status-0");
        assertThat(pane.sttyFlags()).contains("icanon", "echo").doesNotContain("-icanon", "-echo");
        assertThat(Files.readString(tmp.resolve("console.err"))).doesNotContain("Exception");
    }
}
