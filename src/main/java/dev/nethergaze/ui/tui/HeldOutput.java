package dev.nethergaze.ui.tui;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Where stdout and stderr go while the console owns the screen: the bytes are kept (up to a bound) to
 * be written to stderr once the terminal is restored, and each whole line is passed on as it is
 * written, for the status bar (a NATS connection lost, a history write failed: said when it happens,
 * not only at exit). Written to from any thread.
 */
final class HeldOutput extends OutputStream {

    /** The longest line passed on; the rest of a longer one is dropped from the note (still kept). */
    private static final int LINE_MAX = 4096;

    private final int max;
    private final Consumer<String> lines;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /**
     * @param max the bytes kept for after the console
     * @param lines receives each whole line written (without its line end; blank ones left out)
     */
    HeldOutput(int max, Consumer<String> lines) {
        this.max = max;
        this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
        if (kept.size() < max) {
            kept.write(b);
        }
        if (b == '\n') {
            String l = line.toString(StandardCharsets.UTF_8).strip();
            line.reset();
            if (!l.isEmpty()) {
                lines.accept(l);
            }
        } else if (line.size() < LINE_MAX) {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    /** What was kept, as text. */
    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    synchronized boolean isEmpty() {
        return kept.size() == 0;
    }
}
