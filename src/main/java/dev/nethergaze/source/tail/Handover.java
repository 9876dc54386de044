package dev.nethergaze.source.tail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a backfill's reading of the current logs ends and their tailing begins: each current file's
 * size, taken once at start-up, by file identity (device and inode). The backfill reads a file up to
 * it (and the line under way there to its end); the tailer starts there instead of at the end it sees
 * when it first looks, so a line written between the two is read once, not lost, and a line stamped
 * before start-up but written after it is not read twice. A file that is not in it (rotated in since,
 * new) holds only lines written since: the tailer reads it from its start.
 */
public final class Handover {

    public static final Handover NONE = new Handover(Map.of());

    private final Map<Object, Long> sizes;

    private Handover(Map<Object, Long> sizes) {
        this.sizes = Map.copyOf(sizes);
    }

    /** The sizes, now, of the regular files the patterns (paths or globs) match. */
    public static Handover of(List<String> patterns) {
        Map<Object, Long> sizes = new HashMap<>();
        for (String text : patterns) {
            PathPattern p = PathPattern.parse(text);
            List<Path> files;
            try {
                files = p.isGlob() ? p.list() : List.of(p.literal());
            } catch (IOException e) {
                continue; // its tailer reports the problem
            }
            for (Path f : files) {
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    if (a.isRegularFile() && a.fileKey() != null) {
                        sizes.put(a.fileKey(), a.size());
                    }
                } catch (IOException e) {
                    // missing or unreadable now: no half to hand over
                }
            }
        }
        return new Handover(sizes);
    }

    /** Both: the sizes of the files of either. */
    public Handover and(Handover other) {
        Map<Object, Long> all = new HashMap<>(sizes);
        all.putAll(other.sizes);
        return new Handover(all);
    }

    /**
     * Where a tailer starts a file it finds at its first look: where the backfill's reading of it ends;
     * with no backfill, at its end; with one, a file that was not there at start-up (rotated in since)
     * from its start, as all of it was written since.
     */
    long startOf(Object key) {
        Long at = at(key);
        return at != null ? at : sizes.isEmpty() ? OpenFile.AT_END : 0;
    }

    /** Where the file with this key ({@link FileKeys}) changes hands, or null if it is not one of them. */
    public Long at(Object key) {
        return key == null ? null : sizes.get(key);
    }
}
