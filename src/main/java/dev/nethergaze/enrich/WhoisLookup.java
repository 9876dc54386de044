package dev.nethergaze.enrich;

import dev.nethergaze.enrich.cache.DiskCache;
import dev.nethergaze.enrich.net.HttpFetcher;
import dev.nethergaze.enrich.net.ServerLimiter;
import dev.nethergaze.enrich.rdap.Bootstrap;
import dev.nethergaze.enrich.rdap.RdapException;
import dev.nethergaze.enrich.rdap.RdapParser;
import dev.nethergaze.enrich.whois.WhoisClient;
import dev.nethergaze.enrich.whois.WhoisParser;
import dev.nethergaze.enrich.whois.WhoisServer;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.SpecialAddress;
import dev.nethergaze.model.WhoisInfo;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Who holds an address: the disk cache, else RDAP at the RIR the IANA bootstrap names, else (RDAP
 * rate limited, failing, unreachable or unusable) legacy whois on port 43 starting at that RIR's
 * whois server (at IANA's when the bootstrap names no RIR) and following {@code refer:} / {@code ReferralServer:} (at most
 * three hops). Answers and failures go into the cache. Thread-safe; one call per IP at a time is
 * the caller's job.
 */
public final class WhoisLookup implements AutoCloseable {

    private static final int MAX_HOPS = 3;
    private static final List<String> RIRS = List.of("arin", "ripe", "apnic", "lacnic", "afrinic");

    private final Bootstrap bootstrap;
    private final HttpFetcher http;
    private final WhoisClient whois;
    private final ServerLimiter limiter;
    private final DiskCache cache;
    private final NetOptions net;
    private final Function<URI, String> rirOf;
    /** What each RDAP server last said when it answered HTTP 429, for the lookups during its wait (one per server). */
    private final Map<String, String> tooMany = new ConcurrentHashMap<>();

    public WhoisLookup(NetOptions net, Bootstrap bootstrap, DiskCache cache) {
        this(net, bootstrap, cache, WhoisLookup::rirOf);
    }

    /** @param rirOf the RIR ({@code ripe}) an RDAP base URL belongs to, or null: where port 43 starts */
    WhoisLookup(NetOptions net, Bootstrap bootstrap, DiskCache cache, Function<URI, String> rirOf) {
        this.rirOf = rirOf;
        this.net = net;
        this.bootstrap = bootstrap;
        this.cache = cache;
        this.http = new HttpFetcher(net.connectTimeout(), net.totalTimeout(), net.maxBodyBytes());
        this.whois = new WhoisClient(net.connectTimeout(), net.totalTimeout(), net.maxBodyBytes());
        // the others wait for a probe after a 429 at most as long as its request may take
        this.limiter = new ServerLimiter(
                net.perServerInterval(), net.connectTimeout().plus(net.totalTimeout()), System::nanoTime);
    }

    /** Builds the lookup for {@code options}: bootstrap from the folder or the bundled copy, cache in {@code cacheDir}. */
    public static WhoisLookup create(EnrichOptions options, InstantSource clock) {
        return create(options, clock, WhoisLookup::rirOf);
    }

    static WhoisLookup create(EnrichOptions options, InstantSource clock, Function<URI, String> rirOf) {
        NetOptions net = options.net();
        Bootstrap b = net.rdapBootstrap() != null ? Bootstrap.load(net.rdapBootstrap()) : Bootstrap.bundled();
        DiskCache cache =
                new DiskCache(options.cacheDir(), net.cacheTtl(), net.negativeTtl(), net.cacheMaxEntries(), clock);
        return new WhoisLookup(net, b, cache, rirOf);
    }

    /**
     * The RIR whose RDAP server {@code rdapBase} is ({@code https://rdap.db.ripe.net/} → {@code ripe}), or
     * null for any other server.
     */
    static String rirOf(URI rdapBase) {
        String h = rdapBase.getHost() == null ? "" : rdapBase.getHost().toLowerCase(Locale.ROOT);
        for (String rir : RIRS) {
            if (h.equals(rir + ".net") || h.endsWith("." + rir + ".net")) {
                return rir;
            }
        }
        return null;
    }

    /**
     * The disk cache's answers for a run that may not connect at all ({@code --offline}): no client
     * that could open a socket is built.
     */
    public static java.util.function.Function<IpKey, Optional<Outcome>> cacheOnly(
            EnrichOptions options, InstantSource clock) {
        NetOptions net = options.net();
        DiskCache cache =
                new DiskCache(options.cacheDir(), net.cacheTtl(), net.negativeTtl(), net.cacheMaxEntries(), clock);
        return ip -> fromCache(cache, ip);
    }

    private static Optional<Outcome> fromCache(DiskCache cache, IpKey ip) {
        return cache.get(SpecialAddress.lookupKey(ip)).map(e -> switch (e) {
            case DiskCache.Hit h -> new Outcome.Answer(h.info());
            case DiskCache.Failed f -> new Outcome.Failure(f.reason() + remembered(f.expires()));
        });
    }

