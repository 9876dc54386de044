package dev.nethergaze.ui.tui.term;

import java.io.IOException;

/**
 * The console's view of a terminal: size, character input with a timeout, and raw output. The real
 * one is {@link JLineTty}; tests use an in-memory one.
 */
public interface Tty {

    /** Returned by {@link #read(long)} when the timeout passed with no input. */
    int TIMEOUT = -2;

    /** Returned by {@link #read(long)} at end of input. */
    int EOF = -1;

    int columns();

    int rows();

    /** The next input character, {@link #TIMEOUT} or {@link #EOF}; waits at most {@code timeoutMs}. */
    int read(long timeoutMs) throws IOException;

    /** Writes escapes/text and flushes. */
    void write(String s);
}
