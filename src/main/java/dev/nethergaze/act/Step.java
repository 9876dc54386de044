package dev.nethergaze.act;

import java.util.List;

/**
 * One command of a plan, as an argument array (never a shell line). When {@code skipIf} is not
 * empty it is run first and a zero exit means the step is already done (idempotent setup).
 */
public record Step(List<String> argv, List<String> skipIf) {

    public Step {
        argv = List.copyOf(argv);
        skipIf = List.copyOf(skipIf);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
    }

    public static Step of(String... argv) {
        return new Step(List.of(argv), List.of());
    }

    /** The command as a person would type it (arguments quoted for display only; it never runs this way). */
    public String display() {
        String cmd = Quote.join(argv);
        return skipIf.isEmpty() ? cmd : Quote.join(skipIf) + " || " + cmd;
    }
}
