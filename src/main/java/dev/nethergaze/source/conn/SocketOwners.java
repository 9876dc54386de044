package dev.nethergaze.source.conn;

import dev.nethergaze.model.Connection;
import dev.nethergaze.model.ProcessOwner;
import dev.nethergaze.model.ProcessOwner.Unattributed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Socket inode → owning process, like {@code ss -p}, but incremental: only inodes not seen before
 * start a walk of {@code /proc/<pid>/fd}, and a walk reads at most {@code budget} fd links per poll,
 * resuming on the next one. What is known is kept only for inodes still in the table, so memory is
 * bounded by the table. An inode a whole walk did not find is not searched again.
 *
 * <p>Unattributed: inode 0 (SYN_RECV, TIME_WAIT) is {@code NO_INODE}; when fd tables of other
 * processes could not be read (not root) it is {@code NOT_PERMITTED}; else {@code NOT_FOUND}.
 * Not thread-safe: one poller.
 */
final class SocketOwners {

    private static final ProcessOwner NO_INODE = ProcessOwner.unattributed(Unattributed.NO_INODE);

    private final Path procRoot;
    private final int budget;
    private Map<Long, ProcessOwner> known = new HashMap<>();
    private Set<Long> missing = new HashSet<>(); // not found by a complete walk
    private Set<Long> searching = new HashSet<>(); // wanted since the walk in progress started
    private Set<Long> pending = new HashSet<>(); // new while a walk was under way: need a full walk of their own
    private List<Path> walk; // pid directories of the walk in progress
    private int next;
    private boolean denied; // a walk met an fd table it may not read
    private boolean deniedLastWalk;
    private long linksRead;

    SocketOwners(Path procRoot, int budget) {
        this.procRoot = procRoot;
        this.budget = budget;
    }

    /** Fd links read so far (the cost of attribution). */
    long linksRead() {
        return linksRead;
    }

    /** The connections with their owners, resolving what this poll's budget allows. */
    List<Connection> attach(List<Connection> conns) {
        Set<Long> live = new HashSet<>(conns.size() * 2);
        for (Connection c : conns) {
            if (c.inode() != 0) {
                live.add(c.inode());
                Long inode = c.inode();
                if (!known.containsKey(inode) && !missing.contains(inode) && !searching.contains(inode)) {
                    (walk == null ? searching : pending).add(inode);
                }
            }
        }
        known.keySet().retainAll(live);
        missing.retainAll(live);
        searching.retainAll(live);
        pending.retainAll(live);
        if (!searching.isEmpty() || !pending.isEmpty()) {
            walk();
        }
        Unattributed unknown = deniedLastWalk || denied ? Unattributed.NOT_PERMITTED : Unattributed.NOT_FOUND;
        List<Connection> out = new ArrayList<>(conns.size());
        for (Connection c : conns) {
            ProcessOwner o = c.inode() == 0 ? NO_INODE : known.get(c.inode());
            out.add(c.withOwner(o != null ? o : ProcessOwner.unattributed(unknown)));
        }
        return out;
    }

    private void walk() {
        if (walk == null) {
            walk = pids();
            next = 0;
            denied = false;
            searching.addAll(pending);
            pending = new HashSet<>();
        }
        int spent = 0;
        while (next < walk.size() && spent < budget && (!searching.isEmpty() || !pending.isEmpty())) {
            int n = scan(walk.get(next++));
            spent += n;
            linksRead += n;
        }
        if (next >= walk.size() || (searching.isEmpty() && pending.isEmpty())) {
            missing.addAll(searching); // a whole walk did not find them
            searching = pending;
            pending = new HashSet<>();
            deniedLastWalk = denied;
            walk = null;
        }
    }

    /** Reads one process's fd links; returns how many it read. */
    private int scan(Path pidDir) {
        int n = 0;
        ProcessOwner owner = null;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(pidDir.resolve("fd"))) {
            for (Path fd : fds) {
                n++;
                long inode = socketInode(fd);
                if (inode > 0 && (searching.remove(inode) || pending.remove(inode))) {
                    if (owner == null) {
                        owner = owner(pidDir);
                    }
                    known.put(inode, owner);
                }
            }
        } catch (AccessDeniedException e) {
            denied = true;
        } catch (IOException | RuntimeException e) {
            // the process exited during the walk: nothing to attribute
        }
        return n;
    }

    private static long socketInode(Path fd) {
        try {
            String link = Files.readSymbolicLink(fd).toString();
            if (link.startsWith("socket:[") && link.endsWith("]")) {
                return Long.parseLong(link, 8, link.length() - 1, 10);
            }
        } catch (IOException | NumberFormatException e) {
            // closed meanwhile, or not a socket
        }
        return -1;
    }

    private static ProcessOwner owner(Path pidDir) {
        int pid = Integer.parseInt(pidDir.getFileName().toString());
        String comm;
        try {
            comm = Files.readString(pidDir.resolve("comm"), StandardCharsets.UTF_8)
                    .strip();
        } catch (IOException e) {
            comm = "";
        }
        return ProcessOwner.of(pid, comm);
    }

    private List<Path> pids() {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(procRoot, SocketOwners::isPid)) {
            ds.forEach(out::add);
        } catch (IOException e) {
            // no proc: nothing can be attributed
        }
        return out;
    }

    private static boolean isPid(Path p) {
        String n = p.getFileName().toString();
        if (n.isEmpty() || n.length() > 10) {
            return false;
        }
        for (int i = 0; i < n.length(); i++) {
            if (n.charAt(i) < '0' || n.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
