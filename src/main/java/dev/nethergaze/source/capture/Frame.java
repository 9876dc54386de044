package dev.nethergaze.source.capture;

import dev.nethergaze.model.IpKey;

/**
 * One decoded frame: a mutable scratch record reused for every packet on the capture thread (no
 * allocation per packet). Addresses are held as the two longs of an {@link IpKey}.
 */
final class Frame {

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int ACK = 0x10;

    static final int PROTO_TCP = 6;
    static final int PROTO_UDP = 17;
    static final int PROTO_ICMP = 1;
    static final int PROTO_ICMP6 = 58;

    long tsNanos;
    int wireLen;
    long srcMac = -1;
    boolean ip;
    boolean v6;
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    int proto = -1;
    /** TCP with a complete 20-byte header, or UDP with its 8 bytes. */
    boolean ports;

    int srcPort;
    int dstPort;
    /**
     * Sent by the answering side of its flow (a SYN-ACK, a server's segments, a resolver's answer): its
     * destination port is the asker's, not one it went to. Where no handshake was seen (UDP, a TCP
     * connection older than the capture), the side with the lower port is taken for the service.
     */
    boolean reply;

    int flags;
    int seq;
    int ack;
    int window;
    int payload;
    int sackBlocks;

    void reset(long ts, int len) {
        tsNanos = ts;
        wireLen = len;
        srcMac = -1;
        ip = false;
        v6 = false;
        proto = -1;
        ports = false;
        srcPort = 0;
        dstPort = 0;
        reply = false;
        flags = 0;
        payload = 0;
        sackBlocks = 0;
    }

    boolean tcp() {
        return ports && proto == PROTO_TCP;
    }

    /** {@link #reply} where the flow's opening was not seen: the lower port is the service's. */
    boolean replyByPorts() {
        return ports && srcPort < dstPort;
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    IpKey src() {
        return new IpKey(srcHi, srcLo);
    }

    IpKey dst() {
        return new IpKey(dstHi, dstLo);
    }

    static String mac(long m) {
        if (m < 0) {
            return "";
        }
        StringBuilder b = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            int v = (int) (m >>> (8 * i)) & 0xFF;
            b.append(Character.forDigit(v >>> 4, 16)).append(Character.forDigit(v & 0xF, 16));
            if (i > 0) {
                b.append(':');
            }
        }
        return b.toString();
    }
}
