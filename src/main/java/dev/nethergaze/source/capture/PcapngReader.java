package dev.nethergaze.source.capture;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng: section header blocks (either byte order, several sections), interface description
 * blocks with their link type, {@code if_tsresol} and {@code if_tsoffset}, and enhanced, simple and
 * obsolete packet blocks. Other blocks are skipped. Damage is reported with the block's offset.
 */
final class PcapngReader {

    static final int SHB_TYPE = 0x0A0D0D0A;
    private static final int IDB = 1;
    private static final int OBSOLETE_PB = 2;
    private static final int SPB = 3;
    private static final int EPB = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** No block is longer (Wireshark's limit too): a longer length is damage, not a file cut short. */
    private static final long MAX_BLOCK = 16L << 20;

    /** One interface of the current section. */
    private record Iface(int linkType, long snapLen, long unitsPerSecond, boolean pow2, int pow2Bits, long offsetSec) {

        long nanos(long ts) {
            long base = offsetSec * 1_000_000_000L;
            if (pow2) {
                long whole = ts >>> pow2Bits;
                long frac = ts & ((1L << pow2Bits) - 1);
                return base + whole * 1_000_000_000L + ((frac * 1_000_000_000L) >>> pow2Bits);
            }
            if (unitsPerSecond <= 1_000_000_000L) {
                return base + ts * (1_000_000_000L / unitsPerSecond);
            }
            return base + ts / (unitsPerSecond / 1_000_000_000L);
        }
    }

    private final String name;
    private final MemorySegment seg;
    private boolean little;
    private final List<Iface> ifaces = new ArrayList<>();
    private long lastTs;

    PcapngReader(String name, MemorySegment seg) {
        this.name = name;
        this.seg = seg;
    }

    long read(FrameHandler handler) throws CaptureFormatException {
        long size = seg.byteSize();
        long off = 0;
        long frames = 0;
        while (off < size) {
            if (size - off < 12) {
                throw truncated(off, "truncated pcapng block header");
            }
            int type = (int) Bytes.u32(seg, off, little);
            if (type == SHB_TYPE) {
                section(off);
            }
            long len = Bytes.u32(seg, off + 4, little);
            if (len < 12 || len % 4 != 0) {
                throw new CaptureFormatException(name, off, "corrupt pcapng block (length " + len + ")");
            }
            if (len > MAX_BLOCK) {
                throw new CaptureFormatException(
                        name, off, "corrupt pcapng block (length " + len + " > " + MAX_BLOCK + ")");
            }
            if (off + len > size) {
                throw truncated(off, "truncated pcapng block (" + (size - off) + " of " + len + " bytes)");
            }
            if (Bytes.u32(seg, off + len - 4, little) != len) {
                throw new CaptureFormatException(name, off, "corrupt pcapng block (trailing length differs)");
            }
            switch (type) {
                case IDB -> interfaceBlock(off, len);
                case EPB, OBSOLETE_PB, SPB -> {
                    frames++;
                    if (!packet(type, off, len, handler)) {
                        return frames;
                    }
                }
                default -> {}
            }
            off += len;
        }
        return frames;
    }

    /** The file ends at {@code off}: cut short after its first block (its header), else unreadable. */
    private CaptureFormatException truncated(long off, String problem) {
        return off > 0
                ? CaptureFormatException.cutShort(name, off, problem)
                : new CaptureFormatException(name, off, problem);
    }

    private void section(long off) throws CaptureFormatException {
        if (seg.byteSize() - off < 16) {
            throw truncated(off, "truncated section header block");
        }
        int bom = Bytes.i32(seg, off + 8);
        if (bom == BYTE_ORDER_MAGIC) {
            little = false;
        } else if (Integer.reverseBytes(bom) == BYTE_ORDER_MAGIC) {
            little = true;
        } else {
            throw new CaptureFormatException(name, off + 8, String.format("corrupt byte-order magic 0x%08x", bom));
        }
        ifaces.clear();
    }

    private void interfaceBlock(long off, long len) throws CaptureFormatException {
        if (len < 20) {
            throw new CaptureFormatException(name, off, "corrupt interface description block (length " + len + ")");
        }
        int link = Bytes.u16(seg, off + 8, little);
        long snap = Bytes.u32(seg, off + 12, little);
        long units = 1_000_000;
        boolean pow2 = false;
        int bits = 0;
        long tsOffset = 0;
        long o = off + 16;
        long end = off + len - 4;
        while (o + 4 <= end) {
            int code = Bytes.u16(seg, o, little);
            int olen = Bytes.u16(seg, o + 2, little);
            if (code == 0 || o + 4 + olen > end) {
                break;
            }
            if (code == 9 && olen >= 1) {
                int r = Bytes.u8(seg, o + 4);
                if ((r & 0x80) != 0) {
                    pow2 = true;
                    bits = Math.min(r & 0x7F, 62);
                } else if (r > 18) {
                    throw new CaptureFormatException(name, o, "unsupported if_tsresol 10^-" + r);
                } else {
                    units = (long) Math.pow(10, r);
                }
            } else if (code == 14 && olen >= 8) {
                tsOffset = little ? Long.reverseBytes(Bytes.i64(seg, o + 4)) : Bytes.i64(seg, o + 4);
            }
            o += 4 + ((olen + 3) & ~3);
        }
        ifaces.add(new Iface(link, snap, units, pow2, bits, tsOffset));
    }

    private boolean packet(int type, long off, long len, FrameHandler handler) throws CaptureFormatException {
        long bodyEnd = off + len - 4;
        long ifaceId;
        long data;
        long cap;
        long wire;
        long ts;
        if (type == SPB) {
            ifaceId = 0;
            wire = Bytes.u32(seg, off + 8, little);
            data = off + 12;
            cap = Math.min(wire, bodyEnd - data);
            ts = -1;
        } else {
            if (len < 32) {
                throw new CaptureFormatException(name, off, "corrupt packet block (length " + len + ")");
            }
            boolean epb = type == EPB;
            ifaceId = epb ? Bytes.u32(seg, off + 8, little) : Bytes.u16(seg, off + 8, little);
            ts = (Bytes.u32(seg, off + 12, little) << 32) | Bytes.u32(seg, off + 16, little);
            cap = Bytes.u32(seg, off + 20, little);
            wire = Bytes.u32(seg, off + 24, little);
            data = off + 28;
            if (data + cap > bodyEnd) {
                throw new CaptureFormatException(
                        name, off, "corrupt packet block (captured length " + cap + " exceeds the block)");
            }
        }
        if (ifaceId >= ifaces.size()) {
            throw new CaptureFormatException(name, off, "packet for undeclared interface " + ifaceId);
        }
        Iface iface = ifaces.get((int) ifaceId);
        if (type == SPB && iface.snapLen() > 0) {
            cap = Math.min(cap, iface.snapLen());
        }
        long nanos = ts < 0 ? lastTs : iface.nanos(ts);
        lastTs = nanos;
        return handler.frame(nanos, iface.linkType(), seg, data, (int) cap, (int) Math.max(wire, cap));
    }
}
