package dev.nethergaze.enrich;

import dev.nethergaze.config.Config;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Everything enrichment needs, frozen: what the configuration and the command-line switches
 * ({@code --offline}, {@code --no-whois}, {@code --no-geoip}, {@code --no-rdns}) decided.
 * {@code offline} wins over everything: no client that could open a socket is even built.
 *
 * @param offline no outbound connection at all (geo from local files only)
 * @param geoip whether local GeoIP/CSV lookups run
 * @param whois whether RDAP/whois lookups run (ignored when offline)
 * @param rdns whether PTR lookups run (ignored when offline)
 * @param geo where the databases are
 * @param net registries, caps and timeouts
 * @param cacheDir the disk cache folder, normally {@code $XDG_CACHE_HOME/nethergaze}
 */
public record EnrichOptions(
        boolean offline, boolean geoip, boolean whois, boolean rdns, GeoPaths geo, NetOptions net, Path cacheDir) {

    public EnrichOptions {
        Objects.requireNonNull(geo, "geo");
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(cacheDir, "cacheDir");
    }

    /** Whether any lookup may touch the network. */
    public boolean online() {
        return !offline && (whois || rdns);
    }

    public boolean whoisActive() {
        return !offline && whois;
    }

    public boolean rdnsActive() {
        return !offline && rdns;
    }

    /**
     * The options from the configuration plus the command-line switches.
     *
     * @param env the environment ({@code XDG_CACHE_HOME}, {@code XDG_DATA_HOME})
     * @param home the user's home directory
     */
    public static EnrichOptions from(
            Config config,
            boolean offline,
            boolean noWhois,
            boolean noGeoip,
            boolean noRdns,
            Map<String, String> env,
            Path home) {
        GeoPaths geo = GeoPaths.from(config.geoip(), env, home);
        NetOptions net = NetOptions.from(config.whois());
        Path cache = xdg(env, "XDG_CACHE_HOME", home.resolve(".cache")).resolve("nethergaze");
        return new EnrichOptions(
                offline,
                config.geoip().enabled() && !noGeoip,
                config.whois().enabled() && !noWhois,
                config.whois().rdns() && !noRdns,
                geo,
                net,
                cache);
    }

    static Path xdg(Map<String, String> env, String name, Path fallback) {
        String v = env.getOrDefault(name, "");
        return !v.isEmpty() && Path.of(v).isAbsolute() ? Path.of(v) : fallback;
    }

    /** Options for tests and {@code lookup}: the given geo paths, everything else default. */
    public static EnrichOptions offlineWith(GeoPaths geo, Path cacheDir) {
        return new EnrichOptions(true, true, false, false, geo, NetOptions.defaults(), cacheDir);
    }

    /** The same options without any network lookup: local databases only (one-shot snapshots). */
    public EnrichOptions localOnly() {
        return new EnrichOptions(offline, geoip, false, false, geo, net, cacheDir);
    }

    /** The same options with timeouts, caps and servers replaced. */
    public EnrichOptions withNet(NetOptions n) {
        return new EnrichOptions(offline, geoip, whois, rdns, geo, n, cacheDir);
    }
}
