package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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

    /** One tmux server per test: a socket name is never reused while an old server shuts down. */
    private final String socket = "nethergaze-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @BeforeEach
    void needTmux() {
        boolean ok;
        try {
            ok = new ProcessBuilder("tmux", "-V").start().waitFor() == 0;
        } catch (IOException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        Assumptions.assumeTrue(
                ok, "tmux is not installed: skipping the end-to-end console test (apt-get install tmux)");
    }

    @AfterEach
    void killServer() throws Exception {
        tmux("kill-server");
    }

    @Test
    void demoConsoleShowsTheFloodFiltersOpensDetailAndQuitsCleanly() throws Exception {
        tmux("new-session", "-d", "-x", "160", "-y", "45", "-s", "it", "bash", "--norc", "--noprofile");
        tmux("set-option", "-t", "it", "status", "off");
        typeLine(javaCommand());

        String main =
                waitFor(s -> s.contains("nethergaze") && s.contains("198.51.100.") && s.contains("203.0.113."), 20);
        assertThat(main).contains("SYN").contains("demo");
        Thread.sleep(1500); // a few more ticks, so the log and rates have filled in
        Files.writeString(Path.of("target", "tmux-console.txt"), tmux("capture-pane", "-p", "-e", "-t", "it"));

        keys("!");
        String sus = waitFor(s -> s.contains("SUSPICIOUS") && s.contains("suspicious IPs"), 5);
        for (String line : sus.split("\n")) {
            if (line.startsWith("│")) {
                String tablePart = line.substring(0, Math.min(line.length(), 99));
                assertThat(tablePart).doesNotContain("192.0.2.77 ").doesNotContain("192.0.2.20 ");
            }
        }
        assertThat(sus).contains("198.51.100.").contains("192.0.2.201");

        keys("Enter");
        String detail = waitFor(s -> s.contains("! suspicious") && s.contains("Why"), 5);
        assertThat(detail).contains("SYN_RECV").contains("half-open");

        keys("Escape");
        waitFor(s -> !s.contains("Why"), 5);
        keys("q");
        waitFor(s -> !s.contains("◉ nethergaze"), 10);
        waitFor(ConsoleTmuxIT::promptIsBack, 15); // the JVM has exited and the shell reads again

        typeLine("stty -a | tr ' ;' '\\n\\n' | grep -x -e '-\\?icanon' -e '-\\?echo'; echo usable-$((40+2))");
        String after = waitFor(s -> s.contains("usable-42"), 10);
        List<String> lines = after.lines().map(String::strip).toList();
        assertThat(lines).contains("icanon", "echo").doesNotContain("-icanon", "-echo");
    }

    @Test
    void sigtermRestoresTheTerminal() throws Exception {
        tmux("new-session", "-d", "-x", "100", "-y", "30", "-s", "it", "bash", "--norc", "--noprofile");
        typeLine(javaCommand());
        waitFor(s -> s.contains("◉ nethergaze") && s.contains("198.51.100."), 20);
        long shell = Long.parseLong(
                tmux("display-message", "-p", "-t", "it", "#{pane_pid}").strip());
        ProcessHandle java = ProcessHandle.of(shell)
                .orElseThrow()
                .children()
                .findFirst()
                .orElseThrow(() -> new AssertionError("no console process under the pane's shell"));
        assertThat(java.destroy()).isTrue(); // SIGTERM
        java.onExit().get(15, TimeUnit.SECONDS);
        waitFor(ConsoleTmuxIT::promptIsBack, 15);
        typeLine("stty -a | tr ' ;' '\\n\\n' | grep -x -e '-\\?icanon' -e '-\\?echo'; echo usable-$((40+2))");
        String after = waitFor(s -> s.contains("usable-42"), 10);
        assertThat(after).doesNotContain("◉ nethergaze");
        assertThat(after.lines().map(String::strip).toList()).contains("icanon", "echo");
    }

    private static boolean promptIsBack(String pane) {
        List<String> lines =
                pane.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return !lines.isEmpty() && lines.getLast().matches(".*[#$]");
    }

    private static String javaCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return "'" + java + "' --enable-native-access=ALL-UNNAMED -cp '" + cp + "' " + DemoConsoleMain.class.getName()
                + " 2>" + Path.of("target", "tmux-console.err").toAbsolutePath();
    }

    private void typeLine(String text) throws Exception {
        tmux("send-keys", "-t", "it", "-l", text);
        tmux("send-keys", "-t", "it", "Enter");
    }

    private void keys(String key) throws Exception {
        tmux("send-keys", "-t", "it", key);
    }

    private String waitFor(Predicate<String> ok, int seconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        String s = "";
        while (System.nanoTime() < deadline) {
            s = tmux("capture-pane", "-p", "-t", "it");
            if (ok.test(s)) {
                return s;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + seconds + " s; the pane shows:\n" + s);
    }

    private String tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tmux did not answer: " + cmd);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
