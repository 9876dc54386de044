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
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
