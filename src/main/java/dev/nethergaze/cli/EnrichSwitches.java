package dev.nethergaze.cli;

import dev.nethergaze.config.Config;
import dev.nethergaze.enrich.EnrichOptions;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The enrichment switches shared by the live commands and {@code lookup}. Each maps to its
 * {@code [geoip]}/{@code [whois]} key, except {@code --offline}, which is a promise for this run
 * only: no client that could open a socket is built.
 */
final class EnrichSwitches {

    @Option(names = "--offline", description = "No outbound connection at all: geo from local files only.")
    boolean offline;

    @Option(names = "--no-whois", description = "No RDAP/whois lookups.")
    boolean noWhois;

    @Option(names = "--no-geoip", description = "No GeoIP/ASN/CSV lookups.")
    boolean noGeoip;

    @Option(names = "--no-rdns", description = "No reverse DNS (PTR) lookups.")
    boolean noRdns;

    @Option(names = "--geoip-city-db", paramLabel = "FILE", description = "City MMDB (GeoLite2/GeoIP2/DB-IP).")
    Path cityDb;

    @Option(names = "--geoip-country-db", paramLabel = "FILE", description = "Country MMDB.")
    Path countryDb;

    @Option(names = "--geoip-asn-db", paramLabel = "FILE", description = "ASN MMDB.")
    Path asnDb;

    @Option(
            names = "--geo-csv",
            paramLabel = "FILE",
            description = "CSV ranges: cidr,country_code,country,city,asn,org (or start,end,...); fields may be"
                    + " quoted (\"Example, Inc.\"); lines that do not parse are skipped and counted.")
    Path geoCsv;

    @Option(
            names = "--rdap-bootstrap",
            paramLabel = "DIR",
            description = "Folder with IANA ipv4.json/ipv6.json/asn.json instead of the bundled copy.")
    Path rdapBootstrap;

    /** Adds the switches that have a configuration key to the command-line layer. */
    void addTo(Map<String, String> cli) {
        if (noWhois) {
            cli.put("whois.enabled", "false");
        }
        if (noGeoip) {
            cli.put("geoip.enabled", "false");
        }
        if (noRdns) {
            cli.put("whois.rdns", "false");
        }
        put(cli, "geoip.city_db", cityDb);
        put(cli, "geoip.country_db", countryDb);
        put(cli, "geoip.asn_db", asnDb);
        put(cli, "geoip.csv", geoCsv);
        put(cli, "whois.rdap_bootstrap", rdapBootstrap);
    }

    private static void put(Map<String, String> cli, String key, Path value) {
        if (value != null) {
            cli.put(key, value.toString());
        }
    }

    /** What enrichment may do in this run, from a configuration that already holds {@link #addTo}. */
    EnrichOptions options(Config c) {
        return EnrichOptions.from(
                c, offline, false, false, false, System.getenv(), Path.of(System.getProperty("user.home")));
    }
}
