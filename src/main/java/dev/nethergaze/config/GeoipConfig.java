package dev.nethergaze.config;

/**
 * The {@code [geoip]} section: offline location and AS databases. An empty path means "search the
 * usual places" ({@code /usr/share/GeoIP}, {@code /var/lib/GeoIP}, {@code $XDG_DATA_HOME/nethergaze}).
 *
 * @param enabled whether GeoIP lookups run at all
 * @param cityDb a City MMDB, or empty
 * @param countryDb a Country MMDB, or empty
 * @param asnDb an ASN MMDB, or empty
 * @param csv a CSV range file (the seed nettop's format), or empty
 * @param updateUrl base URL that {@code geo update} downloads DB-IP Lite files from
 */
public record GeoipConfig(
        boolean enabled, String cityDb, String countryDb, String asnDb, String csv, String updateUrl) {}
