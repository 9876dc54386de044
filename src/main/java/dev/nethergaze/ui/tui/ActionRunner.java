package dev.nethergaze.ui.tui;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs host actions off the UI thread and hands their results back to it: the UI thread calls
 * {@link #drain()} once per loop. A failing action becomes a message, never a crash.
 */
final class ActionRunner {

    private final ConsoleActions actions;
    private final Executor executor;
    private final Consumer<String> terminal;
    private final Queue<Runnable> done = new ConcurrentLinkedQueue<>();
    private Consumer<ActionResult> copied = r -> {};

    ActionRunner(ConsoleActions actions, Executor executor, Consumer<String> terminal) {
        this.actions = actions;
        this.executor = executor;
        this.terminal = terminal;
    }

    void onCopied(Consumer<ActionResult> c) {
        this.copied = c;
    }

    void run(Function<ConsoleActions, ActionResult> action, Consumer<ActionResult> then) {
        executor.execute(() -> {
            ActionResult r;
            try {
                r = action.apply(actions);
                if (r == null) {
                    r = ActionResult.failed("no answer");
                }
            } catch (RuntimeException e) {
                r = ActionResult.failed("failed: " + e.getMessage());
            }
            ActionResult result = r;
            done.add(() -> then.accept(result));
        });
    }

    /**
     * Puts {@code text} on the clipboard of the terminal the user sits at (OSC 52; tmux needs
     * {@code set-clipboard on}), which works over SSH where no local clipboard tool would.
     */
    void copy(String text) {
        String b64 = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        terminal.accept("\033]52;c;" + b64 + "\007");
        copied.accept(ActionResult.ok("copied " + text + " (OSC 52)"));
    }

    /** Applies finished actions' results on the calling (UI) thread; true if there were any. */
    boolean drain() {
        boolean any = false;
        Runnable r;
        while ((r = done.poll()) != null) {
            r.run();
            any = true;
        }
        return any;
    }
}
