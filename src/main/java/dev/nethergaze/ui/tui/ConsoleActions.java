package dev.nethergaze.ui.tui;

import dev.nethergaze.detect.Cidr;
import dev.nethergaze.model.IpKey;
import java.util.List;

/**
 * What the console asks of the program around it for things a view cannot do itself. Every method
 * is optional: the defaults answer "not available" and the console shows that as a message. The
 * console calls these on a background (virtual) thread, never on the UI thread, so they may block
 * briefly; they must not write to stdout.
 */
public interface ConsoleActions {

    /** Nothing available: the console still works, read-only. */
    ConsoleActions NONE = new ConsoleActions() {};

    /** Pause ({@code true}) or resume the engine. The console freezes its own view either way. */
    default ActionResult pause(boolean paused) {
        return ActionResult.unavailable("pausing the engine");
    }

    /** Ask for fresh data now (e.g. an immediate connection poll). */
    default ActionResult refresh() {
        return ActionResult.ok("repainted");
    }

    /** Queue an RDAP/whois lookup of {@code ip}; the answer arrives in a later snapshot. */
    default ActionResult whoisNow(IpKey ip) {
        return ActionResult.unavailable("whois");
    }

    /**
     * Whether {@link #whoisNow} can ask at all in this run (not off, not offline): the detail view only
     * offers the key when it can.
     */
    default boolean whoisAsks() {
        return false;
    }

    /** Whether this run keeps history: the detail's history line says "not kept" otherwise. */
    default boolean historyKept() {
        return true;
    }

    /** The route to {@code ip}, hop by hop, as lines to read (it may take a few seconds). */
    default ActionResult trace(IpKey ip) {
        return ActionResult.unavailable("route tracing");
    }

    /**
     * The commands that would block {@code target} (an address, or a row's prefix when rows are
     * grouped), and {@code prefix} too when a finding names a wider prefix it lies in (null if none):
     * shown, never run by the console.
     */
    default ActionResult blockAssist(Cidr target, Cidr prefix) {
        return ActionResult.unavailable("block assist");
    }

    /** The commands that would lift a block of {@code target}. */
    default ActionResult unblockAssist(Cidr target) {
        return ActionResult.unavailable("unblock assist");
    }

    /** Runs the user's hook number {@code n} (1..9) with {@code ip}. */
    default ActionResult runHook(int n, IpKey ip) {
        return ActionResult.unavailable("hook " + n);
    }

    /** Names of the configured hooks, hook 1 first; shown in the detail footer and help. */
    default List<String> hookNames() {
        return List.of();
    }
}
