package dev.nethergaze.cli;

import dev.nethergaze.export.SnapshotJson;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.text.SafeTerminalWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes snapshots to stdout: one pretty document, or one compact line per snapshot (JSONL). */
final class Output {

    private static final SnapshotJson PRETTY = new SnapshotJson(true);
    private static final SnapshotJson LINE = new SnapshotJson(false);
    // a watch's lines, one a second: an IP with nothing new is copied from the line before
    private static final SnapshotJson SERIES = SnapshotJson.remembering();

    private Output() {}

    /**
     * Standard output ({@link System#out} as it is now) for JSON lines, big or frequent: 64 KiB
     * buffered, flushed by each line. {@link System#out} flushes every write of bytes through a
     * 128-byte buffer: a watch line of 2,000 flagged IPs, copied IP by IP, was some 4,000 write calls
     * a second. A write that fails is seen by {@link StdoutClosed#check}, as on {@link System#out}.
     */
    static PrintStream bufferedStdout() {
        PrintStream target = System.out;
        return new PrintStream(new BufferedOutputStream(target, 1 << 16), false, StandardCharsets.UTF_8) {
            @Override
            public boolean checkError() {
                boolean mine = super.checkError(); // flushed into System.out first: then its error
                return target.checkError() || mine;
            }
        };
    }

    static void document(Snapshot s, OutputStream out) {
        try {
            PRETTY.write(s, out);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StdoutClosed.check(out);
    }

    /**
     * Text for a reader (a report, a table) to standard output, its control characters made visible:
     * a log line's escape sequences are shown, not obeyed by the reader's terminal.
     */
    static PrintWriter text() {
        return SafeTerminalWriter.over(System.out);
    }

    /** {@link #text} of one piece, flushed. */
    static void text(String s) {
        PrintWriter w = text();
        w.print(s);
        w.flush();
        StdoutClosed.check(System.out);
    }

    /** One compact line (a replay's report: written on every core, nothing kept). */
    static void line(Snapshot s, OutputStream out) {
        line(LINE, s, out);
    }

    /** The next line of a series ({@code watch}): an IP unchanged since the last line is copied from it. */
    static void nextLine(Snapshot s, OutputStream out) {
        line(SERIES, s, out);
    }

    private static void line(SnapshotJson json, Snapshot s, OutputStream out) {
        try {
            json.write(s, out);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StdoutClosed.check(out); // the reader went away (| head): end, not write on into nothing
    }
}
