package dev.nethergaze.source.tail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a backfill's reading of the current logs ends and their tailing begins: each current file's
 * size, taken once at start-up, by file identity (device and inode). The backfill reads a file up to
 * it (and the line under way there to its end); the tailer starts there instead of at the end it sees
 * when it first looks, so a line written between the two is read once, not lost, and a line stamped
 * before start-up but written after it is not read twice. A file the patterns match that was not
 * there at start-up (rotated in since, new) holds only lines written since: all of it is the tailer's,
 * from its start, and none of it the backfill's, whatever the times of its lines. A current file
 * rotated away since (renamed to {@code auth.log.1}) is still read by the backfill up to its size,
 * and by the tailer from there ({@link #startUpFile}).
 *
 * <p>A file there at start-up is told by its {@link FileIdentity} (its key with its birth time), not
 * by its key alone: a rotation in between can remove it and make a new file that is given its inode
 * number (ext4 does so at once), which is not it: all of that one is the tailer's.
 */
public final class Handover {

    public static final Handover NONE = new Handover(List.of(), Map.of(), Map.of(), Map.of(), Map.of(), false);

    private final List<PathPattern> patterns;
    /** Each current file's size at start-up and its last bytes before it, by key. */
    private final Map<Object, TailContext.ReadTo> sizes;
    /** The file each path named at start-up, by its identity. */
    private final Map<Path, FileIdentity> keys;
    /**
     * The files next to each current one under a name that begins with its name, at start-up ({@code
     * access.log.1}, {@code access.log-20261204}), their identities by key: a file of such a name not
     * among them was rotated in since.
     */
    private final Map<Object, FileIdentity> siblings;
    /**
     * The time of the last change of each current file that was empty at start-up, by key: what tells its
     * {@code .gz} if it is compressed before it is written to (gzip keeps the time), as no bytes can.
     */
    private final Map<Object, FileTime> emptyModified;
    /** Taken at a start-up ({@link #of}), not {@link #NONE}. */
    private final boolean taken;

    private Handover(
            List<PathPattern> patterns,
            Map<Object, TailContext.ReadTo> sizes,
            Map<Path, FileIdentity> keys,
            Map<Object, FileIdentity> siblings,
            Map<Object, FileTime> emptyModified,
            boolean taken) {
        this.patterns = List.copyOf(patterns);
        this.sizes = Map.copyOf(sizes);
        this.keys = Map.copyOf(keys);
        this.siblings = Map.copyOf(siblings);
        this.emptyModified = Map.copyOf(emptyModified);
        this.taken = taken;
    }

    /** The sizes, now, of the regular files the patterns (paths or globs) match. */
    public static Handover of(List<String> patterns) {
        List<PathPattern> parsed = patterns.stream().map(PathPattern::parse).toList();
        Map<Object, TailContext.ReadTo> sizes = new HashMap<>();
        Map<Path, FileIdentity> keys = new HashMap<>();
        Map<Object, FileIdentity> siblings = new HashMap<>();
        Map<Object, FileTime> emptyModified = new HashMap<>();
        for (PathPattern p : parsed) {
            for (Path f : matches(p)) {
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    if (a.isRegularFile() && a.fileKey() != null) {
                        sizes.put(a.fileKey(), new TailContext.ReadTo(a.size(), bytesBefore(f, a.size())));
                        keys.put(f, FileIdentity.ofWritten(a));
                        siblings.putAll(siblingFiles(f));
                        if (a.size() == 0) {
                            emptyModified.put(a.fileKey(), a.lastModifiedTime());
                        }
                    }
                } catch (IOException e) {
                    // missing or unreadable now: no half to hand over
                }
            }
        }
        return new Handover(parsed, sizes, keys, siblings, emptyModified, true);
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

    /**
     * The identities of the regular files next to {@code f} whose names begin with its name and a dot or
     * dash, by key.
     */
    private static Map<Object, FileIdentity> siblingFiles(Path f) {
        Map<Object, FileIdentity> out = new HashMap<>();
        Path dir = f.toAbsolutePath().getParent();
        if (dir == null) {
            return out;
        }
        try (var ds =
                Files.newDirectoryStream(dir, RotatedNames.of(f.getFileName().toString()))) {
            for (Path s : ds) {
                BasicFileAttributes a = FileKeys.attributes(s);
                if (a != null && a.fileKey() != null && a.isRegularFile()) {
                    // as written still: a late writer may add to a .1 rotated, not compressed
                    out.put(a.fileKey(), FileIdentity.ofWritten(a));
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
        Map<Path, FileIdentity> allKeys = new HashMap<>(keys);
        allKeys.putAll(other.keys);
        Map<Object, FileIdentity> allSiblings = new HashMap<>(siblings);
        allSiblings.putAll(other.siblings);
        Map<Object, FileTime> allEmpty = new HashMap<>(emptyModified);
        allEmpty.putAll(other.emptyModified);
        return new Handover(all, allSizes, allKeys, allSiblings, allEmpty, taken || other.taken);
    }

    /**
     * Where a tailer starts a file it finds at its first look: where the backfill's reading of it ends;
     * with no handover taken, at its end; with one, a file that was not there at start-up (rotated in
     * since, or given since the inode number of one that was) from its start, as all of it was written
     * since.
     */
    long startOf(BasicFileAttributes file) {
        TailContext.ReadTo at = startUpSize(file.fileKey(), file);
        return at != null ? at.offset() : taken ? 0 : OpenFile.AT_END;
    }

    /** Taken at a start-up: the files found since that were not there then are read whole. */
    boolean taken() {
        return taken;
    }

    /**
     * The start-up size of the file {@code was} ({@link #startUpFile}) and its last bytes before it; null
     * when it had none.
     */
    TailContext.ReadTo startUpEnd(FileIdentity was) {
        return was == null ? null : sizes.get(was.key());
    }

    /**
     * Whether the file of these attributes was there at start-up: a current file, or one next to it under a
     * name that begins with its name (a rotated one). Any other rotated file was rotated in since, and
     * so was one given since the inode number of one that was there.
     */
    boolean wasThere(BasicFileAttributes file) {
        return startUpSize(file.fileKey(), file) != null || isSibling(file.fileKey(), file);
    }

    /**
     * The time of the last change, at start-up, of the file {@code was} ({@link #startUpFile}) when it was
     * empty then; null when it was not (or is null).
     */
    FileTime emptyModified(FileIdentity was) {
        return was == null ? null : emptyModified.get(was.key());
    }

    /** The file {@code path} named at start-up (its identity), or null when it named none. */
    FileIdentity startUpFile(Path path) {
        return keys.get(path);
    }

    /** The path that named the file with this key at start-up (by its key alone), or null when none did. */
    public Path startUpPath(Object key) {
        for (Map.Entry<Path, FileIdentity> e : keys.entrySet()) {
            if (e.getValue().key().equals(key)) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * Where the file with this key ({@link FileKeys}) changes hands: its size at start-up; 0 for a file
     * the patterns match now that was not there then (the tailer's, all of it); null when it is none of
     * them (a rotated file: the backfill's), or no handover was taken. By its key alone: {@link #at(Path,
     * Object)} also tells a file given since the inode number of one there at start-up.
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
     * rotation: that file's size then, counted in its uncompressed bytes). A file given since the inode
     * number of one there at start-up is not that one: a new one (told by what {@code file} is now, when
     * it has this key).
     */
    public Long at(Path file, Object key) {
        if (key == null || !taken) {
            return null;
        }
        BasicFileAttributes now = FileKeys.attributes(file);
        if (now != null && !key.equals(now.fileKey())) {
            now = null; // renamed since: told by its key alone
        }
        TailContext.ReadTo size = startUpSize(key, now);
        if (size != null) {
            return size.offset();
        }
        if (namedNow(key)) {
            return 0L;
        }
        if (isSibling(key, now)) {
            return null;
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

    /**
     * The start-up size of the file with this key, when {@code now} (its attributes now; null: told by
     * its key alone) are that file's, not those of one given its inode number since; else null.
     */
    private TailContext.ReadTo startUpSize(Object key, BasicFileAttributes now) {
        return key != null && isStartUp(current(key), now) ? sizes.get(key) : null;
    }

    /** Whether the file with this key, {@code now} (as {@link #startUpSize}), was a rotated one at start-up. */
    private boolean isSibling(Object key, BasicFileAttributes now) {
        return key != null && isStartUp(siblings.get(key), now);
    }

    private static boolean isStartUp(FileIdentity then, BasicFileAttributes now) {
        return then != null && (now == null || then.isOf(now));
    }

    /** The identity at start-up of the current file with this key, or null. */
    private FileIdentity current(Object key) {
        for (FileIdentity f : keys.values()) {
            if (f.key().equals(key)) {
                return f;
            }
        }
        return null;
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
