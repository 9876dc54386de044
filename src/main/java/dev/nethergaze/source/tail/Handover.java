package dev.nethergaze.source.tail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a backfill's reading of the current logs ends and their tailing begins: each current file's
 * size, taken once at start-up, by file identity (device and inode). The backfill reads a file up to
 * it (and the line under way there to its end); the tailer starts there instead of at the end it sees
 * when it first looks, so a line written between the two is read once, not lost, and a line stamped
 * before start-up but written after it is not read twice. A file the patterns match that was not
 * there at start-up (rotated in since, new) holds only lines written since: all of it is the tailer's,
 * from its start, and none of it the backfill's, whatever the times of its lines. A current file
 * rotated away since (renamed to {@code auth.log.1}) is still read by the backfill up to its size,
 * and by the tailer from there ({@link #startUpKey}).
 */
public final class Handover {

    public static final Handover NONE = new Handover(List.of(), Map.of(), Map.of(), Set.of(), false);

    private final List<PathPattern> patterns;
    /** Each current file's size at start-up and its last bytes before it, by key. */
    private final Map<Object, TailContext.ReadTo> sizes;
    /** The file each path named at start-up, by its key. */
    private final Map<Path, Object> keys;
    /**
     * The keys of the files next to each current one under a name that begins with its name, at
     * start-up ({@code access.log.1}, {@code access.log-20261204}): a file of such a name not among
     * them was rotated in since.
     */
    private final Set<Object> siblings;
    /** Taken at a start-up ({@link #of}), not {@link #NONE}. */
    private final boolean taken;

    private Handover(
            List<PathPattern> patterns,
            Map<Object, TailContext.ReadTo> sizes,
            Map<Path, Object> keys,
            Set<Object> siblings,
            boolean taken) {
        this.patterns = List.copyOf(patterns);
        this.sizes = Map.copyOf(sizes);
        this.keys = Map.copyOf(keys);
        this.siblings = Set.copyOf(siblings);
        this.taken = taken;
    }

    /** The sizes, now, of the regular files the patterns (paths or globs) match. */
    public static Handover of(List<String> patterns) {
        List<PathPattern> parsed = patterns.stream().map(PathPattern::parse).toList();
        Map<Object, TailContext.ReadTo> sizes = new HashMap<>();
        Map<Path, Object> keys = new HashMap<>();
        Set<Object> siblings = new HashSet<>();
        for (PathPattern p : parsed) {
            for (Path f : matches(p)) {
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    if (a.isRegularFile() && a.fileKey() != null) {
                        sizes.put(a.fileKey(), new TailContext.ReadTo(a.size(), bytesBefore(f, a.size())));
                        keys.put(f, a.fileKey());
                        siblings.addAll(siblingKeys(f));
                    }
                } catch (IOException e) {
                    // missing or unreadable now: no half to hand over
                }
            }
        }
        return new Handover(parsed, sizes, keys, siblings, true);
    }

    /**
     * The last bytes (up to {@link LastBytes#CAPACITY}) before {@code size}: what tells the file, once
     * rotated and compressed under another inode, by its {@code .gz} ({@link Copies#holds}).
     */
    private static byte[] bytesBefore(Path f, long size) throws IOException {
        int n = (int) Math.min(LastBytes.CAPACITY, size);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(n);
            while (b.hasRemaining() && ch.read(b, size - n + b.position()) > 0) {
                // until full, or the end (truncated since its size was taken)
            }
            return b.hasRemaining() ? new byte[0] : b.array();
        }
    }

    /** The keys of the regular files next to {@code f} whose names begin with its name and a dot or dash. */
    private static Set<Object> siblingKeys(Path f) {
        Set<Object> out = new HashSet<>();
        Path dir = f.toAbsolutePath().getParent();
        if (dir == null) {
            return out;
        }
        try (var ds =
                Files.newDirectoryStream(dir, RotatedNames.of(f.getFileName().toString()))) {
            for (Path s : ds) {
                Object k = FileKeys.of(s);
                if (k != null && Files.isRegularFile(s)) {
                    out.add(k);
                }
            }
        } catch (IOException e) {
            // not listable: its files are taken for ones rotated in before start-up (the backfill's)
        }
        return out;
    }

    /** What the pattern names now; none when its directory cannot be listed (its tailer reports it). */
    private static List<Path> matches(PathPattern p) {
        try {
            return p.isGlob() ? p.list() : List.of(p.literal());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Both: the sizes of the files of either. */
    public Handover and(Handover other) {
        List<PathPattern> all = new ArrayList<>(patterns);
        all.addAll(other.patterns);
        Map<Object, TailContext.ReadTo> allSizes = new HashMap<>(sizes);
        allSizes.putAll(other.sizes);
        Map<Path, Object> allKeys = new HashMap<>(keys);
        allKeys.putAll(other.keys);
        Set<Object> allSiblings = new HashSet<>(siblings);
        allSiblings.addAll(other.siblings);
        return new Handover(all, allSizes, allKeys, allSiblings, taken || other.taken);
    }

    /**
     * Where a tailer starts a file it finds at its first look: where the backfill's reading of it ends;
     * with no handover taken, at its end; with one, a file that was not there at start-up (rotated in
     * since) from its start, as all of it was written since.
     */
    long startOf(Object key) {
        TailContext.ReadTo at = key == null ? null : sizes.get(key);
        return at != null ? at.offset() : taken ? 0 : OpenFile.AT_END;
    }

    /** Taken at a start-up: the files found since that were not there then are read whole. */
    boolean taken() {
        return taken;
    }

    /** The start-up size of the file with this key and its last bytes before it; null when it had none. */
    TailContext.ReadTo startUpEnd(Object key) {
        return key == null ? null : sizes.get(key);
    }

    /**
     * Whether the file with this key was there at start-up: a current file, or one next to it under a
     * name that begins with its name (a rotated one). Any other rotated file was rotated in since.
     */
    boolean wasThere(Object key) {
        return key != null && (sizes.containsKey(key) || siblings.contains(key));
    }

    /** The file {@code path} named at start-up (its key), or null when it named none. */
    Object startUpKey(Path path) {
        return keys.get(path);
    }

    /** The path that named the file with this key at start-up, or null when none did. */
    public Path startUpPath(Object key) {
        for (Map.Entry<Path, Object> e : keys.entrySet()) {
            if (e.getValue().equals(key)) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * Where the file with this key ({@link FileKeys}) changes hands: its size at start-up; 0 for a file
     * the patterns match now that was not there then (the tailer's, all of it); null when it is none of
     * them (a rotated file: the backfill's), or no handover was taken.
     */
    public Long at(Object key) {
        if (key == null || !taken) {
            return null;
        }
        TailContext.ReadTo size = sizes.get(key);
        return size != null ? Long.valueOf(size.offset()) : namedNow(key) ? Long.valueOf(0) : null;
    }

    /**
     * As {@link #at(Object)}, for the file {@code file} with this key, which a backfill lists: also a
     * plain rotated file that was not there at start-up (created and rotated away since: all of it is
     * the tailer's, 0), and a {@code .gz} made since of a file current at start-up (compressed at its
     * rotation: that file's size then, counted in its uncompressed bytes).
     */
    public Long at(Path file, Object key) {
        Long at = at(key);
        if (at != null || key == null || !taken || wasThere(key)) {
            return at;
        }
        if (!Copies.isGzip(file)) {
            return 0L;
        }
        for (TailContext.ReadTo r : sizes.values()) {
            if (r.before().length > 0 && Copies.holds(file, r)) {
                return r.offset();
            }
        }
        return null; // an older rotated file compressed since: the backfill's
    }

    /** Whether a file the patterns match now has this key. */
    private boolean namedNow(Object key) {
        for (PathPattern p : patterns) {
            for (Path f : matches(p)) {
                if (key.equals(FileKeys.of(f))) {
                    return true;
                }
            }
        }
        return false;
    }
}
