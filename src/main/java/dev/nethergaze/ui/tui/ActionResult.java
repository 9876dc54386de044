package dev.nethergaze.ui.tui;

import java.util.List;

/**
 * What a {@link ConsoleActions} callback answers: a one-line message for the status bar and, for
 * actions that produce text to read (block assist), lines shown in a dialog.
 */
public record ActionResult(boolean ok, String message, List<String> lines) {

    public ActionResult {
        lines = List.copyOf(lines);
    }

    public static ActionResult ok(String message) {
        return new ActionResult(true, message, List.of());
    }

    /** Success with text to show in a dialog (e.g. the firewall commands of block assist). */
    public static ActionResult show(String message, List<String> lines) {
        return new ActionResult(true, message, lines);
    }

    public static ActionResult failed(String message) {
        return new ActionResult(false, message, List.of());
    }

    /** The default of every action the host program did not provide. */
    public static ActionResult unavailable(String what) {
        return new ActionResult(false, what + " is not available in this build", List.of());
    }
}
