package dev.nethergaze.source.capture;

import java.lang.foreign.MemorySegment;

/** Receives each captured frame: its time, link type and the captured bytes (valid during the call only). */
@FunctionalInterface
interface FrameHandler {

    /**
     * @param tsNanos capture time, nanoseconds since the epoch
     * @param linkType LINKTYPE_* value of the frame's interface
     * @param data memory holding the frame
     * @param off where the frame starts in {@code data}
     * @param capLen bytes captured
     * @param wireLen bytes on the wire
     * @return false to stop reading
     */
    boolean frame(long tsNanos, int linkType, MemorySegment data, long off, int capLen, int wireLen);
}
