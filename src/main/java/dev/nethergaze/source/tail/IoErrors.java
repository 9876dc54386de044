package dev.nethergaze.source.tail;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Short, user-facing descriptions of I/O failures ("permission denied", not a stack trace). */
public final class IoErrors {

    private IoErrors() {}

    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof EOFException) {
            return "unexpected end of file (truncated?)";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * An I/O call failed as the thread was interrupted (following is stopped; the channel closed by the
     * interrupt): that is thrown as an {@link InterruptedException}, not reported as a failure of the file.
     */
    static void stopIfInterrupted(IOException e) throws InterruptedException {
        if (e instanceof java.nio.channels.ClosedByInterruptException) {
            InterruptedException stopped = new InterruptedException("stopped while reading");
            stopped.initCause(e);
            throw stopped;
        }
    }

    /**
     * Why {@code file} cannot be read as a file ("no such file", "permission denied", "is a directory"),
     * or null when it can.
     */
    public static String unreadable(Path file) {
        try {
            if (Files.readAttributes(file, BasicFileAttributes.class).isDirectory()) {
                return "is a directory";
            }
            return Files.isReadable(file) ? null : "permission denied";
        } catch (IOException e) {
            return describe(e); // no such file, or a directory on the way this user cannot enter
        }
    }
}
