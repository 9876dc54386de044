package dev.nethergaze.cli;

import dev.nethergaze.config.Config;
import dev.nethergaze.detect.Cidr;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.store.HistoryException;
import dev.nethergaze.store.HistoryOptions;
import dev.nethergaze.store.HistoryReader;
import dev.nethergaze.store.HistoryStore;
import dev.nethergaze.store.HistoryWriter;
import dev.nethergaze.store.SessionInfo;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
     * Records a replay's final snapshot into {@code file}, as the user asked, as a session from {@code
     * firstEvent} (null: none, the snapshot's time) to the snapshot's time (its last event): true when
     * it was written; otherwise one line on {@code err} ("...: the replay was not recorded") and false.
     */
    static boolean record(Config c, Path file, String host, Snapshot s, Instant firstEvent, PrintWriter err) {
        List<String> said = new CopyOnWriteArrayList<>(); // the writer's failure is said once, below
        try {
            HistoryStore store = HistoryStore.open(file, said::add);
            boolean ok;
            String detail;
            Instant started = firstEvent == null ? s.generatedAt() : firstEvent;
            try (HistoryWriter writer = store.startWriter(
                    HistoryOptions.from(c.history()),
                    new SessionInfo(host, Version.current()),
                    s::generatedAt,
                    started)) {
                writer.accept(s);
                ok = writer.flush();
                detail = writer.status().detail();
            }
            said.stream().filter(m -> ok || !m.equals(detail)).forEach(m -> err.println("nethergaze: " + m));
            if (!ok) {
                err.println("nethergaze: " + detail + " (the replay was not recorded)");
            }
            err.flush();
            return ok;
        } catch (HistoryException e) {
            said.forEach(m -> err.println("nethergaze: " + m));
            err.println("nethergaze: " + e.getMessage() + " (the replay was not recorded)");
            err.flush();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("nethergaze: history: " + file + ": interrupted (the replay was not recorded)");
            return false;
        }
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
