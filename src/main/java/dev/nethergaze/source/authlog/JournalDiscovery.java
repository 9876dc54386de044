package dev.nethergaze.source.authlog;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where journald keeps its files and whether it has any, and whether journalctl is on {@code PATH}. */
final class JournalDiscovery {

    /** Where journald keeps its files: persistent, then volatile (each holds one directory per machine id). */
    static final List<Path> JOURNAL_DIRS = List.of(Path.of("/var/log/journal"), Path.of("/run/log/journal"));

    private JournalDiscovery() {}

    /**
     * False only when none of {@code dirs} holds a journal file ({@code *.journal}, or {@code
     * *.journal~} left by a crash) at its top or one directory down; a directory this user may not read
     * counts as holding one (journalctl then explains what it cannot see).
     */
    static boolean anyJournal(List<Path> dirs) {
        for (Path d : dirs) {
            try (var top = Files.newDirectoryStream(d)) {
                for (Path p : top) {
                    if (isJournal(p)) {
                        return true;
                    }
                    if (Files.isDirectory(p)) {
                        try (var inner = Files.newDirectoryStream(p)) {
                            for (Path q : inner) {
                                if (isJournal(q)) {
                                    return true;
                                }
                            }
                        } catch (AccessDeniedException e) {
                            return true;
                        }
                    }
                }
            } catch (AccessDeniedException e) {
                return true;
            } catch (IOException | DirectoryIteratorException e) {
                // absent or unreadable for another reason: no journal there
            }
        }
        return false;
    }

    private static boolean isJournal(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".journal") || n.endsWith(".journal~");
    }

    /** Whether a program of that name is an executable file in a directory of {@code PATH}. */
    static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":", -1)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return true;
            }
        }
        return false;
    }
}
