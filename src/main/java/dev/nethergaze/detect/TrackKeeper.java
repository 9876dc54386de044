package dev.nethergaze.detect;

import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Direction;
import dev.nethergaze.model.IpKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Finds and makes the tracks of IPs (at most {@code maxTracked}, least recently seen evicted; never
 * allowlisted ones), sweeps idle ones, notes which IPs the kernel's connection table holds, and queues
 * the tracks that changed for judgement. Owned by the engine thread (not thread-safe).
 */
final class TrackKeeper {

    private static final long SWEEP_SECONDS = 60;

    private final Tracks tracks;
    private final Allowlist allowlist;
    private final int maxTracked;
    private final DetectSettings settings;
    /** IPv6 prefixes judged as one client too; null when {@code detect.ipv6_prefix} is 128 (off). */
    private final V6Prefixes v6;

    private final EndedFindings ended;

    /** IPs whose state changed since the last evaluation, each once (its track's flag says so). */
    private ArrayList<IpTrack> dirty = new ArrayList<>();

    private ArrayList<IpTrack> spare = new ArrayList<>();

    private Set<IpKey> inTable = new HashSet<>();
    private long evicted;
    private Instant lastSweep = Instant.EPOCH;

    TrackKeeper(
            Tracks tracks,
            Allowlist allowlist,
            int maxTracked,
            DetectSettings settings,
            V6Prefixes v6,
            EndedFindings ended) {
        this.tracks = tracks;
        this.allowlist = allowlist;
        this.maxTracked = maxTracked;
        this.settings = settings;
        this.v6 = v6;
        this.ended = ended;
    }

    long evicted() {
        return evicted;
    }

    /** The tracks queued for judgement, the queue left empty; the caller clears the list it got when done. */
    @SuppressWarnings("NonApiType") // the caller's indexed loop calls the class, as it did with its own field
    ArrayList<IpTrack> takeDirty() {
        ArrayList<IpTrack> candidates =
                dirty; // swapped, not copied: the spare list is empty again once the caller cleared it
        dirty = spare;
        spare = candidates;
        return candidates;
    }

    /** Queues {@code t} for judgement (once). */
    void markDirty(IpTrack t) {
        markDirty(dirty, t);
    }

    static void markDirty(List<IpTrack> list, IpTrack t) {
        if (!t.dirty) {
            t.dirty = true;
            list.add(t);
        }
    }

    IpTrack track(IpKey ip, Instant t) {
        return track(ip, t, null);
    }

    /** The track of {@code ip}, made most recently used (created if new); null if allowlisted. */
    IpTrack track(IpKey ip, Instant t, IpTrack known) {
        IpTrack tr;
        if (known != null && !known.gone && known.ip.equals(ip)) {
            tr = known; // an allowlisted IP never got a track, so this one is not allowlisted
            tracks.touch(tr);
        } else if (allowlist.contains(ip)) {
            return null;
        } else {
            tr = tracks.get(ip);
        }
        if (tr == null) {
            tr = new IpTrack(ip, t);
            tr.mayHaveEnded = ended.has(ip); // back after its track went
            tracks.add(tr);
            if (tracks.size() > maxTracked) {
                IpTrack gone = tracks.eldest();
                tracks.untrack(gone);
                IpKey victim = gone.ip;
                ended.ended(victim, gone.peaks, List.of(), t);
                inTable.remove(victim);
                evicted++;
            }
        }
        tr.seen(t);
        markDirty(dirty, tr);
        return tr;
    }

    /**
     * Feeds each inbound connection of {@code table} to its IP's track, finishes the IPs that left the
     * table, and returns the inbound connections of tracked IPs.
     */
    List<Connection> table(ConnTable table) {
        Instant t = table.time();
        Set<IpKey> present = new HashSet<>();
        List<Connection> inbound = new ArrayList<>();
        for (Connection c : table.connections()) {
            if (c.direction() != Direction.INBOUND) {
                continue;
            }
            IpTrack tr = track(c.remote(), t);
            if (tr == null) {
                continue;
            }
            inbound.add(c);
            if (present.add(c.remote())) {
                tr.conn().reset();
            }
            tr.conn.row(c, t, settings);
        }
        for (IpKey gone : inTable) {
            IpTrack tr = present.contains(gone) ? null : tracks.get(gone);
            if (tr != null && tr.conn != null) {
                tr.conn.reset();
                tr.conn.finish(t);
                markDirty(dirty, tr);
            }
        }
        for (Iterator<IpKey> it = present.iterator(); it.hasNext(); ) {
            IpKey ip = it.next();
            IpTrack tr = tracks.get(ip);
            if (tr == null) { // evicted by this very table: more remotes than the cap
                it.remove();
                continue;
            }
            tr.conn().finish(t);
            markDirty(dirty, tr);
        }
        inTable = present;
        return inbound;
    }

    /** Sweeps idle IPs (see {@link #sweep}) when the last sweep was a while before {@code now}. */
    void sweepIfDue(Instant now) {
        if (now.getEpochSecond() - lastSweep.getEpochSecond() >= SWEEP_SECONDS) {
            sweep(now);
            lastSweep = now;
        }
    }

    /** Drops IPs idle for longer than the longest window, so quiet addresses do not pile up. */
    private void sweep(Instant now) {
        DetectSettings.Ssh ssh = settings.ssh();
        long keep = java.util.stream.IntStream.of(
                        ssh.slowWindowSeconds(),
                        ssh.windowSeconds(),
                        ssh.sprayWindowSeconds(),
                        settings.http().memorySeconds(),
                        settings.wire().scanSeconds())
                .max()
                .orElseThrow();
        Instant cutoff = now.minusSeconds(keep);
        if (v6 != null) {
            v6.sweep(cutoff);
        }
        for (IpTrack t = tracks.eldest(); t != null; ) {
            IpTrack next = t.newer();
            if (!t.lastSeen.isBefore(cutoff)) {
                break; // least recently used first: the rest are newer (approximately; the cap bounds the rest)
            }
            if ((t.conn == null || t.conn.isEmpty()) && !inTable.contains(t.ip)) {
                tracks.untrack(t);
                ended.ended(t.ip, t.peaks, List.of(), now);
            }
            t = next;
        }
    }
}
