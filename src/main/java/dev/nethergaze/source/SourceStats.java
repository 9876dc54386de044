package dev.nethergaze.source;

import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The thread-safe health record a source keeps about itself: status, a detail line, and counters of
 * lines read and lines rejected (the detail says how many and where the first one was). A status
 * change with a detail is reported once on the {@link StatusReporter} (stderr by default), never
 * repeatedly.
 */
public final class SourceStats {

    private record State(SourceStatus status, String detail) {}

    private final String name;
    private final String kind;
    private final StatusReporter reporter;
    private final AtomicReference<State> state = new AtomicReference<>(new State(SourceStatus.STARTING, ""));
    private final AtomicLong lines = new AtomicLong();
    private final BadLines bad = new BadLines();
    private final HostNameLines hostNames = new HostNameLines();
    /** A note on the state, after its detail, never reported ({@link #note}). */
    private volatile String note = "";

    public SourceStats(String name, String kind, StatusReporter reporter) {
        this.name = name;
        this.kind = kind;
        this.reporter = reporter;
    }

    public void line() {
        lines.incrementAndGet();
    }

    public void lines(long n) {
        lines.addAndGet(n);
    }

    /** A rejected record with no file position (a kernel table row, a journal entry). */
    public void malformed() {
        bad.add();
    }

    /** A rejected line: the first one's place is shown in the detail ({@link BadLines#add(Path, long, int)}). */
    public void malformed(Path file, long line, int cutAt) {
        bad.add(file, line, cutAt);
    }

    /**
     * A rejected line (or, {@code file} null, a record with no position), and why ({@link
     * BadLines#add(Path, long, int, BadLines.Why)}).
     */
    public void malformed(Path file, long line, int cutAt, BadLines.Why why) {
        bad.add(file, line, cutAt, why);
    }

    /**
     * A well-formed line that names its client by host name, not address: not used, and said
     * ({@link HostNameLines}); {@code file} null for a record with no place.
     */
    public void hostName(Path file, long line, String host) {
        hostNames.add(file, line, host);
    }

    public long lineCount() {
        return lines.get();
    }

    public long malformedCount() {
        return bad.count();
    }

    /** Sets the status; problems (not OK/STARTING/DONE) are reported once per distinct state. */
    public void status(SourceStatus status, String detail) {
        State next = new State(status, detail == null ? "" : detail);
        State prev = state.getAndSet(next);
        if (!next.equals(prev) && isProblem(status)) {
            reporter.report(name, status, next.detail());
        }
    }

    /**
     * A note shown after the state's detail that is no new state: never reported, and a state set
     * again keeps it. For what comes and goes with the load (a read paced to its cost), which as part
     * of a problem's detail would report that problem again at each change. "" clears it.
     */
    public void note(String text) {
        note = text == null ? "" : text;
    }

    /** Reports a problem of a part of the source (one of its files) that leaves the whole as it is. */
    public void reportPart(SourceStatus status, String detail) {
        reporter.report(name, status, detail);
    }

    public SourceStatus status() {
        return state.get().status();
    }

    public SourceHealth health() {
        State s = state.get();
        String detail = joined(joined(joined(s.detail(), note), bad.describe()), hostNames.describe());
        return new SourceHealth(name, kind, s.status(), detail, lines.get(), bad.count());
    }

    private static String joined(String a, String b) {
        return b.isEmpty() ? a : a.isEmpty() ? b : a + "; " + b;
    }

    private static boolean isProblem(SourceStatus s) {
        return s == SourceStatus.ERROR || s == SourceStatus.MISSING || s == SourceStatus.PERMISSION_DENIED;
    }
}
