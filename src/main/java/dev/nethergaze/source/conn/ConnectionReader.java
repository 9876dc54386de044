package dev.nethergaze.source.conn;

import java.io.IOException;
import java.time.Instant;

/**
 * One way of reading the kernel's TCP socket table (procfs today, netlink sock_diag later). Each
 * call is a full poll. Implementations are used from one thread (the conn source's) and may reuse
 * buffers between calls.
 */
public interface ConnectionReader {

    /** Short name for health lines, e.g. "procfs". */
    String name();

    /**
     * Reads the whole table once, stamped with {@code now}. Rows that cannot be decoded are skipped
     * and counted, never thrown.
     *
     * @throws java.nio.file.NoSuchFileException when the table is missing
     * @throws java.nio.file.AccessDeniedException when it may not be read
     */
    ReadResult read(Instant now) throws IOException;
}
