package dev.nethergaze.source.capture;

import java.lang.foreign.MemorySegment;

/**
 * Classic libpcap format: microsecond (0xa1b2c3d4) or nanosecond (0xa1b23c4d) timestamps, in
 * either byte order. A record longer than the snap length (or 256 KiB) is corrupt; a record
 * running past the end of the file is truncated — both reported with the record's offset.
 */
final class PcapReader {

    private static final int MAGIC_US = 0xa1b2c3d4;
    private static final int MAGIC_NS = 0xa1b23c4d;
    private static final int HEADER = 24;
    private static final int RECORD = 16;
    private static final long MAX_RECORD = 256 * 1024;

    private final String name;
    private final MemorySegment seg;
    private final boolean little;
    private final boolean nanos;

    private PcapReader(String name, MemorySegment seg, boolean little, boolean nanos) {
        this.name = name;
        this.seg = seg;
        this.little = little;
        this.nanos = nanos;
    }

    static boolean isMagic(int magic) {
        return magic == MAGIC_US || magic == MAGIC_NS;
    }

    /** A reader for this file if it starts with a pcap magic number, else null. */
    static PcapReader detect(String name, MemorySegment seg) {
        int be = Bytes.i32(seg, 0);
        int le = Integer.reverseBytes(be);
        if (be == MAGIC_US || be == MAGIC_NS) {
            return new PcapReader(name, seg, false, be == MAGIC_NS);
        }
        if (le == MAGIC_US || le == MAGIC_NS) {
            return new PcapReader(name, seg, true, le == MAGIC_NS);
        }
        return null;
    }

    String format() {
        return nanos ? "pcap/ns" : "pcap/us";
    }

    long read(FrameHandler handler) throws CaptureFormatException {
        long size = seg.byteSize();
        if (size < HEADER) {
            throw new CaptureFormatException(name, size, "truncated pcap file header (" + size + " of 24 bytes)");
        }
        long snap = Bytes.u32(seg, 16, little);
        int linkType = (int) (Bytes.u32(seg, 20, little) & 0x0FFFFFFF);
        long limit = Math.max(snap, MAX_RECORD);
        long scale = nanos ? 1 : 1000;
        long off = HEADER;
        long frames = 0;
        while (off < size) {
            if (size - off < RECORD) {
                throw CaptureFormatException.cutShort(name, off, "truncated packet record header");
            }
            long sec = Bytes.u32(seg, off, little);
            long frac = Bytes.u32(seg, off + 4, little);
            long cap = Bytes.u32(seg, off + 8, little);
            long wire = Bytes.u32(seg, off + 12, little);
            if (cap > limit) {
                throw new CaptureFormatException(
                        name, off, "corrupt packet record (captured length " + cap + " > " + limit + ")");
            }
            long data = off + RECORD;
            if (data + cap > size) {
                throw CaptureFormatException.cutShort(
                        name, off, "truncated packet (" + (size - data) + " of " + cap + " bytes)");
            }
            frames++;
            long ts = sec * 1_000_000_000L + frac * scale;
            if (!handler.frame(ts, linkType, seg, data, (int) cap, (int) Math.max(wire, cap))) {
                break;
            }
            off = data + cap;
        }
        return frames;
    }
}
