package dev.nethergaze.enrich.geo;

import com.maxmind.db.InvalidNetworkException;
import com.maxmind.db.Networks;
import com.maxmind.db.NetworksIterationException;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.model.CountryResponse;
import dev.nethergaze.enrich.GeoPaths;
import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.IpKey;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One open MMDB file. The layout is taken from the metadata's {@code database_type}: MaxMind and
 * DB-IP name theirs {@code *City*}, {@code *Country*} or {@code *ASN*}; anything else (the flat
 * ip-location-db layouts such as {@code {"country_code": "US"}}) is read as a plain map.
 */
public final class GeoDatabase implements Closeable {

    /** How records in a database are shaped. */
    public enum Layout {
        CITY,
        COUNTRY,
        ASN,
        FLAT
    }

    private final Path path;
    private final Layout layout;
    private final String type;
    private final LocalDate buildDate;
    private final DatabaseReader typed;
    private final Reader flat;

    private GeoDatabase(Path path, Layout layout, String type, LocalDate buildDate, DatabaseReader typed, Reader flat) {
        this.path = path;
        this.layout = layout;
        this.type = type;
        this.buildDate = buildDate;
        this.typed = typed;
        this.flat = flat;
    }

    /**
     * Opens and checks a database.
     *
     * @throws GeoDbException with a one-line message when the file is missing, truncated or corrupt
     */
    public static GeoDatabase open(Path path) {
        if (java.nio.file.Files.isDirectory(path)) {
            throw new GeoDbException(path, "a folder, not an MMDB file", null);
        }
        if (!java.nio.file.Files.exists(path)) {
            throw new GeoDbException(path, "no such file", null);
        }
        try {
            Reader raw = new Reader(path.toFile(), Reader.FileMode.MEMORY_MAPPED);
            String type = raw.getMetadata().databaseType();
            LocalDate date = LocalDate.ofInstant(raw.getMetadata().buildTime(), ZoneOffset.UTC);
            Layout layout = detect(type);
            if (layout == Layout.FLAT) {
                return new GeoDatabase(path, layout, type, date, null, raw);
            }
            raw.close();
            DatabaseReader reader = new DatabaseReader.Builder(path.toFile())
                    .fileMode(Reader.FileMode.MEMORY_MAPPED)
                    .locales(List.of("en"))
                    .build();
            return new GeoDatabase(path, layout, type, date, reader, null);
        } catch (IOException | RuntimeException e) {
            throw GeoDbException.unusable(path, reason(e), e);
        }
    }

    /**
     * Opens {@code m} and checks that it is the kind its setting wants: a City or Country database for
     * {@code geoip.city_db} and {@code geoip.country_db}, an ASN one for {@code geoip.asn_db}. Another
     * product (GeoIP2-Anonymous-IP, Connection-Type, Domain) or the wrong one of the two is refused,
     * since every lookup in it would come back empty (or, as the ASN database in the city's place,
     * without a place): "geoip.city_db /x/GeoIP2-Anonymous-IP.mmdb: is a GeoIP2-Anonymous-IP database,
     * not a City/Country one".
     *
     * @throws GeoDbException with that line, or as {@link #open(Path)}
     */
    public static GeoDatabase open(GeoPaths.Mmdb m) {
        GeoDatabase db = open(m.path());
        String mismatch = mismatch(db.type, db.layout, m.wantsAsn());
        if (mismatch != null) {
            try {
                db.close();
            } catch (IOException ignored) {
                // refused anyway; the line below says why
            }
            throw new GeoDbException(m.key() + " " + m.path(), mismatch, null);
        }
        return db;
    }

    /** Vendors' product names: a flat layout from one of them is another product, not a plain map we read. */
    private static final Pattern VENDOR_TYPE = Pattern.compile("(?i)(GeoIP2|GeoLite2|GeoIP|DBIP)[- _].*");

    /**
     * Why a database of {@code type} cannot serve as the kind wanted, or null when it can. A flat layout
     * of no vendor's (ip-location-db's "country ipvAll", test databases) is taken unless its type names
     * the other kind.
     */
    static String mismatch(String type, Layout layout, boolean wantsAsn) {
        String t = type == null ? "" : type;
        String lower = t.toLowerCase(Locale.ROOT);
        boolean fits = switch (layout) {
            case CITY, COUNTRY -> !wantsAsn;
            case ASN -> wantsAsn;
            case FLAT ->
                !VENDOR_TYPE.matcher(t).matches()
                        && (wantsAsn ? !lower.contains("city") && !lower.contains("country") : !lower.contains("asn"));
        };
        if (fits) {
            return null;
        }
        String what = t.isBlank() ? "a database without a database_type" : "a " + t + " database";
        return "is " + what + ", not " + (wantsAsn ? "an ASN one" : "a City/Country one");
    }

    /** How many networks {@link #verify} walks from the start of the search tree. */
    static final int WALKED_NETWORKS = 256;

