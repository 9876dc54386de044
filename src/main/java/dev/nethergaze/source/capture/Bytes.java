package dev.nethergaze.source.capture;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Unaligned reads from a memory segment in network (big-endian) or little-endian order. */
final class Bytes {

    static final ValueLayout.OfShort BE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt BE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong BE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfShort LE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt LE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Bytes() {}

    static int u8(MemorySegment s, long off) {
        return s.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
    }

    static int u16(MemorySegment s, long off) {
        return s.get(BE16, off) & 0xFFFF;
    }

    static int i32(MemorySegment s, long off) {
        return s.get(BE32, off);
    }

    static long i64(MemorySegment s, long off) {
        return s.get(BE64, off);
    }

    static int u16(MemorySegment s, long off, boolean little) {
        return (little ? s.get(LE16, off) : s.get(BE16, off)) & 0xFFFF;
    }

    static long u32(MemorySegment s, long off, boolean little) {
        return (little ? s.get(LE32, off) : s.get(BE32, off)) & 0xFFFFFFFFL;
    }
}
