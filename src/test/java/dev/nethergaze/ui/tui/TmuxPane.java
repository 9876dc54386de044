package dev.nethergaze.ui.tui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real terminal for end-to-end console tests: a private tmux server (its own socket name, never
 * reused) with one pane running a bare bash, typed into and read like a person would. Close kills
 * that server only.
 */
public final class TmuxPane implements AutoCloseable {

    private final String socket = "nethergaze-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    private TmuxPane() {}

    /** Whether tmux can be run here (tests skip without it). */
    public static boolean available() {
        try {
            return new ProcessBuilder("tmux", "-V").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A new detached session of {@code columns}×{@code rows} running {@code bash --norc --noprofile}. */
    public static TmuxPane open(int columns, int rows) throws Exception {
        TmuxPane p = new TmuxPane();
        p.tmux(
                "new-session",
                "-d",
                "-x",
                Integer.toString(columns),
                "-y",
                Integer.toString(rows),
                "-s",
                "it",
                "bash",
                "--norc",
                "--noprofile");
        p.tmux("set-option", "-t", "it", "status", "off");
        return p;
    }

    /** The command line that runs {@code mainClass} on this test JVM's classpath, stderr to {@code err}. */
    public static String javaCommand(String mainClass, String args, Path err) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return "'" + java + "' --enable-native-access=ALL-UNNAMED -cp '" + cp + "' " + mainClass
                + (args.isEmpty() ? "" : " " + args) + " 2>" + err.toAbsolutePath();
    }

    public void typeLine(String text) throws Exception {
        tmux("send-keys", "-t", "it", "-l", text);
        tmux("send-keys", "-t", "it", "Enter");
    }

    public void keys(String key) throws Exception {
        tmux("send-keys", "-t", "it", key);
    }

    /** The pane's text now; with {@code escapes}, its colours too. */
    public String screen(boolean escapes) throws Exception {
        return escapes ? tmux("capture-pane", "-p", "-e", "-t", "it") : tmux("capture-pane", "-p", "-t", "it");
    }

    /**
     * Polls the pane every 200 ms until {@code ok} holds for a settled screen; fails with the pane's
     * text after {@code seconds}. tmux updates its grid as the bytes of a frame arrive, so one
     * capture can hold the top of a new frame over the bottom of the old one; a screen counts as
     * settled when a second capture 100 ms later is the same.
     */
    public String waitFor(Predicate<String> ok, int seconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        String s = "";
        while (System.nanoTime() < deadline) {
            s = screen(false);
            if (ok.test(s)) {
                Thread.sleep(100);
                if (screen(false).equals(s)) {
                    return s;
                }
                continue;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + seconds + " s; the pane shows:\n" + s);
    }

    /** The first process the pane's shell started (the program under test), if it runs. */
    public Optional<ProcessHandle> program() throws Exception {
        long shell = Long.parseLong(
                tmux("display-message", "-p", "-t", "it", "#{pane_pid}").strip());
        return ProcessHandle.of(shell).orElseThrow().children().findFirst();
    }

    /** Whether the shell prompt is back on the last non-empty line (the program has exited). */
    public static boolean promptIsBack(String pane) {
        List<String> lines =
                pane.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return !lines.isEmpty() && lines.getLast().matches(".*[#$]");
    }

    /** Asks the shell whether the terminal is back in canonical mode with echo; returns the lines. */
    public List<String> sttyFlags() throws Exception {
        typeLine("stty -a | tr ' ;' '\\n\\n' | grep -x -e '-\\?icanon' -e '-\\?echo'; echo usable-$((40+2))");
        String after = waitFor(s -> s.contains("usable-42"), 10);
        return after.lines().map(String::strip).toList();
    }

    @Override
    public void close() throws Exception {
        tmux("kill-server");
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
