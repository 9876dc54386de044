package dev.nethergaze.source.capture;

import java.lang.foreign.MemorySegment;

/**
 * Decodes link layer (Ethernet II or 802.3 LLC/SNAP, with up to two VLAN tags, Linux cooked SLL and SLL2, raw IP, BSD
 * loopback), IPv4/IPv6 (with extension headers) and the TCP/UDP/ICMP header into a {@link Frame}.
 * Never reads past the captured bytes; a short header simply stops decoding at that layer.
 */
final class FrameDecoder {

    static final int LINK_NULL = 0;
    static final int LINK_ETHERNET = 1;
    static final int LINK_RAW = 101;
    static final int LINK_LOOP = 108;
    static final int LINK_SLL = 113;
    static final int LINK_IPV4 = 228;
    static final int LINK_IPV6 = 229;
    static final int LINK_SLL2 = 276;
    private static final int LINK_RAW_ALT = 12;
    private static final int LINK_RAW_ALT2 = 14;

    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_IPV6 = 0x86DD;
    private static final long V4_TAG = 0xFFFFL << 32;

    private FrameDecoder() {}

    /** True for the link types this decoder understands. */
    static boolean supports(int linkType) {
        return switch (linkType) {
            case LINK_NULL,
                    LINK_ETHERNET,
                    LINK_RAW,
                    LINK_LOOP,
                    LINK_SLL,
                    LINK_IPV4,
                    LINK_IPV6,
                    LINK_SLL2,
                    LINK_RAW_ALT,
                    LINK_RAW_ALT2 -> true;
            default -> false;
        };
    }

    static void decode(Frame f, int linkType, MemorySegment s, long off, int cap) {
        long end = off + cap;
        switch (linkType) {
            case LINK_ETHERNET -> ethernet(f, s, off, end);
            case LINK_SLL -> {
                if (end - off >= 16) {
                    if (Bytes.u16(s, off + 2) == 1 && Bytes.u16(s, off + 4) == 6) { // ARPHRD_ETHER, 6-byte address
                        f.srcMac = mac(s, off + 6);
                    }
                    etherType(f, Bytes.u16(s, off + 14), s, off + 16, end);
                }
            }
            case LINK_SLL2 -> {
                if (end - off >= 20) {
                    if (Bytes.u16(s, off + 8) == 1 && Bytes.u8(s, off + 11) == 6) {
                        f.srcMac = mac(s, off + 12);
                    }
                    etherType(f, Bytes.u16(s, off), s, off + 20, end);
                }
            }
            case LINK_NULL, LINK_LOOP -> {
                if (end - off >= 4) {
                    ip(f, s, off + 4, end); // the family word's byte order varies: trust the IP version nibble
                }
            }
            case LINK_RAW, LINK_RAW_ALT, LINK_RAW_ALT2, LINK_IPV4, LINK_IPV6 -> ip(f, s, off, end);
            default -> {}
        }
    }

    private static void ethernet(Frame f, MemorySegment s, long off, long end) {
        if (end - off < 14) {
            return;
        }
        f.srcMac = mac(s, off + 6);
        int type = Bytes.u16(s, off + 12);
        long p = off + 14;
        for (int tags = 0; tags < 2 && (type == 0x8100 || type == 0x88A8) && end - p >= 4; tags++) {
            type = Bytes.u16(s, p + 2);
            p += 4;
        }
        if (type <= 1500 && end - p >= 8 && Bytes.u16(s, p) == 0xAAAA && Bytes.u8(s, p + 2) == 3) {
            type = Bytes.u16(s, p + 6); // 802.3 length field, LLC/SNAP header carries the type
            p += 8;
        }
        etherType(f, type, s, p, end);
    }

    private static void etherType(Frame f, int type, MemorySegment s, long p, long end) {
        if (type == ETH_IPV4 || type == ETH_IPV6) {
            ip(f, s, p, end);
        }
    }

    private static void ip(Frame f, MemorySegment s, long p, long end) {
        if (end - p < 1) {
            return;
        }
        int version = Bytes.u8(s, p) >>> 4;
        if (version == 4) {
            ipv4(f, s, p, end);
        } else if (version == 6) {
            ipv6(f, s, p, end);
        }
    }

