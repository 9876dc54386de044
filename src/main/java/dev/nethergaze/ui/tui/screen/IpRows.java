package dev.nethergaze.ui.tui.screen;

import dev.nethergaze.detect.Findings;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.filter.IpFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table's rows for the current snapshot, filter, suspicious mode, grouping by prefix ({@link
 * PrefixGroups}: the filter and suspicious mode pick members, then they are grouped) and sort,
 * recomputed only when one of them changes (so a redraw of an unchanged view costs nothing here),
 * plus a by-IP index for the detail view and the log filter.
 */
public final class IpRows {

    private Snapshot snapshot;
    private IpFilter filter;
    private boolean suspicious;
    private SortKey sort;
    private boolean reversed;
    private boolean grouped;
    private List<IpView> rows = List.of();
    /** The snapshot's views by address, made when first asked after a new snapshot (null till then). */
    private Map<IpKey, IpView> byIp;
    /** The rows that are groups, by network address (empty when not grouped). */
    private Map<IpKey, IpView> groups = Map.of();

    /** The rows for {@code st}, cached. */
    @SuppressWarnings("ReferenceEquality") // identity of snapshot/filter objects is the cache key
    public List<IpView> rows(ConsoleState st) {
        IpFilter f = st.filter();
        Snapshot s = st.snapshot;
        if (s == snapshot
                && f == filter
                && st.suspiciousOnly == suspicious
                && st.sort == sort
                && st.reversed == reversed
                && st.grouped == grouped) {
            return rows;
        }
        if (s != snapshot) {
            // made only when asked (the detail view, a key on a row): the table alone never needs it,
            // and making it for each snapshot was a quarter of the console's thread at 20k IPs
            byIp = null;
        }
        snapshot = s;
        filter = f;
        suspicious = st.suspiciousOnly;
        sort = st.sort;
        reversed = st.reversed;
        grouped = st.grouped;
        List<IpView> out = new ArrayList<>();
        if (s != null) {
            for (IpView v : s.ips()) {
                if ((!suspicious || Findings.flagged(v)) && f.test(v)) {
                    out.add(v);
                }
            }
        }
        groups = Map.of();
        if (grouped) {
            SortKey by = sort;
            out = PrefixGroups.group(out, members -> sorted(members, by, false));
            Map<IpKey, IpView> g = new HashMap<>();
            for (IpView v : out) {
                if (v.group() != null) {
                    g.put(v.ip(), v);
                }
            }
            groups = g;
        }
        rows = sorted(out, sort, reversed);
        return rows;
    }

    /** A row's sort keys and address, read once: the sort compares these, never the views. */
    private record Keyed(long key, int conns, long requests, long failures, long hi, long lo, IpView view) {}

    /**
     * Sorts on precomputed primitive keys, then as {@link SortKey} says ties go. The comparison reads
     * only the keyed copies: with 20k rows of equal keys (no connections on a web-only box), each of
     * the ~300k comparisons went to two views and their addresses, scattered over the heap, and the
     * sort was a quarter of the console's thread under 10k requests/s (bench/RESULTS-logs.md). Rows
     * that come in table order already (the snapshot's, sorted by connections; or any order reversed)
     * are one run to the merge sort, which then only checks them.
     */
    static List<IpView> sorted(List<IpView> in, SortKey sort, boolean reversed) {
        Keyed[] k = new Keyed[in.size()];
        for (int i = 0; i < k.length; i++) {
            IpView v = in.get(i);
            k[i] = new Keyed(
                    sort.key(v),
                    v.connections().total(),
                    v.requests(),
                    v.auth().failures(),
                    v.ip().hi(),
                    v.ip().lo(),
                    v);
        }
        boolean byActivity = sort != SortKey.IP;
        java.util.Arrays.sort(k, (a, b) -> {
            int c = Long.compare(b.key(), a.key());
            if (c == 0 && byActivity) {
                c = Integer.compare(b.conns(), a.conns());
                if (c == 0) {
                    c = Long.compare(b.requests(), a.requests());
                }
                if (c == 0) {
                    c = Long.compare(b.failures(), a.failures());
                }
            }
            if (c == 0) {
                c = IpKey.compare(a.hi(), a.lo(), b.hi(), b.lo());
            }
            return reversed ? -c : c;
        });
        List<IpView> out = new ArrayList<>(k.length);
        for (Keyed x : k) {
            out.add(x.view());
        }
        return out;
    }

    /**
     * The IP's current view, or null when the latest snapshot no longer has it; while rows are grouped,
     * the group's row for its network address.
     */
    public IpView find(IpKey ip) {
        if (ip == null) {
            return null;
        }
        IpView g = groups.get(ip);
        if (g != null) {
            return g;
        }
        Map<IpKey, IpView> m = byIp;
        if (m == null) {
            List<IpView> all = snapshot == null ? List.of() : snapshot.ips();
            m = HashMap.newHashMap(all.size());
            for (int i = 0; i < all.size(); i++) {
                IpView v = all.get(i);
                m.put(v.ip(), v);
            }
            byIp = m;
        }
        return m.get(ip);
    }

    /** The index of {@code ip} in {@code rows}, or -1. */
    public static int indexOf(List<IpView> rows, IpKey ip) {
        if (ip == null) {
            return -1;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).ip().equals(ip)) {
                return i;
            }
        }
        return -1;
    }
}