    /**
     * Checks more than {@link #open} can: walks the first {@value #WALKED_NETWORKS} networks of the
     * search tree, decoding each record, then looks up an address in each of them and 256 addresses
     * spread over IPv4 (one in each /8) and, in an IPv6 database, as many over IPv6, each through the
     * search tree and the data section as a run's lookups go. Bounded: a few hundred lookups, however
     * large the database; corruption elsewhere in it is found by the run, which then leaves it out.
     *
     * @throws GeoDbException naming the file and what is wrong
     */
    public void verify() {
        List<IpKey> sample = new ArrayList<>();
        boolean v6;
        try (Reader raw = new Reader(path.toFile(), Reader.FileMode.MEMORY_MAPPED)) {
            v6 = raw.getMetadata().ipVersion() == 6;
            Networks<Object> networks = raw.networks(false, Object.class);
            for (int i = 0; i < WALKED_NETWORKS && networks.hasNext(); i++) {
                sample.add(
                        IpKey.ofBytes(networks.next().network().networkAddress().getAddress()));
            }
        } catch (IOException | InvalidNetworkException | RuntimeException e) {
            Throwable why = e instanceof NetworksIterationException && e.getCause() != null ? e.getCause() : e;
            throw new GeoDbException(path, "corrupt search tree or data (" + reason(why) + ")", e);
        }
        sample.addAll(spread(v6));
        for (IpKey ip : sample) {
            lookup(ip); // GeoDbException: "PATH: lookup of IP failed (what)"
        }
    }

    /** The marker before an MMDB file's metadata section. */
    private static final byte[] METADATA_MARKER = {
        (byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'
    };

    /**
     * Checks the metadata and the whole search tree, without decoding a record: a format version of 2,
     * an IP version of 4 or 6, a record size of 24, 28 or 32 bits, the tree ({@code node_count} nodes)
     * and its 16-byte separator inside the file before the metadata, and every record of every node
     * pointing to a node, to "no data" or into the data section. One pass over the tree, a second or
     * so for the largest databases: what {@code geo update} runs on a download before installing it.
     *
     * @throws GeoDbException naming the file and what is wrong
     */
    public void verifyTree() {
        try (Reader raw = new Reader(path.toFile(), Reader.FileMode.MEMORY_MAPPED);
                java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(path)) {
            var meta = raw.getMetadata();
            java.nio.MappedByteBuffer buf = ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, ch.size());
            String wrong = treeProblem(
                    buf, meta.binaryFormatMajorVersion(), meta.ipVersion(), meta.recordSize(), meta.nodeCount());
            if (wrong != null) {
                throw new GeoDbException(path, "corrupt search tree or metadata (" + wrong + ")", null);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof GeoDbException g) {
                throw g;
            }
            throw new GeoDbException(path, "corrupt search tree or metadata (" + reason(e) + ")", e);
        }
    }

    /** What is wrong with the tree in {@code file} as its metadata describes it, or null. */
    static String treeProblem(java.nio.ByteBuffer file, int major, int ipVersion, int recordSize, long nodeCount) {
        if (major != 2) {
            return "binary_format_major_version " + major + ", not 2";
        }
        if (ipVersion != 4 && ipVersion != 6) {
            return "ip_version " + ipVersion;
        }
        if (recordSize != 24 && recordSize != 28 && recordSize != 32) {
            return "record_size " + recordSize;
        }
        long metadataAt = lastIndexOf(file, METADATA_MARKER);
        long treeBytes = nodeCount * recordSize / 4;
        if (nodeCount <= 0 || treeBytes + 16 > metadataAt) {
            return "node_count " + nodeCount + " needs " + (treeBytes + 16) + " bytes of tree, the file has "
                    + Math.max(0, metadataAt) + " before its metadata";
        }
        long dataBytes = metadataAt - treeBytes - 16;
        for (long node = 0; node < nodeCount; node++) {
            for (int side = 0; side < 2; side++) {
                long record = record(file, node, side, recordSize);
                if (record > nodeCount && record - nodeCount - 16 >= dataBytes) {
                    return "node " + node + " points past the data section";
                }
                if (record > nodeCount && record - nodeCount < 16) {
                    return "node " + node + " points into the separator";
                }
            }
        }
        return null;
    }

    private static long record(java.nio.ByteBuffer f, long node, int side, int recordSize) {
        int at = (int) (node * recordSize / 4);
        return switch (recordSize) {
            case 24 -> bytes(f, at + side * 3, 3);
            case 28 ->
                side == 0
                        ? ((long) (f.get(at + 3) & 0xF0) << 20) | bytes(f, at, 3)
                        : ((long) (f.get(at + 3) & 0x0F) << 24) | bytes(f, at + 4, 3);
            default -> bytes(f, at + side * 4, 4);
        };
    }

