package dev.nethergaze.ui.tui;

import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.draw.AnsiDiff;
import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.screen.ConsoleState;
import dev.nethergaze.ui.tui.screen.IpRows;
import dev.nethergaze.ui.tui.screen.LogHistory;
import dev.nethergaze.ui.tui.term.Key;
import dev.nethergaze.ui.tui.term.KeyDecoder;
import dev.nethergaze.ui.tui.term.Tty;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The UI thread: reads keys, pulls the latest snapshot, and draws. A key press redraws at once;
 * otherwise a frame is drawn every refresh period (250 ms). Frames are diffed against the previous
 * one, so an unchanged screen writes nothing and a changed one writes only the changed cells.
 */
public final class ConsoleLoop {

    private static final long POLL_SLICE_MS = 50;
    /** How our own stderr lines begin: said once already by the console's top bar. */
    private static final String OWN_PREFIX = "nethergaze: ";

    private final Tty tty;
    private final KeyDecoder keys;
    private final Supplier<Snapshot> latest;
    private final Theme theme;
    private final long refreshNanos;
    private final LongSupplier nanos;
    private final List<String> hookNames;
    private final ConsoleState st = new ConsoleState();
    private final IpRows rows = new IpRows();
    private final LogHistory log;
    private final ActionRunner runner;
    private final Controller controller;
    private CellBuffer shown;
    private CellBuffer next;
    private volatile boolean interrupted;
    private volatile boolean resized;
    private Instant runStart;
    /** Lines written to the held stderr since the last frame (any thread adds, the UI thread takes). */
    private final java.util.concurrent.ConcurrentLinkedQueue<String> notes =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    public ConsoleLoop(
            Tty tty,
            Supplier<Snapshot> latest,
            ConsoleOptions opts,
            Theme theme,
            ConsoleActions actions,
            Executor executor,
            LongSupplier nanos) {
        this.tty = tty;
        this.keys = new KeyDecoder(tty);
        this.latest = latest;
        this.theme = theme;
        this.refreshNanos = opts.refresh().toNanos();
        this.nanos = nanos;
        this.hookNames = List.copyOf(actions.hookNames());
        st.whoisAsks = actions.whoisAsks();
        st.historyKept = actions.historyKept();
        this.log = new LogHistory(opts.logLines());
        this.runner = new ActionRunner(actions, executor, tty::write);
        this.controller = new Controller(st, rows, runner, opts.filterParser(), nanos);
    }

    /** From a signal handler (Ctrl-C) or `ctl stop`: quits at the next loop turn. */
    public void interrupt() {
        interrupted = true;
    }

    /**
     * When the run the snapshots come from started (when it asked for the console): the header's uptime counts
     * from it, on the clock of the IPs' first-seen times. Without it, or when it is after the first
     * snapshot (another clock), the uptime counts from the first snapshot drawn, which comes a second
     * or two into the run, after the terminal has been opened.
     */
    public void runStartedAt(Instant t) {
        runStart = t;
    }

    /** From a signal handler: the terminal size changed. */
    public void resize() {
        resized = true;
    }

    /**
     * A line a background part of the run wrote to stderr while the console holds it (the NATS
     * publisher's connection lost, a history write that failed): shown in the status bar at the next
     * frame. Any thread.
     */
    public void note(String line) {
        notes.add(line);
        while (notes.size() > 16) { // a burst: the newest are the ones that can still be read
            notes.poll();
        }
    }

    /** Runs until the user quits (or input ends); returns the exit status. */
    public int run() throws IOException {
        long lastFrame = Long.MIN_VALUE / 2;
        boolean dirty = true;
        while (!st.quit && !interrupted) {
            dirty |= runner.drain();
            long now = nanos.getAsLong();
            if (dirty || resized || now - lastFrame >= refreshNanos) {
                frame();
                lastFrame = now;
                dirty = false;
            }
            long wait = Math.max(1, Math.min(POLL_SLICE_MS, (lastFrame + refreshNanos - now) / 1_000_000));
            Key k = keys.next(wait);
            while (k != null && !st.quit) {
                showNotes(); // a note written before the key does not cover the key's answer
                controller.handle(k);
                dirty = true;
                k = keys.next(1); // take what is already typed before drawing (pasted text, key repeat)
            }
        }
        return 0;
    }

    /** Pulls the newest snapshot (unless paused), draws into the back buffer and flushes the diff. */
    public void frame() {
        pull();
        showNotes();
        int w = tty.columns();
        int h = tty.rows();
        if (next == null || next.width() != w || next.height() != h) {
            next = new CellBuffer(w, h);
            shown = null;
        }
        if (resized || st.repaint) {
            shown = null;
            resized = false;
            st.repaint = false;
        }
        Frame.render(next, st, rows, log, theme, hookNames, nanos.getAsLong());
        tty.write(AnsiDiff.diff(shown, next));
        CellBuffer t = shown == null ? new CellBuffer(w, h) : shown;
        t.copyFrom(next);
        shown = t;
    }

    /** The newest background note, in the status bar for a while (a key's answer replaces it). */
    private void showNotes() {
        String last = null;
        for (String n = notes.poll(); n != null; n = notes.poll()) {
            last = n;
        }
        if (last != null) {
            st.note(last.startsWith(OWN_PREFIX) ? last.substring(OWN_PREFIX.length()) : last, nanos.getAsLong());
        }
    }

    @SuppressWarnings("ReferenceEquality") // a new snapshot is a new object: equal content is still a new one
    private void pull() {
        if (st.paused) {
            return;
        }
        Snapshot s = latest.get();
        if (s != null && st.startedAt == null) {
            st.startedAt = runStart != null && !runStart.isAfter(s.generatedAt()) ? runStart : s.generatedAt();
        }
        if (s != null && s != st.snapshot) {
            long now = nanos.getAsLong();
            st.snapshotGapNanos = st.snapshot == null ? 0 : now - st.snapshotNanos;
            st.snapshotNanos = now;
        }
        if (s != null) {
            st.snapshot = s;
            log.update(s);
        }
    }

    /** Applies one key as the loop would (for tests and scripted use). */
    public void press(Key k) {
        showNotes();
        controller.handle(k);
        runner.drain();
    }

    public ConsoleState state() {
        return st;
    }

    /** The rows of the list as last drawn. */
    IpRows rows() {
        return rows;
    }

    /** The frame last flushed to the terminal (null before the first). */
    public CellBuffer screen() {
        return shown;
    }
}
