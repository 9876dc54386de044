package dev.nethergaze.act;

import java.util.List;

/**
 * One command of a plan, as an argument array (never a shell line). When {@code skipIf} is not
 * empty it is run first and a zero exit means the step is already done (idempotent setup). When
 * {@code repeatWhile} is not empty the step is a loop: {@code argv} runs as long as that check
 * succeeds (iptables deletes one matching rule at a time; a rule added twice needs two). A
 * {@code bestEffort} step that fails is reported, and the plan goes on: what it adds to the
 * steps before it is welcome, not required.
 */
public record Step(List<String> argv, List<String> skipIf, boolean bestEffort, List<String> repeatWhile) {

    public Step {
        argv = List.copyOf(argv);
        skipIf = List.copyOf(skipIf);
        repeatWhile = List.copyOf(repeatWhile);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
    }

    public Step(List<String> argv, List<String> skipIf, boolean bestEffort) {
        this(argv, skipIf, bestEffort, List.of());
    }

    public Step(List<String> argv, List<String> skipIf) {
        this(argv, skipIf, false);
    }

    public static Step of(String... argv) {
        return new Step(List.of(argv), List.of());
    }

    /** A step whose failure does not undo or stop the plan (see above). */
    public static Step bestEffort(String... argv) {
        return new Step(List.of(argv), List.of(), true);
    }

    /** {@code argv} run again and again while {@code check} succeeds (none at all when it fails at once). */
    public static Step whileTrue(List<String> check, List<String> argv) {
        return new Step(argv, List.of(), false, check);
    }

    /**
     * The command as a person would type it (arguments quoted for display only; it never runs this
     * way), with {@code || true} after a best-effort one.
     */
    public String display() {
        String cmd = Quote.join(argv);
        if (!repeatWhile.isEmpty()) {
            return "while " + Quote.join(repeatWhile) + "; do " + cmd + "; done";
        }
        if (bestEffort) {
            cmd += " || true";
        }
        return skipIf.isEmpty() ? cmd : Quote.join(skipIf) + " || " + cmd;
    }
}