    private static void ipv4(Frame f, MemorySegment s, long p, long end) {
        if (end - p < 20) {
            return;
        }
        int ihl = (Bytes.u8(s, p) & 0x0F) * 4;
        if (ihl < 20) {
            return;
        }
        f.ip = true;
        f.srcHi = 0;
        f.srcLo = V4_TAG | (Bytes.i32(s, p + 12) & 0xFFFFFFFFL);
        f.dstHi = 0;
        f.dstLo = V4_TAG | (Bytes.i32(s, p + 16) & 0xFFFFFFFFL);
        f.proto = Bytes.u8(s, p + 9);
        int total = Bytes.u16(s, p + 2);
        if (total == 0) { // segmentation offload: the kernel leaves the length unset
            total = (int) Math.min(65535, end - p);
        }
        int fragOffset = Bytes.u16(s, p + 6) & 0x1FFF;
        if (fragOffset != 0 || total < ihl) {
            return;
        }
        long l4end = Math.min(end, p + total);
        transport(f, s, p + ihl, l4end, total - ihl);
    }

    private static void ipv6(Frame f, MemorySegment s, long p, long end) {
        if (end - p < 40) {
            return;
        }
        f.ip = true;
        f.v6 = true;
        f.srcHi = Bytes.i64(s, p + 8);
        f.srcLo = Bytes.i64(s, p + 16);
        f.dstHi = Bytes.i64(s, p + 24);
        f.dstLo = Bytes.i64(s, p + 32);
        normaliseMapped(f);
        int next = Bytes.u8(s, p + 6);
        int remaining = Bytes.u16(s, p + 4);
        long q = p + 40;
        for (int hops = 0; hops < 8; hops++) {
            if (next == 0 || next == 43 || next == 60 || next == 51 || next == 44) {
                if (end - q < 8) {
                    f.proto = next;
                    return;
                }
                int len = next == 44 ? 8 : next == 51 ? (Bytes.u8(s, q + 1) + 2) * 4 : (Bytes.u8(s, q + 1) + 1) * 8;
                if (next == 44 && (Bytes.u16(s, q + 2) & 0xFFF8) != 0) {
                    f.proto = Bytes.u8(s, q);
                    return; // not the first fragment: no transport header here
                }
                next = Bytes.u8(s, q);
                q += len;
                remaining -= len;
            } else {
                break;
            }
        }
        f.proto = next;
        long l4end = Math.min(end, q + Math.max(0, remaining));
        transport(f, s, q, l4end, remaining);
    }

    private static void normaliseMapped(Frame f) {
        if (f.srcHi == 0 && (f.srcLo >>> 32) == 0xFFFFL) {
            f.srcLo = V4_TAG | (f.srcLo & 0xFFFFFFFFL);
        }
        if (f.dstHi == 0 && (f.dstLo >>> 32) == 0xFFFFL) {
            f.dstLo = V4_TAG | (f.dstLo & 0xFFFFFFFFL);
        }
    }

    private static void transport(Frame f, MemorySegment s, long p, long end, int l4len) {
        if (f.proto == Frame.PROTO_TCP) {
            if (end - p < 20) {
                return;
            }
            f.ports = true;
            f.srcPort = Bytes.u16(s, p);
            f.dstPort = Bytes.u16(s, p + 2);
            f.seq = Bytes.i32(s, p + 4);
            f.ack = Bytes.i32(s, p + 8);
            int hlen = (Bytes.u8(s, p + 12) >>> 4) * 4;
            f.flags = Bytes.u8(s, p + 13);
            f.window = Bytes.u16(s, p + 14);
            f.payload = Math.max(0, l4len - Math.max(hlen, 20));
            if (hlen > 20) {
                f.sackBlocks = sackBlocks(s, p + 20, Math.min(end, p + hlen));
            }
        } else if (f.proto == Frame.PROTO_UDP && end - p >= 8) {
            f.ports = true;
            f.srcPort = Bytes.u16(s, p);
            f.dstPort = Bytes.u16(s, p + 2);
            f.payload = Math.max(0, l4len - 8);
        }
    }

    /** Number of SACK blocks in the TCP options (kind 5), 0 if none. */
    private static int sackBlocks(MemorySegment s, long p, long end) {
        while (p < end) {
            int kind = Bytes.u8(s, p);
            if (kind == 0) {
                return 0;
            }
            if (kind == 1) {
                p++;
                continue;
            }
            if (end - p < 2) {
                return 0;
            }
            int len = Bytes.u8(s, p + 1);
            if (len < 2) {
                return 0;
            }
            if (kind == 5) {
                return Math.max(0, (len - 2) / 8);
            }
            p += len;
        }
        return 0;
    }

    private static long mac(MemorySegment s, long off) {
        return ((long) Bytes.u16(s, off) << 32) | (Bytes.i32(s, off + 2) & 0xFFFFFFFFL);
    }
}