    /**
     * Said of a failure the cache answers, so that it is not taken for the registry's answer now:
     * "RDAP rdap.db.ripe.net answered HTTP 503; … (remembered; not asked again before
     * 2026-12-07T07:05:12Z)".
     */
    private static String remembered(Instant expires) {
        return " (remembered; not asked again before " + expires.truncatedTo(ChronoUnit.SECONDS) + ")";
    }

    /** The cached answer only, without any network: what reaches the screen at once. */
    public Optional<Outcome> cached(IpKey ip) {
        return fromCache(cache, ip);
    }

    /**
     * Looks {@code ip} up (cache first). Never throws for network trouble. An address no registry
     * holds ({@link SpecialAddress}) fails at once: no query, no cache entry, no place in the pacing.
     * A NAT64 or 6to4 address is the IPv4 address it carries: that one is asked about (and cached).
     * A failure the cache remembers is the answer (said to be remembered) until it expires.
     */
    public Outcome lookup(IpKey ip) throws InterruptedException {
        return lookup(ip, false);
    }

    /**
     * As {@link #lookup(IpKey)}; with {@code askAgainAfterFailure} a failure the cache remembers is not
     * the answer: the registries are asked again (what a user who asks about one address, as
     * {@code lookup} does, wants: the registry may be back), while a cached answer still is.
     */
    public Outcome lookup(IpKey ip, boolean askAgainAfterFailure) throws InterruptedException {
        Optional<SpecialAddress> special = SpecialAddress.of(ip);
        if (special.isPresent()) {
            return new Outcome.Failure(special.get().whoisReason());
        }
        IpKey carried = SpecialAddress.lookupKey(ip);
        if (!carried.equals(ip)) {
            return lookup(carried, askAgainAfterFailure);
        }
        Optional<Outcome> hit = cached(ip);
        if (hit.isPresent() && !(askAgainAfterFailure && hit.get() instanceof Outcome.Failure)) {
            return hit.get();
        }
        Outcome out = switch (rdap(ip)) {
            case Rdap.Answered a -> a.answer();
            case Rdap.Paced p -> p.deferred();
            case Rdap.Unavailable u -> portFortyThree(ip, u);
        };
        switch (out) {
            case Outcome.Answer a -> cache.putAnswer(ip, a.info());
            case Outcome.Failure f -> cache.putFailure(ip, f.reason());
            case Outcome.Deferred d -> {}
        }
        return out;
    }

    /**
     * What RDAP gives for one lookup: an answer, our own pacing's wait, or why it cannot answer now
     * (rate limited, a server error, unreachable, an unusable reply), when port-43 whois is asked.
     */
    private sealed interface Rdap {

        record Answered(Outcome.Answer answer) implements Rdap {}

        record Paced(Outcome.Deferred deferred) implements Rdap {}

        /** @param retryNanos when RDAP may be asked again, if it said "too many requests"; else 0 */
        record Unavailable(String why, long retryNanos) implements Rdap {}
    }

    /**
     * RDAP could not answer: port-43 whois answers for this lookup instead, and says so. When RDAP
     * asked us to wait (HTTP 429) and whois fails too, the lookup is deferred until RDAP's wait is
     * over, with both reasons; the 429's wait is kept for the later RDAP queries to that server.
     */
    private Outcome portFortyThree(IpKey ip, Rdap.Unavailable rdap) throws InterruptedException {
        Outcome legacy = legacyWhois(ip);
        return switch (legacy) {
            case Outcome.Answer a -> new Outcome.Answer(a.info(), "port-43 whois answered: " + rdap.why());
            case Outcome.Failure f ->
                rdap.retryNanos() > 0
                        ? new Outcome.Deferred(rdap.retryNanos(), rdap.why() + "; " + f.reason())
                        : new Outcome.Failure(rdap.why() + "; " + f.reason());
            case Outcome.Deferred d ->
                rdap.retryNanos() > 0
                        ? new Outcome.Deferred(Math.min(d.nanos(), rdap.retryNanos()), rdap.why() + "; " + d.why())
                        : d;
        };
    }

