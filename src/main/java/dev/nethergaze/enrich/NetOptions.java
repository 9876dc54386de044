package dev.nethergaze.enrich;

import dev.nethergaze.config.WhoisConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Caps, timeouts and registries for the online lookups.
 *
 * @param concurrency most lookups in flight at once
 * @param queueCapacity most lookups waiting; beyond it the least active IPs are dropped
 * @param connectTimeout TCP connect timeout
 * @param totalTimeout whole-request timeout (connect, headers and body)
 * @param maxBodyBytes largest reply read; bigger ones are abandoned
 * @param perServerInterval least time between two requests to the same server
 * @param cacheTtl how long answers stay in the disk cache
 * @param negativeTtl how long failures are remembered
 * @param cacheMaxEntries most entries in the disk cache
 * @param rdapBootstrap folder with IANA bootstrap files, or null for the bundled copy
 * @param whoisServers whois server overrides by name ({@code iana}, {@code arin}, ...) → {@code host[:port]}
 */
public record NetOptions(
        int concurrency,
        int queueCapacity,
        Duration connectTimeout,
        Duration totalTimeout,
        long maxBodyBytes,
        Duration perServerInterval,
        Duration cacheTtl,
        Duration negativeTtl,
        int cacheMaxEntries,
        Path rdapBootstrap,
        Map<String, String> whoisServers) {

    public NetOptions {
        if (concurrency < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("concurrency and queue capacity must be positive");
        }
        whoisServers = Map.copyOf(whoisServers);
    }

    /** The defaults: 4 at once, 5 s connect, 10 s total, 24 h cache, 5 min for failures. */
    public static NetOptions defaults() {
        return new NetOptions(
                4,
                1024,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                2L << 20,
                Duration.ofMillis(250),
                Duration.ofHours(24),
                Duration.ofMinutes(5),
                100_000,
                null,
                Map.of());
    }

    static NetOptions from(WhoisConfig w) {
        NetOptions d = defaults();
        return new NetOptions(
                w.concurrency(),
                d.queueCapacity(),
                d.connectTimeout(),
                d.totalTimeout(),
                d.maxBodyBytes(),
                d.perServerInterval(),
                Duration.ofHours(w.cacheTtlHours()),
                d.negativeTtl(),
                w.cacheMaxEntries(),
                w.rdapBootstrap().isBlank() ? null : Path.of(w.rdapBootstrap()),
                parseServers(w.servers()));
    }

    /** Parses {@code name=host[:port],...}; throws with a one-line message on a bad entry. */
    public static Map<String, String> parseServers(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : text.split(",", -1)) {
            String t = item.strip();
            if (t.isEmpty()) {
                continue;
            }
            int eq = t.indexOf('=');
            if (eq <= 0 || eq == t.length() - 1) {
                throw new IllegalArgumentException("whois.servers: expected name=host[:port], got \"" + t + "\"");
            }
            out.put(
                    t.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                    t.substring(eq + 1).strip());
        }
        return out;
    }

    /** A copy with other timeouts, for tests and impatient users. */
    public NetOptions withTimeouts(Duration connect, Duration total) {
        return new NetOptions(
                concurrency,
                queueCapacity,
                connect,
                total,
                maxBodyBytes,
                perServerInterval,
                cacheTtl,
                negativeTtl,
                cacheMaxEntries,
                rdapBootstrap,
                whoisServers);
    }

    /** A copy with other caps and servers. */
    public NetOptions with(
            int newConcurrency, int newQueue, Duration interval, Path bootstrap, Map<String, String> servers) {
        return new NetOptions(
                newConcurrency,
                newQueue,
                connectTimeout,
                totalTimeout,
                maxBodyBytes,
                interval,
                cacheTtl,
                negativeTtl,
                cacheMaxEntries,
                bootstrap,
                servers);
    }
}
