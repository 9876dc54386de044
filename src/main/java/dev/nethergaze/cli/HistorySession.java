package dev.nethergaze.cli;

import dev.nethergaze.config.Config;
import dev.nethergaze.detect.Cidr;
import dev.nethergaze.model.Plural;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.replay.PipeSource;
import dev.nethergaze.source.replay.TimeWindow;
import dev.nethergaze.source.tail.LineReader;
import dev.nethergaze.store.HistoryException;
import dev.nethergaze.store.HistoryOptions;
import dev.nethergaze.store.HistoryReader;
import dev.nethergaze.store.HistoryStore;
import dev.nethergaze.store.HistoryWriter;
import dev.nethergaze.store.ReplayRecord;
import dev.nethergaze.store.ReplaySource;
import dev.nethergaze.store.SessionInfo;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The history store of one run: a writer fed by snapshots and (live) a reader answering with past
 * sessions. A live run that cannot open it says so in one line on stderr and continues without
 * history; a replay told to record into a file ({@link #record}) fails instead.
 */
final class HistorySession implements AutoCloseable {

    private final HistoryStore store;
    private final HistoryWriter writer;
    private final HistoryReader reader;

    private HistorySession(HistoryStore store, HistoryWriter writer, HistoryReader reader) {
        this.store = store;
        this.writer = writer;
        this.reader = reader;
    }

    /** Opens history per the options, or returns null (disabled, or failed with one line on {@code err}). */
    static HistorySession open(
            Config c,
            Path explicitFile,
            boolean disabled,
            String host,
            EventSink sink,
            InstantSource clock,
            PrintStream err) {
        if (disabled || (explicitFile == null && !c.history().enabled())) {
            return null;
        }
        Path file = explicitFile != null
                ? explicitFile
                : c.history().file(System.getenv(), Path.of(System.getProperty("user.home")));
        try {
            HistoryStore store = HistoryStore.open(file);
            HistoryWriter writer = store.startWriter(
                    HistoryOptions.from(c.history()), new SessionInfo(host, Version.current()), clock);
            HistoryReader reader = sink == null ? null : store.startReader(sink, clock, writer.sessionId());
            return new HistorySession(store, writer, reader);
        } catch (HistoryException e) {
            err.println("nethergaze: " + e.getMessage() + " (continuing without history)");
            return null;
        }
    }

    /**
     * Records an executed block or unblock of one address as its last action ({@code history IP}: "last
     * block at …"), in the history file the live runs use (as {@link #open} finds it, and not when it is
     * off); a prefix has no record of its own and is left out. A file that refuses is said in one line on
     * {@code err}: the firewall's change stands.
     */
    static void recordAction(
            Config c, Path explicitFile, boolean disabled, Cidr target, String action, String reason, PrintStream err) {
        if (disabled || (explicitFile == null && !c.history().enabled()) || !target.isSingle()) {
            return;
        }
        Path file = explicitFile != null
                ? explicitFile
                : c.history().file(System.getenv(), Path.of(System.getProperty("user.home")));
        try {
            HistoryStore.open(file).recordAction(target.network(), action, reason, Instant.now());
        } catch (HistoryException e) {
            err.println("nethergaze: " + e.getMessage() + " (the " + action + " was not recorded in the history)");
        }
    }

    /**
     * Whether a replay can be recorded into {@code file}, asked before it starts: it opens (made when
     * missing, migrated) and is not damaged. Otherwise one line on {@code err} ("...: the replay is not
     * recorded") and false. Before, a damaged file was found only at the end, after the replay, or not
     * at all when the write missed its damaged pages.
     */
    static boolean canRecordInto(Path file, PrintWriter err) {
        try {
            HistoryStore.open(file, m -> {
                        err.println("nethergaze: " + m);
                        err.flush();
                    })
                    .checkIntact();
            return true;
        } catch (HistoryException e) {
            err.println("nethergaze: " + e.getMessage() + " (the replay is not recorded)");
            err.flush();
            return false;
        }
    }

    /**
     * Records a replay's final snapshot into {@code file}, as the user asked, as a session from {@code
     * firstEvent} (null: none, the snapshot's time) to the snapshot's time (its last event), unless the
     * file already holds it: the same content of {@code files} in a {@code window} holding this one is
     * not recorded again, and of a log that grew since only what is new is (one line on {@code err} says
     * so). Each input is known by what the replay {@code read} of it (see {@link ReplayCommand.Replayed}),
     * not by what it holds now. True when the file holds the replay; otherwise one line on {@code err}
     * ("...: the replay was not recorded") and false.
     */
    static boolean record(
            Config c,
            Path file,
            String host,
            Snapshot s,
            Instant firstEvent,
            List<Path> files,
            Map<Path, Long> read,
            TimeWindow window,
            PrintWriter err) {
        try {
            // said as it happens: a wait for a file another process holds is said while it lasts
            HistoryStore store = HistoryStore.open(file, m -> {
                err.println("nethergaze: " + m);
                err.flush();
            });
            Instant started = firstEvent == null ? s.generatedAt() : firstEvent;
            ReplayRecord r = store.recordReplay(
                    HistoryOptions.from(c.history()),
                    new SessionInfo(host, Version.current()),
                    s,
                    started,
                    sources(files, read),
                    window.from(),
                    window.until(),
                    InstantSource.system());
            if (r.note() != null) {
                err.println("nethergaze: " + r.note());
            }
            long dropped = s.totals().evictedIps();
            if (dropped > 0) { // what was dropped before the report was made is in its totals only
                err.println("nethergaze: history: the " + s.ips().size() + " IPs the report holds were recorded; the"
                        + " IPs dropped past limits.max_ips (" + Plural.of(dropped, "time") + ") are not in it, what"
                        + " they did before that counted in the totals only; --set limits.max_ips=N keeps more");
            }
            err.flush();
            return true;
        } catch (HistoryException e) {
            err.println("nethergaze: " + e.getMessage() + " (the replay was not recorded)");
            err.flush();
            return false;
        }
    }

    /**
     * The replay's inputs as history recognises them again: by the content it read (standard input: not
     * at all; one it did not read, left out or the same as another: none).
     */
    private static List<ReplaySource> sources(List<Path> files, Map<Path, Long> read) {
        return files.stream()
                .map(f -> f.toString().equals(PipeSource.DASH) || f.equals(PipeSource.STDIN)
                        ? new ReplaySource(PipeSource.DASH, null)
                        : new ReplaySource(f.toString(), () -> LineReader.open(f), read.getOrDefault(f, 0L)))
                .toList();
    }

    /** Snapshot subscribers: the writer, and the reader when there is one. */
    Consumer<Snapshot> subscriber() {
        return reader == null
                ? writer
                : s -> {
                    writer.accept(s);
                    reader.accept(s);
                };
    }

    HistoryStore store() {
        return store;
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
        writer.close();
    }
}
