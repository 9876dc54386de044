package dev.nethergaze.source.tail;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * A log rotated with {@code rotate 0}: the old file removed, none kept under a rotated name. Rotated
 * twice between two looks, the file the log named in between is gone too, its lines with it, and the
 * files left are the same as after one rotation. What tells the two apart is the times of the file
 * still held open here (the old one, through {@code /proc/self/fd}) and of the new log: logrotate
 * makes the new log ({@code create}) before it removes the old one, and a server writes to the old one
 * until it reopens its log, so after one rotation the old file's last change (its removal, or a later
 * write) is after the new log's birth. After two, the old one was last changed at the first rotation,
 * and the new log was born at the second: later. Then lines may have been lost, and that is said.
 */
final class RemovedFiles {

    private static final Path FDS = Path.of("/proc/self/fd");

    private RemovedFiles() {}

    /**
     * Whether the file the log named until this look ({@code old}, held open here) was removed (its
     * last link gone) and last changed before {@code current}, the file the log names now, was made.
     * False whenever that cannot be told: the old file not found among this process's open files, a
     * link of it left, a file system that keeps no birth time (its birth is then its last change, as
     * the JDK gives it: not used unless the new log is empty, when the two are the same).
     */
    static boolean removedBeforeTheNewOneWasMade(OpenFile old, BasicFileAttributes current) {
        FileTime born = current.creationTime();
        if (current.size() > 0 && born.equals(current.lastModifiedTime())) {
            return false; // no birth time kept, or none to tell apart from its last write
        }
        Map<String, Object> held = held(old.key);
        if (held == null || !(held.get("nlink") instanceof Integer links) || links != 0) {
            return false;
        }
        return held.get("ctime") instanceof FileTime changed && born.compareTo(changed) > 0;
    }

    /** The unix attributes (nlink, ctime) of the file of {@code key} this process holds open; null if none. */
    private static Map<String, Object> held(Object key) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FDS)) {
            for (Path fd : fds) {
                try {
                    if (key.equals(
                            Files.readAttributes(fd, BasicFileAttributes.class).fileKey())) {
                        return Files.readAttributes(fd, "unix:nlink,ctime");
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile (the listing's own descriptor), or no unix view: not it
                }
            }
        } catch (IOException e) {
            return null; // no /proc: not told
        }
        return null;
    }
}
