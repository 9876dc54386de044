package dev.nethergaze.source.capture;

import java.util.LinkedHashMap;
import java.util.Map;

/** Capture-wide protocol, frame-size and TCP-flag counts (capture thread only). */
final class GlobalCounters {

    private static final int[] SIZE_LIMITS = {64, 128, 256, 512, 1024, 1518};
    private static final String[] SIZE_NAMES = {"<=64", "<=128", "<=256", "<=512", "<=1024", "<=1518", ">1518"};

    long frames;
    long bytes;
    long filtered;
    private long nonIp;
    private long tcp;
    private long udp;
    private long icmp;
    private long otherIp;
    private final long[] sizes = new long[SIZE_NAMES.length];
    private long syn;
    private long synAck;
    private long fin;
    private long rst;
    private long ackOnly;

    void count(Frame f) {
        frames++;
        bytes += f.wireLen;
        int i = 0;
        while (i < SIZE_LIMITS.length && f.wireLen > SIZE_LIMITS[i]) {
            i++;
        }
        sizes[i]++;
        if (!f.ip) {
            nonIp++;
            return;
        }
        switch (f.proto) {
            case Frame.PROTO_TCP -> {
                if (f.ports) {
                    tcp++;
                } else {
                    otherIp++; // a fragment or a truncated header
                }
            }
            case Frame.PROTO_UDP -> udp++;
            case Frame.PROTO_ICMP, Frame.PROTO_ICMP6 -> icmp++;
            default -> otherIp++;
        }
        if (f.tcp()) {
            boolean s = f.has(Frame.SYN);
            boolean a = f.has(Frame.ACK);
            syn += s && !a ? 1 : 0;
            synAck += s && a ? 1 : 0;
            fin += f.has(Frame.FIN) ? 1 : 0;
            rst += f.has(Frame.RST) ? 1 : 0;
            ackOnly += f.flags == Frame.ACK ? 1 : 0;
        }
    }

    CaptureCounters snapshot(
            Map<String, Long> handshakes, int ips, long ipsEvicted, int flows, long flowsEvicted, int macs) {
        Map<String, Long> size = new LinkedHashMap<>();
        for (int i = 0; i < SIZE_NAMES.length; i++) {
            size.put(SIZE_NAMES[i], sizes[i]);
        }
        return new CaptureCounters(
                frames,
                bytes,
                filtered,
                nonIp,
                Map.of("tcp", tcp, "udp", udp, "icmp", icmp, "other", otherIp),
                size,
                Map.of("syn", syn, "synack", synAck, "fin", fin, "rst", rst, "ack", ackOnly),
                handshakes,
                ips,
                ipsEvicted,
                flows,
                flowsEvicted,
                macs);
    }

    void clear() {
        frames = 0;
        bytes = 0;
        filtered = 0;
        nonIp = 0;
        tcp = 0;
        udp = 0;
        icmp = 0;
        otherIp = 0;
        java.util.Arrays.fill(sizes, 0);
        syn = 0;
        synAck = 0;
        fin = 0;
        rst = 0;
        ackOnly = 0;
    }
}
