package dev.nethergaze.source.tail;

import java.nio.file.Path;

/** A state change of one followed path, worth a log line ("access.log rotated"). */
public record TailEvent(Kind kind, Path file, String detail) {

    public enum Kind {
        /** Opened for reading; detail says from where. */
        OPENED,
        /** The path now names another file (rename+create, delete+recreate); the old one is drained. */
        ROTATED,
        /** The file shrank under us (copytruncate); reading restarts at 0. */
        TRUNCATED,
        /** A rotated-away or deleted file was drained and closed. */
        CLOSED,
        /** The path does not exist (yet); it is watched for. */
        MISSING,
        PERMISSION_DENIED,
        /** The path is a directory or another non-regular file. */
        NOT_A_FILE,
        /** The path names a file another followed path reads already: not read twice. */
        SAME_FILE,
        /**
         * Lines of a rotated-away file were not read and cannot be (its copy unreadable, or written over
         * before it was looked at); detail says which file and about how many bytes. The path is read on.
         */
        LOST,
        ERROR;

        /** Whether this kind is a problem that keeps the path from being read. */
        public boolean isProblem() {
            return this == MISSING || this == PERMISSION_DENIED || this == NOT_A_FILE || this == ERROR;
        }
    }
}
