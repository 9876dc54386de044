package dev.nethergaze.enrich.rdap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.model.IpKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The IANA RDAP bootstrap registries (RFC 9224) for IPv4, IPv6 and AS numbers: which RIR's RDAP
 * server answers for an address. Longest-prefix match; HTTPS URLs are preferred. Loaded from a
 * folder ({@code --rdap-bootstrap DIR}) or from the copy bundled in the jar.
 */
public final class Bootstrap {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUNDLED = "/dev/nethergaze/enrich/";

    private record Prefix(IpKey network, int bits, List<URI> urls) {}

    private record AsnRange(long first, long last, List<URI> urls) {}

    private final List<Prefix> prefixes;
    private final List<AsnRange> asns;

    private Bootstrap(List<Prefix> prefixes, List<AsnRange> asns) {
        this.prefixes = List.copyOf(prefixes);
        this.asns = List.copyOf(asns);
    }

    /** The copy bundled in the jar. */
    public static Bootstrap bundled() {
        try (InputStream v4 = resource("ipv4.json");
                InputStream v6 = resource("ipv6.json");
                InputStream asn = resource("asn.json")) {
            return of(v4.readAllBytes(), v6.readAllBytes(), asn.readAllBytes(), "bundled bootstrap");
        } catch (IOException e) {
            throw new RdapException("bundled RDAP bootstrap unreadable: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Bootstrap.class.getResourceAsStream(BUNDLED + name);
        if (in == null) {
            throw new IOException(name + " missing from the jar");
        }
        return in;
    }

    /** {@code ipv4.json}, {@code ipv6.json} and {@code asn.json} from a folder; one-line error if unusable. */
    public static Bootstrap load(Path dir) {
        try {
            return of(
                    Files.readAllBytes(dir.resolve("ipv4.json")),
                    Files.readAllBytes(dir.resolve("ipv6.json")),
                    Files.readAllBytes(dir.resolve("asn.json")),
                    dir.toString());
        } catch (IOException e) {
            throw new RdapException("RDAP bootstrap " + dir + ": cannot read " + e.getMessage(), e);
        }
    }

    static Bootstrap of(byte[] v4, byte[] v6, byte[] asn, String origin) {
        List<Prefix> prefixes = new ArrayList<>();
        List<AsnRange> ranges = new ArrayList<>();
        for (byte[] file : List.of(v4, v6)) {
            for (JsonNode service : services(file, origin)) {
                List<URI> urls = urls(service.path(1), origin);
                for (JsonNode p : service.path(0)) {
                    prefixes.add(prefix(p.asText(), urls, origin));
                }
            }
        }
        for (JsonNode service : services(asn, origin)) {
            List<URI> urls = urls(service.path(1), origin);
            for (JsonNode r : service.path(0)) {
                ranges.add(asnRange(r.asText(), urls, origin));
            }
        }
        return new Bootstrap(prefixes, ranges);
    }

    private static JsonNode services(byte[] file, String origin) {
        try {
            JsonNode s = JSON.readTree(file).path("services");
            if (!s.isArray()) {
                throw new RdapException("RDAP bootstrap " + origin + ": no \"services\" array");
            }
            return s;
        } catch (IOException e) {
            throw new RdapException("RDAP bootstrap " + origin + ": not valid JSON", e);
        }
    }

    private static List<URI> urls(JsonNode list, String origin) {
        List<URI> https = new ArrayList<>();
        List<URI> other = new ArrayList<>();
        for (JsonNode u : list) {
            URI uri;
            try {
                uri = URI.create(u.asText());
            } catch (IllegalArgumentException e) {
                throw new RdapException("RDAP bootstrap " + origin + ": bad URL " + u.asText(), e);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            if (scheme.equals("https")) {
                https.add(uri);
            } else if (scheme.equals("http")) {
                other.add(uri);
            } else {
                throw new RdapException("RDAP bootstrap " + origin + ": bad URL " + u.asText());
            }
        }
        https.addAll(other);
        return List.copyOf(https);
    }

    private static Prefix prefix(String text, List<URI> urls, String origin) {
        int slash = text.indexOf('/');
        IpKey net = slash > 0 ? IpKey.tryParse(text.substring(0, slash)) : null;
        try {
            int bits = Integer.parseInt(text.substring(slash + 1));
            if (net == null || bits < 0 || bits > (net.isV4() ? 32 : 128)) {
                throw new NumberFormatException(text);
            }
            return new Prefix(net.prefix(bits), bits, urls);
        } catch (NumberFormatException e) {
            throw new RdapException("RDAP bootstrap " + origin + ": bad prefix " + text, e);
        }
    }

    private static AsnRange asnRange(String text, List<URI> urls, String origin) {
        try {
            int dash = text.indexOf('-');
            long a = Long.parseLong(dash < 0 ? text : text.substring(0, dash));
            long b = dash < 0 ? a : Long.parseLong(text.substring(dash + 1));
            return new AsnRange(a, b, urls);
        } catch (NumberFormatException e) {
            throw new RdapException("RDAP bootstrap " + origin + ": bad AS range " + text, e);
        }
    }

    /** The RDAP base URLs (HTTPS first) for the most specific registered prefix covering {@code ip}. */
    public Optional<List<URI>> forIp(IpKey ip) {
        Prefix best = null;
        for (Prefix p : prefixes) {
            if (p.network().isV4() == ip.isV4()
                    && ip.prefix(p.bits()).equals(p.network())
                    && (best == null || p.bits() > best.bits())) {
                best = p;
            }
        }
        return Optional.ofNullable(best).map(Prefix::urls);
    }

    /** The RDAP base URLs for an AS number. */
    public Optional<List<URI>> forAsn(long asn) {
        return asns.stream()
                .filter(r -> asn >= r.first() && asn <= r.last())
                .findFirst()
                .map(AsnRange::urls);
    }

    /** The URL to ask about {@code ip} at a base URL. */
    public static URI ipQuery(URI base, IpKey ip) {
        String b = base.toString();
        return URI.create(b + (b.endsWith("/") ? "" : "/") + "ip/" + ip);
    }
}
