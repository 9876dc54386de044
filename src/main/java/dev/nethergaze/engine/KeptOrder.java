package dev.nethergaze.engine;

import dev.nethergaze.model.IpView;
import java.util.Arrays;
import java.util.List;

/**
 * The IPs a snapshot keeps in their place, in order, each with the counts its place was found with and
 * its view, copied while its {@link IpState} is at hand (just visited or found quiet). Merging the
 * moved IPs in then reads these arrays from start to end, not tens of thousands of IpStates scattered
 * over the heap a second time. Reused from snapshot to snapshot (engine thread only).
 */
final class KeptOrder {

    private IpState[] states = new IpState[0];
    private IpView[] views = new IpView[0];
    private int[] conns = new int[0];
    private long[] requests = new long[0];
    private long[] failures = new long[0];
    private long[] hi = new long[0];
    private long[] lo = new long[0];
    private int size;

    /** How many IPs it holds. */
    int size() {
        return size;
    }

    /** Empties it, with room for {@code capacity} IPs. */
    void reset(int capacity) {
        size = 0;
        if (states.length < capacity) {
            int n = Math.max(capacity, states.length * 3 / 2);
            states = Arrays.copyOf(states, n);
            views = Arrays.copyOf(views, n);
            conns = Arrays.copyOf(conns, n);
            requests = Arrays.copyOf(requests, n);
            failures = Arrays.copyOf(failures, n);
            hi = Arrays.copyOf(hi, n);
            lo = Arrays.copyOf(lo, n);
        }
    }

    /** {@code s} keeps its place: next in the order, with its counts and its view as they are now. */
    void add(IpState s) {
        states[size] = s;
        views[size] = s.shown;
        conns[size] = s.orderConns;
        requests[size] = s.orderRequests;
        failures[size] = s.orderFailures;
        hi[size] = s.ip.hi();
        lo[size] = s.ip.lo();
        size++;
    }

    /**
     * The kept IPs and {@code moved} (sorted by {@link IpState#ACTIVITY}) merged into one order; their
     * views are added to {@code out} in it. Lets go of the kept references.
     */
    IpState[] merge(List<IpState> moved, List<IpView> out) {
        IpState[] order = new IpState[size + moved.size()];
        int n = 0;
        int m = 0;
        for (int k = 0; k < size; k++) {
            while (m < moved.size() && before(moved.get(m), k)) {
                IpState s = moved.get(m++);
                order[n++] = s;
                out.add(s.shown);
            }
            order[n++] = states[k];
            out.add(views[k]);
        }
        while (m < moved.size()) {
            IpState s = moved.get(m++);
            order[n++] = s;
            out.add(s.shown);
        }
        Arrays.fill(states, 0, size, null);
        Arrays.fill(views, 0, size, null);
        size = 0;
        return order;
    }

    private boolean before(IpState s, int k) {
        return Engine.activity(
                        s.orderConns,
                        s.orderRequests,
                        s.orderFailures,
                        s.ip.hi(),
                        s.ip.lo(),
                        conns[k],
                        requests[k],
                        failures[k],
                        hi[k],
                        lo[k])
                < 0;
    }
}