    private static long bytes(java.nio.ByteBuffer f, int at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (f.get(at + i) & 0xFF);
        }
        return v;
    }

    private static long lastIndexOf(java.nio.ByteBuffer f, byte[] marker) {
        for (int i = f.limit() - marker.length; i >= 0; i--) {
            int k = 0;
            while (k < marker.length && f.get(i + k) == marker[k]) {
                k++;
            }
            if (k == marker.length) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Addresses spread over the whole space: one in each IPv4 /8, and with {@code v6} as many IPv6 ones,
     * half of them anywhere, half in 2000::/3 (where the allocations are).
     */
    static List<IpKey> spread(boolean v6) {
        List<IpKey> out = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            out.add(IpKey.ofBytes(
                    new byte[] {(byte) i, (byte) (i * 37 + 11), (byte) (i * 101 + 3), (byte) (i * 7 + 1)}));
        }
        for (int i = 0; v6 && i < 256; i++) {
            byte[] b = new byte[16];
            b[0] = (byte) (i % 2 == 0 ? i : 0x20 + (i >> 1) % 0x20);
            for (int k = 1; k < b.length; k++) {
                b[k] = (byte) (i * 31 * k + 17 * k);
            }
            out.add(IpKey.ofBytes(b));
        }
        return out;
    }

    static Layout detect(String databaseType) {
        String t = databaseType == null ? "" : databaseType;
        if (t.contains("City") || t.contains("Enterprise")) {
            return Layout.CITY;
        }
        if (t.contains("Country")) {
            return Layout.COUNTRY;
        }
        if (t.contains("ASN") || t.contains("ISP")) {
            return Layout.ASN;
        }
        return Layout.FLAT;
    }

    /**
     * The database's answer for one address, with {@code dbDate} set; empty when it has no record.
     *
     * @throws GeoDbException when the database turns out to be corrupt at this record
     */
    public Optional<GeoInfo> lookup(IpKey ip) {
        try {
            InetAddress addr = InetAddress.getByAddress(ip.toBytes());
            return switch (layout) {
                case CITY -> typed.tryCity(addr).map(this::fromCity);
                case COUNTRY -> typed.tryCountry(addr).map(this::fromCountry);
                case ASN -> typed.tryAsn(addr).map(this::fromAsn);
                case FLAT -> Optional.ofNullable(flatRecord(addr)).map(this::fromMap);
            };
        } catch (IOException | GeoIp2Exception | RuntimeException e) {
            throw new GeoDbException(path, "lookup of " + ip + " failed (" + reason(e) + ")", e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> flatRecord(InetAddress addr) throws IOException {
        Object rec = flat.get(addr, Object.class);
        return rec instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private GeoInfo fromCity(CityResponse r) {
        String sub =
                r.subdivisions().isEmpty() ? null : r.subdivisions().getFirst().isoCode();
        return new GeoInfo(
                r.country().isoCode(),
                r.country().name(),
                r.city().name(),
                sub,
                r.location().latitude(),
                r.location().longitude(),
                null,
                null,
                buildDate);
    }

    private GeoInfo fromCountry(CountryResponse r) {
        return new GeoInfo(r.country().isoCode(), r.country().name(), null, null, null, null, null, null, buildDate);
    }

    private GeoInfo fromAsn(AsnResponse r) {
        return new GeoInfo(
                null,
                null,
                null,
                null,
                null,
                null,
                r.autonomousSystemNumber(),
                r.autonomousSystemOrganization(),
                buildDate);
    }

    private GeoInfo fromMap(Map<String, Object> m) {
        return new GeoInfo(
                text(m, "country_code"),
                text(m, "country_name"),
                text(m, "city"),
                text(m, "state1"),
                number(m, "latitude"),
                number(m, "longitude"),
                m.get("autonomous_system_number") instanceof Number n ? n.longValue() : null,
                text(m, "autonomous_system_organization"),
                buildDate);
    }

    private static String text(Map<String, Object> m, String key) {
        return m.get(key) instanceof String s && !s.isEmpty() ? s : null;
    }

    private static Double number(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : null;
    }

    static String reason(Throwable e) {
        String msg = e.getMessage();
        // a BufferUnderflowException has no message, a ClassCastException one about Java classes ("class
        // java.lang.Integer cannot be cast to class java.lang.String (…module java.base…)"): neither tells
        // a user anything but that the data is not what the format promises
        return msg == null || msg.isBlank() || e instanceof ClassCastException || msg.contains("java.")
                ? "corrupt or truncated data"
                : msg.lines().findFirst().orElse(msg);
    }

    public Path path() {
        return path;
    }

    public Layout layout() {
        return layout;
    }

    /** The metadata's {@code database_type}, e.g. {@code GeoLite2-City}. */
    public String type() {
        return type;
    }

    /** When the database was built (UTC date). */
    public LocalDate buildDate() {
        return buildDate;
    }

    /** Past this age (days) a database misplaces addresses that changed hands: time to update it. */
    public static final int STALE_DAYS = 62;

    /** Whether the database is older than {@link #STALE_DAYS} on {@code today}. */
    public boolean isStale(LocalDate today) {
        return buildDate != null && ChronoUnit.DAYS.between(buildDate, today) > STALE_DAYS;
    }

    @Override
    public void close() throws IOException {
        if (typed != null) {
            typed.close();
        }
        if (flat != null) {
            flat.close();
        }
    }
}
