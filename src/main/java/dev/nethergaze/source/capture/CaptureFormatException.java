package dev.nethergaze.source.capture;

import java.io.IOException;

/** A capture file that cannot be read further: names the file, the byte offset and what is wrong. */
public final class CaptureFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long offset;

    public CaptureFormatException(String file, long offset, String problem) {
        super(file + ": " + problem + " at offset " + offset);
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
