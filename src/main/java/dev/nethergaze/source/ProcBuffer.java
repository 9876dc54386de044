package dev.nethergaze.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A buffer that procfs files are read into whole, kept from one poll to the next. A procfs file says
 * its size is 0, so the buffer grows as the content asks. Not thread-safe: one poller.
 */
public final class ProcBuffer {

    private byte[] buf;

    public ProcBuffer(int initialSize) {
        this.buf = new byte[initialSize];
    }

    /** Reads {@code file} whole and returns its length: its bytes are {@link #bytes()}, up to the next read. */
    public int read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int len = 0;
            while (true) {
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int n = in.read(buf, len, buf.length - len);
                if (n < 0) {
                    return len;
                }
                len += n;
            }
        }
    }

    /** The bytes of the last file read (more than its length: the rest is stale). */
    public byte[] bytes() {
        return buf;
    }
}
