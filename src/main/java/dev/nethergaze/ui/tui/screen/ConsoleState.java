package dev.nethergaze.ui.tui.screen;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.draw.Rect;
import dev.nethergaze.ui.tui.filter.Filters;
import dev.nethergaze.ui.tui.filter.IpFilter;
import dev.nethergaze.ui.tui.widget.TextInput;
import java.time.Instant;
import java.util.List;

/**
 * Everything the user has chosen, owned by the UI thread alone: the snapshot on screen, sort,
 * filters, focus, the selected IP (an identity, so the cursor follows the IP when rows move), the
 * open modal and the transient status message.
 */
public final class ConsoleState {

    public Snapshot snapshot;
    /** The offenders strip's figures of {@link #snapshot}, worked out once for it. */
    final OffendersView.Tops offenders = new OffendersView.Tops();

    public Instant startedAt;
    /**
     * When the snapshot on screen arrived ({@link System#nanoTime} scale), and how long after the one
     * before it: the header says so when none has come for much longer than that gap (a stalled
     * engine, a snapshot that cannot be built), rather than show an old frame as the present.
     */
    public long snapshotNanos;

    public long snapshotGapNanos;
    public boolean paused;
    /** Whether whois can be asked in this run ({@code w}): not off, not offline. */
    public boolean whoisAsks;
    /** Whether this run keeps history (not {@code --no-history}, a history file in use). */
    public boolean historyKept = true;

    public boolean quit;
    /** Repaint every cell on the next frame (after {@code r}/Ctrl-L or a resize). */
    public boolean repaint;

    public SortKey sort = SortKey.CONNS;
    public boolean reversed;
    public boolean suspiciousOnly;
    /** Rows grouped by prefix, /24 and /64 ({@link PrefixGroups}). */
    public boolean grouped;
    /** The sort to bring back when suspicious mode (which sorts by threat) ends; null before it began. */
    public SortKey sortBeforeSuspicious;

    public boolean reversedBeforeSuspicious;
    public IpFilter quick = IpFilter.ALL;
    public IpFilter structured = IpFilter.ALL;
    public String structuredText = "";

    public Focus focus = Focus.TABLE;
    public IpKey selected;
    /**
     * Whether the user chose {@link #selected} (moved, clicked). Until then the cursor stays on the
     * top row, so a fresh console shows the worst offenders; after, it follows the chosen IP.
     */
    public boolean pinned;

    public int tableOffset;
    /** The selected row's index in the last frame, to land nearby when the selected IP goes away. */
    public int lastIndex;

    public int pageRows = 10;
    public int logBack;
    /** While scrolled back: the {@link LogEntry#seq} of the bottom line, so new lines do not move it. */
    public long logAnchor = -1;

    /** Where the last frame put the table's first row and the panels (for mouse clicks). */
    public int tableFirstRowY = -1;

    public Rect tableArea = new Rect(0, 0, 0, 0);
    public Rect logArea = new Rect(0, 0, 0, 0);

    public Mode mode = Mode.MAIN;
    public TextInput input;
    public IpKey detailIp;
    public int detailScroll;
    public int helpScroll;
    public String messageTitle = "";
    public List<String> messageLines = List.of();
    /** The dialog's first line shown. */
    public int messageScroll;
    /** Whether the dialog's lines are shell lines (block assist): wrapped whole, never cut. */
    public boolean messageCommands;

    public String status = "";
    public boolean statusIsError;
    public long statusUntilNanos;

    /** The filter the table and the log apply (quick and structured together). */
    public IpFilter filter() {
        return Filters.and(quick, structured);
    }

    public void flash(String message, boolean error, long nowNanos) {
        status = message;
        statusIsError = error;
        statusUntilNanos = nowNanos + 4_000_000_000L;
    }

    /**
     * A background part's line (stderr while the console holds it): in the status bar as a warning,
     * longer than a key's answer, which is read right after the key while this one comes unasked.
     */
    public void note(String message, long nowNanos) {
        flash(message, true, nowNanos);
        statusUntilNanos = nowNanos + 10_000_000_000L;
    }

    /** The status message if it has not expired. */
    public String statusAt(long nowNanos) {
        return nowNanos - statusUntilNanos < 0 ? status : "";
    }

    public void showMessage(String title, List<String> lines) {
        showMessage(title, lines, false);
    }

    /** A dialog; {@code commands}: its lines are shell lines, wrapped with continuations where too wide. */
    public void showMessage(String title, List<String> lines, boolean commands) {
        messageCommands = commands;
        messageTitle = title;
        messageLines = List.copyOf(lines);
        messageScroll = 0;
        mode = Mode.MESSAGE;
    }
}
