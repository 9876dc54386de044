package dev.nethergaze.enrich.geo;

import dev.nethergaze.enrich.GeoPaths;
import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.SpecialAddress;
import java.io.Closeable;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Offline location and AS lookups over every database that opened (City, Country, ASN, flat MMDB,
 * CSV), merged field by field, with a bounded LRU in front. A database that fails to open or turns
 * out corrupt during a lookup is reported once (to {@code problems}) and then left out; the rest
 * carry on. Thread-safe.
 */
public final class GeoLookup implements Closeable {

    private final List<GeoDatabase> databases = new CopyOnWriteArrayList<>();
    private final CsvGeo csv;
    private final Lru<IpKey, Optional<GeoInfo>> cache;
    private final Consumer<String> problems;

    private GeoLookup(List<GeoDatabase> dbs, CsvGeo csv, int cacheSize, Consumer<String> problems) {
        this.databases.addAll(dbs);
        this.csv = csv;
        this.cache = new Lru<>(cacheSize);
        this.problems = problems;
    }

    /**
     * Opens what {@code paths} names or finds.
     *
     * @param problems receives one line per database that cannot be used, and one for a CSV file's
     *     lines that were left out
     */
    public static GeoLookup open(GeoPaths paths, int cacheSize, Consumer<String> problems) {
        List<GeoDatabase> dbs = new ArrayList<>();
        for (GeoPaths.Mmdb m : paths.mmdbs()) {
            try {
                dbs.add(GeoDatabase.open(m));
            } catch (GeoDbException e) {
                problems.accept(e.getMessage());
            }
        }
        CsvGeo csv = null;
        if (paths.csv() != null) {
            try {
                csv = CsvGeo.load(paths.csv());
                csv.skippedWarning().ifPresent(problems);
            } catch (GeoDbException e) {
                problems.accept(e.getMessage());
            }
        }
        return new GeoLookup(dbs, csv, cacheSize, problems);
    }

    /** The databases in use, for {@code lookup} and the status line (type and build date). */
    public List<GeoDatabase> databases() {
        return List.copyOf(databases);
    }

    /** Whether there is anything to look in. */
    public boolean isEmpty() {
        return databases.isEmpty() && csv == null;
    }

    /**
     * The merged answer, or empty when no database knows the address. A NAT64 or 6to4 address is
     * answered for the IPv4 address it carries ({@link SpecialAddress#carried}).
     */
    public Optional<GeoInfo> lookup(IpKey ip) {
        IpKey key = SpecialAddress.lookupKey(ip);
        if (!key.equals(ip)) {
            return lookup(key);
        }
        Optional<GeoInfo> hit = cache.get(ip);
        if (hit != null) {
            return hit;
        }
        GeoInfo merged = null;
        for (GeoDatabase db : List.copyOf(databases)) {
            try {
                Optional<GeoInfo> part = db.lookup(ip);
                if (part.isPresent()) {
                    merged = merge(merged, part.get());
                }
            } catch (GeoDbException e) {
                if (databases.remove(db)) {
                    problems.accept(e.getMessage() + "; no longer used");
                    closeQuietly(db);
                }
            }
        }
        if (csv != null) {
            Optional<GeoInfo> part = csv.lookup(ip);
            if (part.isPresent()) {
                merged = merge(merged, part.get());
            }
        }
        Optional<GeoInfo> answer = Optional.ofNullable(merged);
        cache.put(ip, answer);
        return answer;
    }

    static GeoInfo merge(GeoInfo a, GeoInfo b) {
        if (a == null) {
            return b;
        }
        return new GeoInfo(
                first(a.country(), b.country()),
                first(a.countryName(), b.countryName()),
                first(a.city(), b.city()),
                first(a.subdivision(), b.subdivision()),
                first(a.latitude(), b.latitude()),
                first(a.longitude(), b.longitude()),
                first(a.asn(), b.asn()),
                first(a.asOrg(), b.asOrg()),
                oldest(a.dbDate(), b.dbDate()));
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }

    private static LocalDate oldest(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static void closeQuietly(GeoDatabase db) {
        try {
            db.close();
        } catch (IOException ignored) {
            // already failing; nothing more to say than the one problem line
        }
    }

    @Override
    public void close() throws IOException {
        for (GeoDatabase db : databases) {
            db.close();
        }
        databases.clear();
    }
}
