package dev.nethergaze.source.conn;

import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * The fd tables under a proc root as {@link SocketOwners} walks them: which processes there are, and
 * which socket inodes each one's {@code fd} directory links to. Two ways to read them: direct
 * syscalls ({@link NativeFdTables}, no object per fd) and, where those cannot be bound, the NIO file
 * API ({@link NioFdTables}). Not thread-safe.
 */
interface FdTables {

    /** What {@link #sockets} returns when the fd table may not be read (EACCES: not root). */
    int DENIED = -1;

    /** The pids under the proc root (its all-digit entries); empty if it cannot be listed. */
    int[] pids();

    /**
     * Reads the fd links of {@code pid}, handing the inode of each {@code socket:[N]} link to
     * {@code sink}; returns how many links it read, or {@link #DENIED}. A process that is gone, or
     * exits during the read, yields what was read so far (0 if nothing).
     */
    int sockets(int pid, LongConsumer sink);

    /** "native" or "nio", for tests and benchmarks. */
    String kind();

    /** The native reader where its calls bind, else the NIO one. */
    static FdTables of(Path procRoot) {
        FdTables t = NativeFdTables.create(procRoot);
        return t != null ? t : new NioFdTables(procRoot);
    }
}
