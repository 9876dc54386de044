package dev.nethergaze.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Keys (ports touched, user names tried) with when each was last seen, bounded to the {@code cap}
 * most recently seen, and questions about them over a window. Kept as a list in order of last sight.
 * While the times also arrive in order (a log or capture read in order) the keys inside a window are
 * a suffix of that list, and the start of the suffix for the last window asked is remembered: a rule
 * re-judging an IP every tick with a window that only moves forward pays for the keys that left the
 * window since, not for every key in it (a sprayer with 500 names in its window was walked 500 keys
 * per judgement). A late (older) time turns that off and the questions walk all keys.
 */
final class LastSeen<K> {

    private static final class Node<K> {
        final K key;
        Instant time;
        Node<K> prev;
        Node<K> next;

        Node(K key) {
            this.key = key;
        }
    }

    private final HashMap<K, Node<K>> index = new HashMap<>();
    private final int cap;
    /** Least recently seen first. */
    private Node<K> head;

    private Node<K> tail;
    /** Every key's time is no earlier than the time of the keys before it. */
    private boolean ordered = true;

    private Instant newest;
    /** Touches so far: while it and a window's count stay the same, so do the window's keys. */
    private long touches;

    /** The last cutoff asked (null: none yet, or forgotten), the first key at or after it, and the count from there. */
    private Instant cutoff;

    private Node<K> first;
    private int inWindow;

    LastSeen(int cap) {
        this.cap = cap;
    }

    /** Records {@code key} as seen at {@code t} and drops the least recently seen keys beyond the cap. */
    void touch(K key, Instant t) {
        touches++;
        if (newest != null && t.isBefore(newest)) {
            ordered = false;
            cutoff = null; // the window is no longer a suffix
        } else {
            newest = t;
        }
        Node<K> n = index.get(key);
        if (n == null) {
            n = new Node<>(key);
            index.put(key, n);
        } else {
            unlink(n);
        }
        n.time = t;
        append(n);
        if (index.size() > cap) {
            Node<K> eldest = head;
            unlink(eldest);
            index.remove(eldest.key);
        }
    }

    private void unlink(Node<K> n) {
        if (cutoff != null && !n.time.isBefore(cutoff)) {
            inWindow--;
            if (first == n) {
                first = n.next;
            }
        }
        if (n.prev == null) {
            head = n.next;
        } else {
            n.prev.next = n.next;
        }
        if (n.next == null) {
            tail = n.prev;
        } else {
            n.next.prev = n.prev;
        }
        n.prev = null;
        n.next = null;
    }

    private void append(Node<K> n) {
        n.prev = tail;
        if (tail == null) {
            head = n;
        } else {
            tail.next = n;
        }
        tail = n;
        if (cutoff != null && !n.time.isBefore(cutoff)) { // ordered: every key before it is older
            inWindow++;
            if (first == null) {
                first = n;
            }
        }
    }

    /**
     * Moves the remembered window start to {@code c}: forward by dropping the keys that left it, or,
     * for an earlier cutoff, found again from the newest key back.
     */
    private void seek(Instant c) {
        if (cutoff == null || c.isBefore(cutoff)) {
            first = null;
            inWindow = 0;
            for (Node<K> n = tail; n != null && !n.time.isBefore(c); n = n.prev) {
                first = n;
                inWindow++;
            }
        } else {
            while (first != null && first.time.isBefore(c)) {
                first = first.next;
                inWindow--;
            }
        }
        cutoff = c;
    }

    /** How many keys were seen at or after {@code cutoff}. */
    int countSince(Instant c) {
        if (!ordered) {
            int n = 0;
            for (Node<K> k = head; k != null; k = k.next) {
                if (!k.time.isBefore(c)) {
                    n++;
                }
            }
            return n;
        }
        seek(c);
        return inWindow;
    }

    /** The keys seen at or after {@code cutoff}, least recently seen first. */
    List<K> keysSince(Instant c) {
        return keysSince(c, Integer.MAX_VALUE);
    }

    /** The first {@code limit} keys seen at or after {@code cutoff}, least recently seen first. */
    List<K> keysSince(Instant c, int limit) {
        List<K> out = new ArrayList<>();
        Node<K> from = head;
        if (ordered) {
            seek(c);
            from = first;
        }
        for (Node<K> k = from; k != null && out.size() < limit; k = k.next) {
            if (!k.time.isBefore(c)) {
                out.add(k.key);
            }
        }
        return out;
    }

    /**
     * When the {@code k}-th most recently seen key was seen (k = 1: the newest), or null when fewer
     * keys are kept or the times arrived out of order (then no key's rank says when a window drops it).
     */
    Instant newest(int k) {
        if (!ordered || k < 1) {
            return null;
        }
        Node<K> n = tail;
        for (int i = 1; i < k && n != null; i++) {
            n = n.prev;
        }
        return n == null ? null : n.time;
    }

    /** When {@code key} was last seen, or null when it is not kept. */
    Instant timeOf(K key) {
        Node<K> n = index.get(key);
        return n == null ? null : n.time;
    }

    boolean contains(K key) {
        return index.containsKey(key);
    }

    long touches() {
        return touches;
    }

    boolean isEmpty() {
        return index.isEmpty();
    }

    int size() {
        return index.size();
    }
}
