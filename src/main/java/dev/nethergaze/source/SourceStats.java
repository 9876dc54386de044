package dev.nethergaze.source;

import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The thread-safe health record a source keeps about itself: status, a detail line, and counters of
 * lines read and lines rejected. A status change with a detail is reported once on the
 * {@link StatusReporter} (stderr by default), never repeatedly.
 */
public final class SourceStats {

    private record State(SourceStatus status, String detail) {}

    private final String name;
    private final String kind;
    private final StatusReporter reporter;
    private final AtomicReference<State> state = new AtomicReference<>(new State(SourceStatus.STARTING, ""));
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

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

    public void malformed() {
        malformed.incrementAndGet();
    }

    public long lineCount() {
        return lines.get();
    }

    public long malformedCount() {
        return malformed.get();
    }

    /** Sets the status; problems (not OK/STARTING/DONE) are reported once per distinct state. */
    public void status(SourceStatus status, String detail) {
        State next = new State(status, detail == null ? "" : detail);
        State prev = state.getAndSet(next);
        if (!next.equals(prev) && isProblem(status)) {
            reporter.report(name, status, next.detail());
        }
    }

    public SourceStatus status() {
        return state.get().status();
    }

    public SourceHealth health() {
        State s = state.get();
        return new SourceHealth(name, kind, s.status(), s.detail(), lines.get(), malformed.get());
    }

    private static boolean isProblem(SourceStatus s) {
        return s == SourceStatus.ERROR || s == SourceStatus.MISSING || s == SourceStatus.PERMISSION_DENIED;
    }
}
