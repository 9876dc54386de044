package dev.nethergaze.cli;

import dev.nethergaze.enrich.EnrichOptions;
import dev.nethergaze.enrich.rdns.ReverseDns;
import dev.nethergaze.model.IpKey;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/** The PTR names a one-shot command shows when reverse DNS is on ({@code whois.rdns}, not {@code --offline}). */
final class PtrNames {

    /** How long the names of all addresses are waited for, together. */
    static final Duration WAIT = Duration.ofSeconds(2);

    private PtrNames() {}

    /**
     * The PTR names of {@code ips}, all looked up at once within {@link #WAIT}; those with none, or late,
     * are left out; empty when reverse DNS is off.
     */
    static Map<IpKey, String> lookUp(Collection<IpKey> ips, EnrichOptions enrich) {
        if (!enrich.rdnsActive() || ips.isEmpty()) {
            return Map.of();
        }
        try (ReverseDns dns = new ReverseDns(WAIT)) {
            return dns.lookupAll(ips);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }
}
