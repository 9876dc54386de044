package dev.nethergaze.source.tail;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * A file's identity: its key (device and inode, {@link FileKeys}) with its birth time. An inode number
 * is given again to the next file made once its file is removed (ext4 does so at once), so a key alone
 * can name a new file as well as the removed one; the birth time tells them apart. Where the file
 * system keeps no birth time, the JDK gives the time of the last change instead, which a file no
 * longer written (a rotated copy) keeps too.
 *
 * @param key its key ({@link java.nio.file.attribute.BasicFileAttributes#fileKey})
 * @param born its birth time; null for one still being written whose birth time is not kept: told by
 *     its key alone
 */
record FileIdentity(Object key, FileTime born) {

    /** The identity of a file no longer written (a rotated one), or null when it has no key. */
    static FileIdentity of(BasicFileAttributes attrs) {
        return attrs.fileKey() == null ? null : new FileIdentity(attrs.fileKey(), attrs.creationTime());
    }

    /**
     * The identity of a file that may still be written (a current log), or null when it has no key: its
     * time of the last change, given for a birth time not kept, changes as it is written, so it is told
     * by its key alone unless its birth time differs from that (the file system keeps them).
     */
    static FileIdentity ofWritten(BasicFileAttributes attrs) {
        FileIdentity id = of(attrs);
        return id == null || !id.born.equals(attrs.lastModifiedTime()) ? id : new FileIdentity(id.key, null);
    }

    /** Whether {@code attrs} are this file's: its key, and its birth time where it was told. */
    boolean isOf(BasicFileAttributes attrs) {
        return key.equals(attrs.fileKey()) && (born == null || born.equals(attrs.creationTime()));
    }
}
