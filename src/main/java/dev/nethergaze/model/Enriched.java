package dev.nethergaze.model;

import java.time.Instant;

/**
 * The answer to an enrichment or history lookup for one IP. A null part means "not part of this
 * answer" (the engine keeps what it had), so geo, whois and history can arrive separately.
 */
public record Enriched(String source, Instant time, IpKey ip, GeoInfo geo, WhoisInfo whois, HistoryInfo history)
        implements SourceEvent {

    public Enriched {
        if (ip == null || time == null) {
            throw new IllegalArgumentException("enrichment needs an ip and a time");
        }
    }
}
