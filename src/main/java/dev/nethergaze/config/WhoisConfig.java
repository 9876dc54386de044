package dev.nethergaze.config;

/**
 * The {@code [whois]} section: RDAP, legacy whois and reverse DNS.
 *
 * @param enabled whether RDAP/whois lookups run at all
 * @param rdapBootstrap a folder holding IANA {@code ipv4.json}/{@code ipv6.json}/{@code asn.json}, or empty for the bundled copy
 * @param servers comma-separated {@code name=host[:port]} overrides of whois servers (e.g. {@code iana=whois.example:43})
 * @param concurrency most lookups in flight at once
 * @param cacheTtlHours how long answers stay in the disk cache
 * @param cacheMaxEntries most entries in the disk cache
 * @param rdns whether reverse DNS (PTR) lookups run
 */
public record WhoisConfig(
        boolean enabled,
        String rdapBootstrap,
        String servers,
        int concurrency,
        int cacheTtlHours,
        int cacheMaxEntries,
        boolean rdns) {}
