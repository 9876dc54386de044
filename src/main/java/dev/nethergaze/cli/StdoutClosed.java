package dev.nethergaze.cli;

import java.io.PrintStream;

/**
 * Standard output was closed by its reader ({@code watch --jsonl | head -1}): the write failed with
 * EPIPE. A {@link PrintStream} swallows that error and goes on, so a command writing a line now and
 * then never learnt it and ran forever; this ends the command quietly, with exit code {@link #EXIT}
 * (128 + SIGPIPE, what a shell reports for a filter killed by SIGPIPE: {@code yes | head -1}).
 */
final class StdoutClosed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The exit code: 128 + SIGPIPE (13). */
    static final int EXIT = 141;

    StdoutClosed() {
        super("standard output closed", null, false, false);
    }

    /** Throws when a write to {@code out} (standard output) has failed; flushes it first. */
    static void check(java.io.OutputStream out) {
        if (out instanceof PrintStream ps && ps.checkError()) {
            throw new StdoutClosed();
        }
    }
}
