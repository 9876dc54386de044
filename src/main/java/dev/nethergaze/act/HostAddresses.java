package dev.nethergaze.act;

import dev.nethergaze.model.IpKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * This host's own addresses (every interface, IPv4 and IPv6) and its default gateways, as the
 * kernel has them now: a block must not cut the host off from itself or from its router.
 */
public record HostAddresses(Set<IpKey> own, Set<IpKey> gateways) {

    public static final HostAddresses NONE = new HostAddresses(Set.of(), Set.of());

    public HostAddresses {
        own = Collections.unmodifiableSet(new TreeSet<>(own));
        gateways = Collections.unmodifiableSet(new TreeSet<>(gateways));
    }

    /**
     * The addresses of this network namespace's interfaces (IPv4 from the kernel's interface list,
     * IPv6 from {@code if_inet6} under {@code procNet}, as the JDK itself reads them), and the
     * gateways of its default routes ({@code route}, {@code ipv6_route}).
     */
    public static HostAddresses read(Path procNet) {
        Set<IpKey> own = new TreeSet<>();
        String inet6 = text(procNet.resolve("if_inet6"));
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a.getAddress().length == 4 || inet6.isEmpty()) {
                        own.add(IpKey.ofBytes(a.getAddress()));
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces to read: the guard knows none, as before
        }
        for (String line : inet6.lines().toList()) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 1 && f[0].matches("[0-9a-f]{32}")) {
                own.add(hex16(f[0]));
            }
        }
        List<IpKey> gw = new ArrayList<>();
        gw.addAll(gateways4(text(procNet.resolve("route"))));
        gw.addAll(gateways6(text(procNet.resolve("ipv6_route"))));
        return new HostAddresses(own, new TreeSet<>(gw));
    }

    /** The gateways of the default routes in {@code /proc/net/route} (hex, little-endian). */
    static List<IpKey> gateways4(String route) {
        List<IpKey> out = new ArrayList<>();
        for (String line : route.lines().skip(1).toList()) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 8 && f[1].equals("00000000") && f[7].equals("00000000") && !f[2].equals("00000000")) {
                out.add(IpKey.ofV4(Integer.reverseBytes(Integer.parseUnsignedInt(f[2], 16))));
            }
        }
        return out;
    }

    /** The next hops of the default routes ({@code ::/0}) in {@code /proc/net/ipv6_route}. */
    static List<IpKey> gateways6(String route) {
        List<IpKey> out = new ArrayList<>();
        for (String line : route.lines().toList()) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 5 && f[0].matches("0{32}") && f[1].equals("00") && !f[4].matches("0{32}")) {
                out.add(hex16(f[4]));
            }
        }
        return out;
    }

    /** An IPv6 address as /proc writes it: 32 hex digits. */
    private static IpKey hex16(String hex) {
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return IpKey.ofBytes(b);
    }

    private static String text(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
