package dev.nethergaze.act;

import java.time.Duration;
import java.util.List;

/** Runs one argument array (no shell) and reports how it ended. */
public interface CommandRunner {

    /**
     * How a command ended; {@code exit} is -1 when it timed out or could not start, and then
     * {@code notStarted} says why it could not start ("not installed", "permission denied"), else null.
     */
    record Result(int exit, String stdout, String stderr, boolean timedOut, String notStarted) {

        /** A command that ran (to its end, or until it timed out). */
        public Result(int exit, String stdout, String stderr, boolean timedOut) {
            this(exit, stdout, stderr, timedOut, null);
        }

        /** {@code program} could not be started, because of {@code why}. */
        public static Result notStarted(String program, String why) {
            return new Result(-1, "", "cannot run " + program + ": " + why, false, why);
        }

        public boolean started() {
            return notStarted == null;
        }

        public boolean ok() {
            return exit == 0 && !timedOut;
        }

        /** The first line of stderr (or stdout), for one-line messages. */
        public String firstLine() {
            String s = !stderr.isBlank() ? stderr : stdout;
            String line = s.strip().lines().findFirst().orElse("");
            return timedOut ? "timed out" : line;
        }
    }

    Result run(List<String> argv, Duration timeout) throws InterruptedException;
}
