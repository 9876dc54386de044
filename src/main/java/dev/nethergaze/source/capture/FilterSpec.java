package dev.nethergaze.source.capture;

import dev.nethergaze.model.IpKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What to capture: ports and port ranges ({@code 80,443,8000-8100}), protocols ({@code tcp,udp,icmp}),
 * source and destination addresses or networks, and an optional raw BPF expression. Validated on
 * parse; an empty spec captures everything. {@link #bpf()} renders it as a pcap filter expression.
 */
public record FilterSpec(List<PortRange> ports, Set<String> protocols, List<Net> src, List<Net> dst, String rawBpf) {

    public static final FilterSpec ALL = new FilterSpec(List.of(), Set.of(), List.of(), List.of(), "");

    /** An inclusive port range. */
    public record PortRange(int from, int to) {
        boolean contains(int p) {
            return p >= from && p <= to;
        }
    }

    /** An address with a prefix length (a host is a full-length prefix). */
    public record Net(IpKey net, int bits) {
        boolean contains(IpKey ip) {
            return ip.isV4() == net.isV4() && ip.prefix(bits).equals(net);
        }

        @Override
        public String toString() {
            return net + "/" + bits;
        }
    }

    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "icmp");

    public FilterSpec {
        ports = List.copyOf(ports);
        protocols = Set.copyOf(protocols);
        src = List.copyOf(src);
        dst = List.copyOf(dst);
        rawBpf = rawBpf == null ? "" : rawBpf.strip();
    }

    /** Parses the CLI / control-socket form; null or blank parts mean "any". Throws with a one-line message. */
    public static FilterSpec parse(String ports, String protocols, String src, String dst, String bpf) {
        return new FilterSpec(parsePorts(ports), parseProtocols(protocols), parseNets(src), parseNets(dst), bpf);
    }

    public boolean isEmpty() {
        return ports.isEmpty() && protocols.isEmpty() && src.isEmpty() && dst.isEmpty() && rawBpf.isEmpty();
    }

    /** The pcap filter expression for this spec ("" = everything). */
    public String bpf() {
        List<String> parts = new ArrayList<>();
        if (!ports.isEmpty()) {
            parts.add(any(ports.stream()
                    .map(r -> r.from() == r.to() ? "port " + r.from() : "portrange " + r.from() + "-" + r.to())
                    .toList()));
        }
        if (!protocols.isEmpty()) {
            parts.add(any(protocols.stream()
                    .sorted()
                    .map(p -> p.equals("icmp") ? "icmp or icmp6" : p)
                    .toList()));
        }
        if (!src.isEmpty()) {
            parts.add(any(src.stream().map(n -> "src net " + n).toList()));
        }
        if (!dst.isEmpty()) {
            parts.add(any(dst.stream().map(n -> "dst net " + n).toList()));
        }
        if (!rawBpf.isEmpty()) {
            parts.add("(" + rawBpf + ")");
        }
        return String.join(" and ", parts);
    }

    private static String any(List<String> alternatives) {
        return "(" + String.join(" or ", alternatives) + ")";
    }

    static List<PortRange> parsePorts(String s) {
        List<PortRange> out = new ArrayList<>();
        for (String part : items(s)) {
            int dash = part.indexOf('-');
            int from = port(dash < 0 ? part : part.substring(0, dash));
            int to = dash < 0 ? from : port(part.substring(dash + 1));
            if (to < from) {
                throw new IllegalArgumentException("bad port range: " + part);
            }
            out.add(new PortRange(from, to));
        }
        return out;
    }

    private static int port(String s) {
        try {
            int p = Integer.parseInt(s.strip());
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("port out of range 0-65535: " + s);
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port: " + s, e);
        }
    }

    static Set<String> parseProtocols(String s) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : items(s)) {
            String v = p.toLowerCase(Locale.ROOT);
            if (!PROTOCOLS.contains(v)) {
                throw new IllegalArgumentException("unknown protocol " + p + " (tcp, udp or icmp)");
            }
            out.add(v);
        }
        return out;
    }

    static List<Net> parseNets(String s) {
        List<Net> out = new ArrayList<>();
        for (String item : items(s)) {
            int slash = item.indexOf('/');
            IpKey ip = IpKey.tryParse(slash < 0 ? item : item.substring(0, slash));
            if (ip == null) {
                throw new IllegalArgumentException("not an address or network: " + item);
            }
            int max = ip.isV4() ? 32 : 128;
            int bits;
            try {
                bits = slash < 0 ? max : Integer.parseInt(item.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length: " + item, e);
            }
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("prefix length out of range: " + item);
            }
            out.add(new Net(ip.prefix(bits), bits));
        }
        return out;
    }

    private static List<String> items(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String p : s.split(",", -1)) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }
}
