package dev.nethergaze.source.tail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** A file's identity (device and inode), the same under any of its names and across a rename. */
public final class FileKeys {

    private FileKeys() {}

    /** The identity of the file {@code file} names now, or null if it cannot be looked at. */
    public static Object of(Path file) {
        BasicFileAttributes a = attributes(file);
        return a == null ? null : a.fileKey();
    }

    /** The attributes of the file {@code file} names now, or null if it cannot be looked at. */
    static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /**
     * The name the file with {@code key}, listed as {@code listed}, has now: {@code listed} while it
     * names it (or when no key was taken), else the file next to it with that key (rotated since it
     * was listed: {@code access.log} renamed to {@code access.log.1}, {@code access.log.1} to {@code
     * .2}); null when no file there has it any more (removed, or compressed into a new inode).
     */
    public static Path find(Path listed, Object key) {
        if (key == null || key.equals(of(listed))) {
            return listed;
        }
        Path dir = listed.toAbsolutePath().getParent();
        if (dir == null) {
            return null;
        }
        try (var files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (key.equals(of(f)) && Files.isRegularFile(f)) {
                    return f;
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // not listable now: not found
        }
        return null;
    }
}
