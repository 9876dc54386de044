package dev.nethergaze.source.tail;

import java.nio.file.Path;

/**
 * Receives complete lines as bytes, without the line terminator ({@code \n} or {@code \r\n}). The
 * range {@code buf[off, off + len)} is only valid during the call: copy what must be kept.
 */
@FunctionalInterface
public interface LineSink {

    /**
     * @param file the file the line came from
     * @param number 1-based count of lines delivered from this file since it was opened; equals the
     *     line number in the file when it was read from its start
     * @param truncated the line was longer than the cap and only its first bytes are delivered
     */
    void line(Path file, long number, byte[] buf, int off, int len, boolean truncated) throws InterruptedException;
}