    private Rdap rdap(IpKey ip) throws InterruptedException {
        Optional<List<URI>> bases = bootstrap.forIp(ip);
        if (bases.isEmpty()) {
            return new Rdap.Unavailable("no RDAP server for " + ip, 0);
        }
        URI url = Bootstrap.ipQuery(bases.get().getFirst(), ip);
        String host = url.getHost() + ":" + url.getPort();
        Optional<DiskCache.Hold> held = cache.hold(host); // an earlier run's 429 whose wait is not over
        if (held.isPresent() && !limiter.backingOff(host)) {
            return new Rdap.Unavailable(
                    held.get().why() + " earlier: not asked again before its wait is over",
                    held.get().left().toNanos());
        }
        long wait = limiter.reserve(host);
        if (wait > 0) {
            return limiter.backingOff(host)
                    ? new Rdap.Unavailable(
                            tooMany.getOrDefault(host, "RDAP " + url.getHost() + " answered HTTP 429")
                                    + " earlier: not asked again before its wait is over",
                            wait)
                    : new Rdap.Paced(
                            new Outcome.Deferred(wait, "RDAP " + url.getHost() + ": our pacing of the queries to it"));
        }
        long sent = limiter.now();
        boolean settled = false; // told the limiter how it went: 429 or an answer
        try {
            HttpFetcher.Reply r = http.get(url, "application/rdap+json, application/json");
            if (r.status() == 429) {
                settled = true;
                String why = "RDAP " + url.getHost() + " answered HTTP 429 (too many requests"
                        + (r.retryAfter() == null
                                ? ""
                                : ", Retry-After " + r.retryAfter().toSeconds() + " s")
                        + ")";
                tooMany.put(host, why);
                long backoff = limiter.backoff(host, r.retryAfter(), sent);
                cache.putHold(host, why, Duration.ofNanos(backoff)); // the next run waits too
                return new Rdap.Unavailable(why, backoff);
            }
            if (r.status() / 100 == 3) { // what the client did not follow: a loop, a 6th redirect, https to http
                return new Rdap.Unavailable(
                        "RDAP " + url.getHost() + " answered HTTP " + r.status()
                                + ", a redirect not followed (a loop, more than five, or from https to http)",
                        0);
            }
            if (r.status() != 200) {
                return new Rdap.Unavailable("RDAP " + url.getHost() + " answered HTTP " + r.status(), 0);
            }
            limiter.succeeded(host, sent);
            settled = true;
            return new Rdap.Answered(new Outcome.Answer(RdapParser.parse(r.body())));
        } catch (IOException e) {
            return new Rdap.Unavailable("RDAP " + e.getMessage(), 0); // "HOST: what went wrong"
        } catch (RdapException e) { // "RDAP reply is not JSON": which server sent it
            return new Rdap.Unavailable(
                    "RDAP " + url.getHost() + ": " + e.getMessage().replaceFirst("^RDAP ", ""), 0);
        } finally {
            if (!settled) { // a probe after a 429 that timed out or failed: the next request probes
                limiter.released(host, sent);
            }
        }
    }

    /**
     * Port-43 whois, starting at the whois server of the registry the RDAP bootstrap names for
     * {@code ip} (its override if configured), else at IANA's to learn it.
     */
    private Outcome legacyWhois(IpKey ip) throws InterruptedException {
        String rir =
                bootstrap.forIp(ip).map(urls -> rirOf.apply(urls.getFirst())).orElse(null);
        WhoisServer server = rir != null ? server(rir, "whois." + rir + ".net") : server("iana", "whois.iana.org");
        WhoisInfo best = null;
        WhoisServer asked = server; // the last one asked, named when none knew the address
        for (int hop = 0; hop < MAX_HOPS && server != null; hop++) {
            String key = "whois:" + server;
            long wait = limiter.reserve(key);
            // our own pacing (a quarter second) is waited here: deferring would ask RDAP again on the retry
            // (two lookups at once against an RDAP server that hung: each asked twice, 24 s instead of 10)
            while (wait > 0 && wait <= net.perServerInterval().toNanos()) {
                Thread.sleep(Duration.ofNanos(wait));
                wait = limiter.reserve(key);
            }
            if (wait > 0) {
                return best != null
                        ? new Outcome.Answer(best)
                        : new Outcome.Deferred(wait, "whois " + server + ": our pacing of the queries to it");
            }
            WhoisParser.Reply reply;
            asked = server;
            long sent = limiter.now();
            try {
                reply = WhoisParser.parse(whois.query(server, query(server, ip)));
            } catch (IOException e) {
                limiter.released(key, sent);
                return best != null ? new Outcome.Answer(best) : new Outcome.Failure("whois " + e.getMessage());
            }
            if (reply.rateLimited()) {
                return new Outcome.Deferred(
                        limiter.backoff(key, null, sent), "whois " + server + " says we query too often");
            }
            limiter.succeeded(key, sent);
            if (WhoisParser.hasNetwork(reply.info())) {
                best = reply.info();
            }
            WhoisServer next = reply.referral();
            server = next == null || next.equals(server) ? null : override(next);
        }
        return best != null
                ? new Outcome.Answer(best)
                : new Outcome.Failure("whois " + asked + ": no network found for " + ip);
    }

    private WhoisServer server(String name, String fallback) {
        return WhoisServer.parse(net.whoisServers().getOrDefault(name, fallback));
    }

    /** A referral to a well-known RIR server goes to its override when one is configured. */
    private WhoisServer override(WhoisServer referral) {
        String h = referral.host().toLowerCase(Locale.ROOT);
        for (String rir : RIRS) {
            if (h.equals("whois." + rir + ".net") && net.whoisServers().containsKey(rir)) {
                return WhoisServer.parse(net.whoisServers().get(rir));
            }
        }
        return referral;
    }

    private static String query(WhoisServer server, IpKey ip) {
        return server.host().equalsIgnoreCase("whois.arin.net") ? "n + " + ip : ip.toString();
    }

    @Override
    public void close() {
        http.close();
    }
}
