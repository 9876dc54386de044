package dev.nethergaze.cli;

import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.replay.MergedReplay;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A replay's progress on stderr, when stderr is a terminal: one line, rewritten each second once the
 * replay has run a second ("replay: 41% (84 of 204 MB), 70 MB/s, about 2 s left"), cleared at the
 * end. A 10 GB log takes minutes; silence for that long looks like a hang. Problems the sources
 * report clear the line first, so they are not glued to it. Never on a pipe or a file.
 */
final class ReplayProgress implements AutoCloseable {

    private static final long EVERY_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final Supplier<MergedReplay.Progress> progress;
    private final long started = System.nanoTime();
    private final Thread thread;
    private boolean shown; // guarded by this

    /** Shows nothing until started or told to ({@link #show}). */
    ReplayProgress(PrintStream err, Supplier<MergedReplay.Progress> progress) {
        this.err = err;
        this.progress = progress;
        this.thread = Thread.ofPlatform().daemon().name("replay-progress").unstarted(this::run);
    }

    /** A progress line on stderr, or one that shows nothing when not {@code on}. */
    static ReplayProgress start(boolean on, Supplier<MergedReplay.Progress> progress) {
        ReplayProgress p = new ReplayProgress(System.err, progress);
        if (on) {
            p.thread.start();
        }
        return p;
    }

    /** Whether this process's stderr is a terminal (Linux: what /proc/self/fd/2 points at). */
    static boolean stderrIsTerminal() {
        try {
            String t = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** {@code r}, clearing the progress line before each report. */
    StatusReporter around(StatusReporter r) {
        return (source, status, detail) -> {
            synchronized (this) {
                clear();
                r.report(source, status, detail);
            }
        };
    }

    private void run() {
        try {
            Thread.sleep(EVERY_NANOS / 1_000_000);
            while (!Thread.currentThread().isInterrupted()) {
                show(line(progress.get(), System.nanoTime() - started));
                Thread.sleep(EVERY_NANOS / 1_000_000);
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** Puts {@code line} in place of the one shown, if any. */
    synchronized void show(String line) {
        err.print("\r" + line + "\033[K");
        err.flush();
        shown = true;
    }

    private void clear() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
            shown = false;
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            clear();
        }
    }

    /** The line for {@code p} after {@code elapsedNanos}. */
    static String line(MergedReplay.Progress p, long elapsedNanos) {
        double secs = Math.max(1e-9, elapsedNanos / 1e9);
        double rate = p.done() / secs;
        StringBuilder b = new StringBuilder("replay: ");
        if (p.packed() || p.total() <= 0) { // a gzip file's unpacked size is not known beforehand
            b.append(mb(p.done())).append(" MB read");
        } else {
            long pct = Math.min(100, p.done() * 100 / p.total());
            b.append(pct)
                    .append("% (")
                    .append(mb(p.done()))
                    .append(" of ")
                    .append(mb(p.total()))
                    .append(" MB)");
        }
        b.append(", ").append(mb((long) rate)).append(" MB/s");
        if (!p.packed() && p.total() > p.done() && rate > 0) {
            long left = (long) Math.ceil((p.total() - p.done()) / rate);
            b.append(", about ")
                    .append(left < 60 ? left + " s" : (left + 30) / 60 + " min")
                    .append(" left");
        }
        return b.toString();
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,d", bytes / 1_000_000);
    }
}
