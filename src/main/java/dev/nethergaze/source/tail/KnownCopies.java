package dev.nethergaze.source.tail;

import dev.nethergaze.model.Bounded;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * The copies of one log already dealt with (read, or listed when a truncation was handled), by file
 * identity and by {@link Copies.Print}: a copy renamed keeps its identity, a copy gzipped keeps its
 * print. Bounded: the most recent {@link #LIMIT} of each.
 *
 * <p>A file's identity is its key (device and inode) with its birth time: an inode number is given
 * again to the next file made once its file is removed (ext4 does so at once), so the {@code .gz} of
 * the next rotation, made right after {@code rotate N} removed the oldest one, had its key and was
 * taken for a copy dealt with: not read, and not said. Where the file system keeps no birth time, the
 * JDK gives the time of the last change instead, which a copy (no longer written) keeps too ({@link
 * FileIdentity#of}).
 */
final class KnownCopies {

    private static final int LIMIT = 64;

    private final Set<FileIdentity> keys = Bounded.set(LIMIT);

    private final Set<Copies.Print> prints = Bounded.set(LIMIT);

    /** Whether the file of {@code attrs} was dealt with (the same file, not one given its inode since). */
    boolean knowsFile(BasicFileAttributes attrs) {
        FileIdentity id = FileIdentity.of(attrs);
        return id != null && keys.contains(id);
    }

    boolean knows(Copies.Print print) {
        return prints.contains(print);
    }

    void add(BasicFileAttributes attrs) {
        FileIdentity id = FileIdentity.of(attrs);
        if (id != null) {
            keys.add(id);
        }
    }

    void add(Copies.Print print) {
        prints.add(print);
    }
}
