package dev.nethergaze.act;

import java.time.Duration;
import java.util.List;

/** Runs one argument array (no shell) and reports how it ended. */
public interface CommandRunner {

    /** How a command ended; {@code exit} is -1 when it timed out or could not start. */
    record Result(int exit, String stdout, String stderr, boolean timedOut) {
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
