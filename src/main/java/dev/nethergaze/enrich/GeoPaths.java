package dev.nethergaze.enrich;

import dev.nethergaze.config.GeoipConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the offline databases are: explicit files (command line or {@code [geoip]}), else the first
 * match in the search folders. {@code dataDir} is where {@code geo update} installs its downloads.
 *
 * @param city explicit City MMDB, or null
 * @param country explicit Country MMDB, or null
 * @param asn explicit ASN MMDB, or null
 * @param csv a CSV range file, or null
 * @param searchDirs folders searched for well-known file names when a path is not given
 * @param dataDir {@code $XDG_DATA_HOME/nethergaze}
 */
public record GeoPaths(Path city, Path country, Path asn, Path csv, List<Path> searchDirs, Path dataDir) {

    static final List<String> CITY_NAMES = List.of(
            "GeoLite2-City.mmdb", "GeoIP2-City.mmdb", "dbip-city-lite.mmdb", "dbip-city.mmdb", "geolite2-city.mmdb");
    static final List<String> COUNTRY_NAMES =
            List.of("GeoLite2-Country.mmdb", "GeoIP2-Country.mmdb", "dbip-country-lite.mmdb", "geolite2-country.mmdb");
    static final List<String> ASN_NAMES =
            List.of("GeoLite2-ASN.mmdb", "GeoIP2-ISP.mmdb", "dbip-asn-lite.mmdb", "geolite2-asn.mmdb");

    public GeoPaths {
        searchDirs = List.copyOf(searchDirs);
    }

    static GeoPaths from(GeoipConfig c, Map<String, String> env, Path home) {
        Path data = EnrichOptions.xdg(env, "XDG_DATA_HOME", home.resolve(".local/share"))
                .resolve("nethergaze");
        return new GeoPaths(
                path(c.cityDb(), home),
                path(c.countryDb(), home),
                path(c.asnDb(), home),
                path(c.csv(), home),
                List.of(Path.of("/usr/share/GeoIP"), Path.of("/var/lib/GeoIP"), data),
                data);
    }

    /** The same paths with command-line files taking precedence (null keeps the current one). */
    public GeoPaths override(Path cityDb, Path countryDb, Path asnDb, Path geoCsv) {
        return new GeoPaths(
                cityDb != null ? cityDb : city,
                countryDb != null ? countryDb : country,
                asnDb != null ? asnDb : asn,
                geoCsv != null ? geoCsv : csv,
                searchDirs,
                dataDir);
    }

    /** Only the given files, no search. */
    public static GeoPaths explicit(Path city, Path country, Path asn, Path csv) {
        return new GeoPaths(city, country, asn, csv, List.of(), Path.of("."));
    }

    /**
     * A database to open and the setting it stands for, named or found: {@code geoip.city_db},
     * {@code geoip.country_db} or {@code geoip.asn_db}, which says what kind it must be.
     */
    public record Mmdb(String key, Path path) {

        /** Whether it must be an ASN database (else a City or Country one). */
        public boolean wantsAsn() {
            return key.equals("geoip.asn_db");
        }
    }

    /** The MMDB files to open with their settings, at most one per kind. */
    public List<Mmdb> mmdbs() {
        List<Mmdb> out = new ArrayList<>();
        pick(city, CITY_NAMES).ifPresent(p -> out.add(new Mmdb("geoip.city_db", p)));
        pick(country, COUNTRY_NAMES).ifPresent(p -> out.add(new Mmdb("geoip.country_db", p)));
        pick(asn, ASN_NAMES).ifPresent(p -> out.add(new Mmdb("geoip.asn_db", p)));
        return out;
    }

    /** The MMDB files to open, explicit ones first, at most one per kind. */
    public List<Path> mmdbFiles() {
        return mmdbs().stream().map(Mmdb::path).toList();
    }

    private Optional<Path> pick(Path explicit, List<String> names) {
        if (explicit != null) {
            return Optional.of(explicit);
        }
        for (Path dir : searchDirs) {
            for (String n : names) {
                Path p = dir.resolve(n);
                if (Files.isRegularFile(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private static Path path(String text, Path home) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.startsWith("~/") ? home.resolve(text.substring(2)) : Path.of(text);
    }
}
