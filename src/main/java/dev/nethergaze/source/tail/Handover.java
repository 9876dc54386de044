package dev.nethergaze.source.tail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
 * and by the tailer from there ({@link #startUpKey}).
 */
public final class Handover {

    public static final Handover NONE = new Handover(List.of(), Map.of(), Map.of(), false);

    private final List<PathPattern> patterns;
    private final Map<Object, Long> sizes;
    /** The file each path named at start-up, by its key. */
    private final Map<Path, Object> keys;
    /** Taken at a start-up ({@link #of}), not {@link #NONE}. */
    private final boolean taken;

    private Handover(List<PathPattern> patterns, Map<Object, Long> sizes, Map<Path, Object> keys, boolean taken) {
        this.patterns = List.copyOf(patterns);
        this.sizes = Map.copyOf(sizes);
        this.keys = Map.copyOf(keys);
        this.taken = taken;
    }

    /** The sizes, now, of the regular files the patterns (paths or globs) match. */
    public static Handover of(List<String> patterns) {
        List<PathPattern> parsed = patterns.stream().map(PathPattern::parse).toList();
        Map<Object, Long> sizes = new HashMap<>();
        Map<Path, Object> keys = new HashMap<>();
        for (PathPattern p : parsed) {
            for (Path f : matches(p)) {
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    if (a.isRegularFile() && a.fileKey() != null) {
                        sizes.put(a.fileKey(), a.size());
                        keys.put(f, a.fileKey());
                    }
                } catch (IOException e) {
                    // missing or unreadable now: no half to hand over
                }
            }
        }
        return new Handover(parsed, sizes, keys, true);
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
        Map<Object, Long> allSizes = new HashMap<>(sizes);
        allSizes.putAll(other.sizes);
        Map<Path, Object> allKeys = new HashMap<>(keys);
        allKeys.putAll(other.keys);
        return new Handover(all, allSizes, allKeys, taken || other.taken);
    }

    /**
     * Where a tailer starts a file it finds at its first look: where the backfill's reading of it ends;
     * with no handover taken, at its end; with one, a file that was not there at start-up (rotated in
     * since) from its start, as all of it was written since.
     */
    long startOf(Object key) {
        Long at = key == null ? null : sizes.get(key);
        return at != null ? at : taken ? 0 : OpenFile.AT_END;
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
        Long size = sizes.get(key);
        return size != null ? size : namedNow(key) ? Long.valueOf(0) : null;
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
