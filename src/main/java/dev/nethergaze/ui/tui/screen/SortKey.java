package dev.nethergaze.ui.tui.screen;

import dev.nethergaze.model.IpView;
import dev.nethergaze.model.TcpState;
import java.util.Comparator;
import java.util.List;

/**
 * The table's sort orders, in the order {@code s} cycles through them. Each comparator puts the most
 * interesting IP first; ties fall back to the IP so the order is stable between frames.
 */
public enum SortKey {
    CONNS("conns"),
    SYN_RECV("syn"),
    RATE("rate"),
    REQUESTS("reqs"),
    BYTES("bytes"),
    AUTH("auth"),
    LAST_SEEN("last"),
    IP("ip");

    private static final List<SortKey> CYCLE = List.of(values());
    private final String tag;

    SortKey(String tag) {
        this.tag = tag;
    }

    /** Matches {@link dev.nethergaze.ui.tui.widget.Column#sortTag()} of the column it sorts. */
    public String tag() {
        return tag;
    }

    public Comparator<IpView> comparator(boolean reversed) {
        Comparator<IpView> primary = switch (this) {
            case CONNS ->
                Comparator.comparingInt((IpView v) -> v.connections().total()).reversed();
            case SYN_RECV ->
                Comparator.comparingInt((IpView v) -> v.connections().inState(TcpState.SYN_RECV))
                        .reversed();
            case RATE -> Comparator.comparingLong(IpView::requestsPerMin).reversed();
            case REQUESTS -> Comparator.comparingLong(IpView::requests).reversed();
            case BYTES -> Comparator.comparingLong(IpView::bytes).reversed();
            case AUTH ->
                Comparator.comparingLong((IpView v) -> v.auth().failures()).reversed();
            case LAST_SEEN -> Comparator.comparing(IpView::lastSeen).reversed();
            case IP -> Comparator.comparing(IpView::ip);
        };
        Comparator<IpView> order = primary.thenComparing(IpView::ip);
        return reversed ? order.reversed() : order;
    }

    public SortKey next() {
        return CYCLE.get((CYCLE.indexOf(this) + 1) % CYCLE.size());
    }
}
