package dev.nethergaze.source;

import dev.nethergaze.model.SourceStatus;
import java.io.PrintStream;

/** Receives a source's problem once when it appears (e.g. to stderr, or a log file under the TUI). */
@FunctionalInterface
public interface StatusReporter {

    void report(String source, SourceStatus status, String detail);

    static StatusReporter to(PrintStream out) {
        return (source, status, detail) ->
                out.println("nethergaze: " + source + ": " + status.json() + (detail.isEmpty() ? "" : ": " + detail));
    }

    static StatusReporter silent() {
        return (source, status, detail) -> {};
    }
}
