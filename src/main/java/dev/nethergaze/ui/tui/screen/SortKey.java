package dev.nethergaze.ui.tui.screen;

import dev.nethergaze.detect.Findings;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.TcpState;
import java.util.Comparator;
import java.util.List;

/**
 * The table's sort orders, in the order {@code s} cycles through them. Each comparator puts the most
 * interesting IP first. Ties fall back to the order of the snapshot's {@code ips[]} (most connections,
 * then requests, then auth failures), then to the address, so the order is stable between frames, the
 * busiest IPs come first among equals (all of a web server's IPs have no connection when the kernel
 * table is off), and a snapshot sorted by connections is already in table order: the sort of 20k rows
 * four times a second is one pass (see {@link IpRows#sorted}). {@link #IP} sorts by address alone.
 */
public enum SortKey {
    CONNS("conns"),
    SYN_RECV("syn"),
    RATE("rate"),
    REQUESTS("reqs"),
    BYTES("bytes"),
    AUTH("auth"),
    LAST_SEEN("last"),
    IP("ip"),
    /**
     * The order of suspicious mode: the open findings' severities (the worst, then the next worst, then
     * how many), the worst ended one, most requests.
     */
    THREAT("threat");

    private static final List<SortKey> CYCLE = List.of(values());
    private final String tag;

    SortKey(String tag) {
        this.tag = tag;
    }

    /** Matches {@link dev.nethergaze.ui.tui.widget.Column#sortTag()} of the column it sorts. */
    public String tag() {
        return tag;
    }

    /**
     * The sort value of a row: larger sorts first; ties fall back to {@link #ACTIVITY} ({@link #IP},
     * whose key is 0, to the address alone). Primitive keys keep sorting 10k rows well under a
     * millisecond.
     */
    public long key(IpView v) {
        return switch (this) {
            case CONNS -> v.connections().total();
            case SYN_RECV -> v.connections().inState(TcpState.SYN_RECV);
            case RATE -> v.requestsPerMin();
            case REQUESTS -> v.requests();
            case BYTES -> v.bytes();
            case AUTH -> v.auth().failures();
            case LAST_SEEN -> v.lastSeen().toEpochMilli();
            case IP -> 0;
            case THREAT -> threat(v);
        };
    }

    /**
     * The order of the snapshot's {@code ips[]}, which ties fall back to: most connections, then most
     * requests, then most auth failures, then by address.
     */
    static final Comparator<IpView> ACTIVITY = Comparator.comparingInt(
                    (IpView v) -> -v.connections().total())
            .thenComparingLong(v -> -v.requests())
            .thenComparingLong(v -> -v.auth().failures())
            .thenComparing(IpView::ip);

    /** The table order for this key as a comparator (slower than {@link #key}; for tests and tools). */
    public Comparator<IpView> comparator(boolean reversed) {
        Comparator<IpView> order = Comparator.comparingLong((IpView v) -> -key(v))
                .thenComparing(this == IP ? Comparator.comparing(IpView::ip) : ACTIVITY);
        return reversed ? order.reversed() : order;
    }

    /**
     * {@link Findings#suspicious}' order in one number: the open findings (firing or held) by severity
     * ({@link Findings#openBySeverity}, 20 bits), then the worst ended severity (1 + ordinal, 0 for
     * none), then requests. An exploit scanner's many requests once put it above the brute-forcer who
     * had logged in as root, both critical at worst: now the next severity decides, high before medium.
     */
    static long threat(IpView v) {
        long k = Findings.openBySeverity(v);
        k = (k << 3) | rank(Findings.worstEarlier(v));
        return (k << 40) | Math.min(v.requests(), (1L << 40) - 1);
    }

    private static long rank(Severity s) {
        if (s == null) {
            return 0;
        }
        return switch (s) {
            case INFO -> 1;
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
            case CRITICAL -> 5;
        };
    }

    public SortKey next() {
        return CYCLE.get((CYCLE.indexOf(this) + 1) % CYCLE.size());
    }
}
