package dev.nethergaze.source.conn;

import dev.nethergaze.model.Connection;
import dev.nethergaze.model.ProcessOwner;
import dev.nethergaze.model.ProcessOwner.Unattributed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Socket inode → owning process, like {@code ss -p}, but incremental: only inodes not seen before
 * start a walk of {@code /proc/<pid>/fd}, and a walk reads at most {@code budget} fd links per poll,
 * resuming on the next one. What is known is kept only for inodes still in the table, so memory is
 * bounded by the table. An inode a whole walk did not find is not searched again. The fd tables are
 * read through {@link FdTables}: direct syscalls where they bind, else the NIO file API.
 *
 * <p>Unattributed: inode 0 (SYN_RECV, TIME_WAIT) is {@code NO_INODE}; when fd tables of other
 * processes could not be read (not root) it is {@code NOT_PERMITTED}; while the walk that looks
 * for it is under way {@code PENDING}; else {@code NOT_FOUND}.
 * Not thread-safe: one poller.
 */
final class SocketOwners {

    private static final ProcessOwner NO_INODE = ProcessOwner.unattributed(Unattributed.NO_INODE);
    private static final ProcessOwner NOT_PERMITTED = ProcessOwner.unattributed(Unattributed.NOT_PERMITTED);
    private static final ProcessOwner NOT_FOUND = ProcessOwner.unattributed(Unattributed.NOT_FOUND);
    private static final ProcessOwner PENDING = ProcessOwner.unattributed(Unattributed.PENDING);

    private final Path procRoot;
    private final FdTables tables;
    /** A second reader for a one-shot walk on two threads; null: always one thread. */
    private final Supplier<FdTables> more;

    private FdTables second;
    private final int budget;
    private final LongConsumer found = this::found;
    private final InodeSet<ProcessOwner> known = new InodeSet<>();
    private final InodeSet<Void> missing = new InodeSet<>(); // not found by a complete walk
    private InodeSet<Void> searching = new InodeSet<>(); // wanted since the walk in progress started
    private InodeSet<Void> pending = new InodeSet<>(); // new while a walk was under way: need a full walk of their own
    private int[] walk; // pids of the walk in progress
    private int next;
    private int scanPid; // the process whose fd table is being read
    private ProcessOwner scanOwner; // its owner, once one of its sockets was wanted
    private boolean denied; // a walk met an fd table it may not read
    private boolean deniedLastWalk;
    private long linksRead;

    SocketOwners(Path procRoot, int budget) {
        this(procRoot, FdTables.of(procRoot), () -> FdTables.of(procRoot), budget);
    }

    /** Reads fd tables through {@code tables} (the native or the NIO reader, or a fake in tests). */
    SocketOwners(Path procRoot, FdTables tables, int budget) {
        this(procRoot, tables, null, budget);
    }

    /**
     * @param more makes a second reader (not thread-safe, so not {@code tables} again): with it, an
     *     unbudgeted walk (a one-shot's) reads every other process's fd table on a second thread
     */
    SocketOwners(Path procRoot, FdTables tables, Supplier<FdTables> more, int budget) {
        this.procRoot = procRoot;
        this.tables = tables;
        this.more = more;
        this.budget = budget;
    }

    /** Fd links read so far (the cost of attribution). */
    long linksRead() {
        return linksRead;
    }

    /** The connections with their owners, resolving what this poll's budget allows. */
    List<Connection> attach(List<Connection> conns) {
        InodeSet<Void> live = new InodeSet<>(conns.size());
        for (Connection c : conns) {
            long inode = c.inode();
            if (inode > 0) {
                live.add(inode);
                if (!known.contains(inode) && !missing.contains(inode) && !searching.contains(inode)) {
                    (walk == null ? searching : pending).add(inode);
                }
            }
        }
        known.retainAll(live);
        missing.retainAll(live);
        searching.retainAll(live);
        pending.retainAll(live);
        if (!searching.isEmpty() || !pending.isEmpty()) {
            walk();
        }
        boolean notPermitted = deniedLastWalk || denied;
        List<Connection> out = new ArrayList<>(conns.size());
        for (Connection c : conns) {
            ProcessOwner o = c.inode() <= 0 ? NO_INODE : known.get(c.inode());
            if (o == null) {
                o = notPermitted
                        ? NOT_PERMITTED
                        : searching.contains(c.inode()) || pending.contains(c.inode()) ? PENDING : NOT_FOUND;
            }
            out.add(c.withOwner(o));
        }
        return out;
    }

