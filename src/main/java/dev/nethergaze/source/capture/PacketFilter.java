package dev.nethergaze.source.capture;

import dev.nethergaze.model.IpKey;

/**
 * The software form of a {@link FilterSpec} for replay (live capture filters in the kernel with
 * BPF). A raw BPF expression cannot be evaluated here: {@link #of} refuses it.
 */
public final class PacketFilter {

    private final FilterSpec spec;

    private PacketFilter(FilterSpec spec) {
        this.spec = spec;
    }

    /** A filter for the spec, or null when the spec matches everything. */
    public static PacketFilter of(FilterSpec spec) {
        if (!spec.rawBpf().isEmpty()) {
            throw new IllegalArgumentException("--bpf applies to live capture only; use --port/--proto/--src/--dst");
        }
        return spec.isEmpty() ? null : new PacketFilter(spec);
    }

    boolean matches(Frame f) {
        if (!spec.protocols().isEmpty() && !protocol(f)) {
            return false;
        }
        if (!spec.ports().isEmpty() && !(f.ports && (port(f.srcPort) || port(f.dstPort)))) {
            return false;
        }
        if (!spec.src().isEmpty() && !(f.ip && net(spec.src(), new IpKey(f.srcHi, f.srcLo)))) {
            return false;
        }
        return spec.dst().isEmpty() || (f.ip && net(spec.dst(), new IpKey(f.dstHi, f.dstLo)));
    }

    private boolean protocol(Frame f) {
        return switch (f.proto) {
            case Frame.PROTO_TCP -> spec.protocols().contains("tcp");
            case Frame.PROTO_UDP -> spec.protocols().contains("udp");
            case Frame.PROTO_ICMP, Frame.PROTO_ICMP6 -> spec.protocols().contains("icmp");
            default -> false;
        };
    }

    private boolean port(int p) {
        for (FilterSpec.PortRange r : spec.ports()) {
            if (r.contains(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean net(java.util.List<FilterSpec.Net> nets, IpKey ip) {
        for (FilterSpec.Net n : nets) {
            if (n.contains(ip)) {
                return true;
            }
        }
        return false;
    }
}
