package dev.nethergaze.engine;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.RecentRequests;
import dev.nethergaze.model.RequestView;
import java.util.Arrays;
import java.util.List;

/**
 * The last N requests of one IP, oldest first when listed. Allocated lazily for 4 and grown once to N;
 * kept as flat arrays (see {@link RecentRequests}), not as objects per request.
 *
 * <p>A listed ring shares its arrays with the list. The requests that follow are written into the
 * slots no list made of these arrays shows (those of requests older than any such list's first), and
 * only when none is left are the arrays copied (copy on write), with half as many spare slots as N from
 * then on: a ring listed again and again (a live run's, once a second) copies once per N/2 requests,
 * and one listed once (a replay's, at its end) keeps no spare slots. Before, the
 * first request after each listing copied them: at 10k lines/s over 20k IPs, listed once a second,
 * that was a third of all the engine allocated, and the copies lived a few seconds, the most expensive
 * kind of garbage for a young collection (bench/RESULTS-logs.md).
 */
final class RequestRing {

    private final int cap;
    private Object[] refs;
    private long[] nums;
    /** Per slot, the request's vhost; null until a request names one (most logs never do). */
    private String[] vhosts;
    /** The source file of every kept request, while they all came from one. */
    private String source;
    /** Per slot, the request's source file; null while they all came from {@link #source}. */
    private String[] sources;

    private int slots;
    private int next;
    private int size;
    /**
     * Requests that may still be written in place although a list shares the arrays: the slots outside
     * what the first list made of them shows (later lists start no earlier). Unlimited while none does.
     */
    private int inPlace = Integer.MAX_VALUE;

    RequestRing(int cap) {
        this.cap = cap;
    }

    /** The slots of the arrays a listed ring is copied into: N, and half as many spare. */
    private int listedSlots() {
        return cap + (cap + 1) / 2;
    }

    void add(HttpHit h) {
        if (cap == 0) {
            return;
        }
        if (refs == null) {
            allocate(Math.min(cap, 4));
        } else if (inPlace == 0) {
            grow(listedSlots()); // a list shows every slot: new arrays, with room to write while listed
        } else if (size == slots && slots < cap) {
            grow(cap); // one step: each outgrown array may already sit in the old generation, as garbage
        }
        if (inPlace != Integer.MAX_VALUE) {
            inPlace--;
        }
        RecentRequests.store(refs, nums, next, h);
        if (vhosts == null && !h.vhost().isEmpty()) {
            vhosts = new String[slots];
        }
        if (vhosts != null) {
            vhosts[next] = RequestView.kept(h.vhost());
        }
        if (sources == null && source != null && !source.equals(h.source())) {
            sources = new String[slots];
            Arrays.fill(sources, source);
        }
        if (sources != null) {
            sources[next] = h.source();
        } else {
            source = h.source();
        }
        next = (next + 1) % slots;
        size = Math.min(size + 1, Math.min(cap, slots));
    }

    List<RequestView> toList() {
        if (size == 0) {
            return List.of();
        }
        if (inPlace == Integer.MAX_VALUE) {
            inPlace = slots - size; // the first list of these arrays: the slots it does not show
        }
        return new RecentRequests(refs, nums, vhosts, sources, source, (next - size + slots) % slots, size, slots);
    }

    private void allocate(int n) {
        refs = new Object[n * RecentRequests.REFS];
        nums = new long[n * RecentRequests.NUMS];
        slots = n;
    }

    /** New arrays of {@code n} slots (at least {@link #size}), the requests laid out oldest first. */
    private void grow(int n) {
        Object[] oldRefs = refs;
        long[] oldNums = nums;
        String[] oldVhosts = vhosts;
        String[] oldSources = sources;
        int oldSlots = slots;
        int first = (next - size + oldSlots) % oldSlots;
        allocate(n);
        int r = RecentRequests.REFS;
        int k = RecentRequests.NUMS;
        int head = Math.min(size, oldSlots - first); // slots first.., then from 0 what wrapped around
        int wrapped = size - head;
        System.arraycopy(oldRefs, first * r, refs, 0, head * r);
        System.arraycopy(oldRefs, 0, refs, head * r, wrapped * r);
        System.arraycopy(oldNums, first * k, nums, 0, head * k);
        System.arraycopy(oldNums, 0, nums, head * k, wrapped * k);
        if (oldVhosts != null) {
            vhosts = new String[n];
            System.arraycopy(oldVhosts, first, vhosts, 0, head);
            System.arraycopy(oldVhosts, 0, vhosts, head, wrapped);
        }
        if (oldSources != null) {
            sources = new String[n];
            System.arraycopy(oldSources, first, sources, 0, head);
            System.arraycopy(oldSources, 0, sources, head, wrapped);
        }
        next = size % n;
        inPlace = Integer.MAX_VALUE; // new arrays: no list shows them
    }
}
