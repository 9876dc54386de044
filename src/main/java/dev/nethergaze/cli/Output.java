package dev.nethergaze.cli;

import dev.nethergaze.export.SnapshotJson;
import dev.nethergaze.model.Snapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Writes snapshots to stdout: one pretty document, or one compact line per snapshot (JSONL). */
final class Output {

    private static final SnapshotJson PRETTY = new SnapshotJson(true);
    private static final SnapshotJson LINE = new SnapshotJson(false);

    private Output() {}

    static void document(Snapshot s, OutputStream out) {
        try {
            PRETTY.write(s, out);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void line(Snapshot s, OutputStream out) {
        try {
            LINE.write(s, out);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
