package dev.nethergaze.model;

import java.time.Instant;

/**
 * Who holds an address, from RDAP or legacy whois. {@code source} is "rdap", "whois" or "cache".
 * Any field may be null when the registry did not say.
 */
public record WhoisInfo(
        String network,
        String cidr,
        String org,
        String country,
        String abuseEmail,
        String source,
        Instant registered,
        Instant lastChanged) {}