    private void walk() {
        if (walk == null) {
            walk = tables.pids();
            next = 0;
            denied = false;
            searching.addAll(pending);
            pending = new InodeSet<>();
        }
        if (next == 0 && budget == Integer.MAX_VALUE && more != null && walk.length >= 2) {
            walkInTwo();
        }
        int spent = 0;
        while (next < walk.length && spent < budget && (!searching.isEmpty() || !pending.isEmpty())) {
            scanPid = walk[next++];
            scanOwner = null;
            int n = tables.sockets(scanPid, found);
            if (n == FdTables.DENIED) {
                denied = true;
            } else {
                spent += n;
                linksRead += n;
            }
        }
        if (next >= walk.length || (searching.isEmpty() && pending.isEmpty())) {
            missing.addAll(searching); // a whole walk did not find them
            searching = pending;
            pending = new InodeSet<>();
            deniedLastWalk = denied;
            walk = null;
        }
    }

    /**
     * The whole walk at once on two threads (a one-shot: its single poll attributes everything): this
     * thread reads the fd tables at even positions of the walk, a second thread those at odd ones,
     * each noting where it saw a wanted socket. The kernel's per-link work (~3 µs a link) is most of
     * a walk, so two cores halve it. The notes are merged in walk order, so a socket held by several
     * processes (a listener shared by nginx's master and workers) goes to the first of them, as on
     * one thread.
     */
    private void walkInTwo() {
        if (second == null) {
            second = more.get();
        }
        FdTables other = second;
        int[] pids = walk;
        InodeSet<Void> wanted = InodeSet.copyOf(searching); // only read while both threads walk
        Seen odd = new Seen(wanted);
        Thread helper = Thread.ofPlatform().daemon().name("owner-walk").start(() -> odd.scan(other, pids, 1));
        Seen even = new Seen(wanted);
        even.scan(tables, pids, 0);
        boolean interrupted = false;
        while (true) {
            try {
                helper.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // finish: the helper's notes are needed, and it ends on its own
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (odd.failed) { // a reader that threw: read its half here instead
            odd.clear();
            odd.scan(tables, pids, 1);
        }
        int i = 0;
        int j = 0;
        int ownerAt = -1;
        while (i < even.size || j < odd.size) {
            Seen from = j >= odd.size || (i < even.size && even.data[i] < odd.data[j]) ? even : odd;
            int k = from == even ? i : j;
            int at = (int) from.data[k];
            long inode = from.data[k + 1];
            if (from == even) {
                i += 2;
            } else {
                j += 2;
            }
            if (searching.remove(inode)) {
                if (at != ownerAt) {
                    scanOwner = owner(pids[at]);
                    ownerAt = at;
                }
                known.put(inode, scanOwner);
            }
        }
        linksRead += even.links + odd.links;
        denied |= even.denied || odd.denied;
        next = pids.length;
    }

    /** Where in a walk one thread saw wanted sockets: (walk position, inode) pairs in walk order. */
    private static final class Seen implements LongConsumer {
        private final InodeSet<Void> wanted;
        long[] data = new long[64];
        int size;
        long links;
        boolean denied;
        volatile boolean failed;
        private int at;

        Seen(InodeSet<Void> wanted) {
            this.wanted = wanted;
        }

        void scan(FdTables t, int[] pids, int start) {
            try {
                for (int k = start; k < pids.length; k += 2) {
                    at = k;
                    int n = t.sockets(pids[k], this);
                    if (n == FdTables.DENIED) {
                        denied = true;
                    } else {
                        links += n;
                    }
                }
            } catch (RuntimeException e) {
                failed = true;
            }
        }

        @Override
        public void accept(long inode) {
            if (wanted.contains(inode)) {
                if (size + 2 > data.length) {
                    data = Arrays.copyOf(data, data.length * 2);
                }
                data[size++] = at;
                data[size++] = inode;
            }
        }

        void clear() {
            size = 0;
            links = 0;
            denied = false;
            failed = false;
        }
    }

    /** A socket inode in the fd table of {@link #scanPid}. */
    private void found(long inode) {
        if (searching.remove(inode) || pending.remove(inode)) {
            if (scanOwner == null) {
                scanOwner = owner(scanPid);
            }
            known.put(inode, scanOwner);
        }
    }

    private ProcessOwner owner(int pid) {
        String comm;
        try {
            comm = Files.readString(procRoot.resolve(Integer.toString(pid), "comm"), StandardCharsets.UTF_8)
                    .strip();
        } catch (IOException e) {
            comm = "";
        }
        return ProcessOwner.of(pid, comm);
    }
}
