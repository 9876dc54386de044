package dev.nethergaze.source.capture;

import java.io.IOException;

/** A capture file that cannot be read further: names the file, the byte offset and what is wrong. */
public final class CaptureFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String problem;
    private final boolean cutShort;

    public CaptureFormatException(String file, long offset, String problem) {
        this(file, offset, problem, false);
    }

    /**
     * @param cutShort the file ends inside a packet or block after its header: what comes before was
     *     read (a capture copied while being written, or cut with {@code head -c})
     */
    CaptureFormatException(String file, long offset, String problem, boolean cutShort) {
        super(file + ": " + problem + " at offset " + offset);
        this.offset = offset;
        this.problem = problem;
        this.cutShort = cutShort;
    }

    /** A file that ends inside a packet or block after a readable header; false for damage and bad headers. */
    static CaptureFormatException cutShort(String file, long offset, String problem) {
        return new CaptureFormatException(file, offset, problem, true);
    }

    public long offset() {
        return offset;
    }

    /** What is wrong, without the file and offset ("truncated packet (70 of 78 bytes)"). */
    public String problem() {
        return problem;
    }

    /** Whether the file ends inside a packet or block after its header (everything before it was read). */
    public boolean cutShort() {
        return cutShort;
    }
}
