package dev.nethergaze.source.replay;

import dev.nethergaze.source.tail.FileKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One file named twice (a symlink and its target, overlapping globs, {@code access.log} given twice)
 * is read once: read twice, every request in it would count twice. Files are the same when they are
 * the same inode on the same device.
 */
public final class SameFiles {

    private SameFiles() {}

    /**
     * {@code paths} in order, each file once: a later name of a file already listed is left out and
     * handed to {@code duplicate} with the name kept. A path that cannot be looked at stays (its
     * reader says what is wrong with it).
     */
    public static List<Path> distinct(List<Path> paths, BiConsumer<Path, Path> duplicate) {
        Map<Object, Path> seen = new HashMap<>();
        List<Path> out = new ArrayList<>(paths.size());
        for (Path p : paths) {
            Object key = FileKeys.of(p);
            Path first = key == null ? null : seen.putIfAbsent(key, p);
            if (first == null) {
                out.add(p);
            } else {
                duplicate.accept(p, first);
            }
        }
        return out;
    }
}
