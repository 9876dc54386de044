package dev.nethergaze.cli;

import dev.nethergaze.enrich.EnrichOptions;
import dev.nethergaze.enrich.Outcome;
import dev.nethergaze.enrich.WhoisLookup;
import dev.nethergaze.enrich.geo.GeoDatabase;
import dev.nethergaze.enrich.geo.GeoLookup;
import dev.nethergaze.enrich.rdap.RdapException;
import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.SpecialAddress;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code nethergaze lookup IP...}: geo from the local databases and whois (cache, RDAP, port 43) for given addresses. */
@Command(
        name = "lookup",
        description =
                "Look addresses up once: location and AS from local databases, holder and abuse contact from RDAP/whois.",
        mixinStandardHelpOptions = true)
final class LookupCommand implements Callable<Integer> {

    /** Longest wait a registry may ask for (HTTP 429) before the lookup gives up on that address. */
    private static final Duration MAX_DEFER = Duration.ofSeconds(15);

    @Parameters(arity = "1..*", paramLabel = "IP", description = "IPv4 or IPv6 addresses.")
    List<String> addresses;

    @Mixin
    LookupOptions options = new LookupOptions();

    @Override
    public Integer call() throws InterruptedException, IOException {
        List<IpKey> ips = parse(addresses);
        EnrichOptions enrich = options.enrichOptions();
        List<LookupReport.Row> rows;
        List<String> databases = new ArrayList<>();
        try (GeoLookup geo = enrich.geoip() ? GeoLookup.open(enrich.geo(), 1024, Wiring::problem) : null;
                WhoisLookup whois = whois(enrich)) {
            rows = lookUpAll(ips, geo, whois, enrich);
            if (geo != null) { // after the lookups: one found corrupt on the way was left out, and said so
                LocalDate today = LocalDate.now(ZoneOffset.UTC);
                geo.databases().forEach(db -> databases.add(describe(db, today)));
            }
        }
        // PTR names only when asked for (whois.rdns): a lookup tells the resolver which addresses you look at
        Map<IpKey, String> names = enrich.rdnsActive() ? PtrNames.lookUp(new LinkedHashSet<>(ips), enrich) : null;
        if (options.json) {
            LookupReport.json(rows, names, System.out);
        } else {
            LookupReport.table(rows, enrich.geoip() ? databases : null, names, Output.text());
        }
        return 0;
    }

    /**
     * Each distinct address's row, in the order given; the registries are asked about up to
     * {@code whois.concurrency} addresses at once (each server still paced), so a registry that hangs
     * costs its timeout once per wave, not once per address.
     */
    private static List<LookupReport.Row> lookUpAll(
            List<IpKey> ips, GeoLookup geo, WhoisLookup whois, EnrichOptions enrich) throws InterruptedException {
        Semaphore slots = new Semaphore(enrich.net().concurrency());
        Map<IpKey, Future<LookupReport.Row>> asked = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (IpKey ip : ips) {
                GeoInfo g = geo == null ? null : geo.lookup(ip).orElse(null);
                asked.computeIfAbsent(
                        ip,
                        k -> pool.submit(() -> {
                            slots.acquire();
                            try {
                                return whoisRow(k, g, whois, enrich);
                            } finally {
                                slots.release();
                            }
                        }));
            }
            List<LookupReport.Row> rows = new ArrayList<>();
            for (IpKey ip : ips) {
                try {
                    rows.add(asked.get(ip).get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
            return rows;
        }
    }

    /** "GeoIP2-City 2026-02-04, 10 months old (PATH)": its age said once it is stale. */
    static String describe(GeoDatabase db, LocalDate today) {
        String age = db.isStale(today)
                ? ", " + ChronoUnit.MONTHS.between(db.buildDate(), today)
                        + " months old: it misplaces addresses (nethergaze geo update)"
                : "";
        return db.type() + " " + db.buildDate() + age + " (" + db.path() + ")";
    }

    /**
     * "RDAP 127.0.0.1 answered HTTP 429 (too many requests, Retry-After 3600 s): not asked again before
     * 2026-12-07T08:06:40Z (waited 0 s here)".
     */
    private static String gaveUp(Outcome.Deferred d, long waitedNanos) {
        Instant next = Instant.now().plusNanos(d.nanos()).truncatedTo(ChronoUnit.SECONDS);
        return d.why() + ": not asked again before " + next + " (waited "
                + Duration.ofNanos(waitedNanos).toSeconds() + " s here)";
    }

    static List<IpKey> parse(List<String> addresses) {
        List<IpKey> out = new ArrayList<>();
        for (String a : addresses) {
            IpKey ip = IpKey.tryParse(a.strip());
            if (ip == null) {
                throw new UserException("not an IP address: \"" + a + "\"");
            }
            out.add(ip);
        }
        return out;
    }

    private static WhoisLookup whois(EnrichOptions options) {
        if (!options.whoisActive()) {
            return null;
        }
        try {
            return WhoisLookup.create(options, InstantSource.system());
        } catch (RdapException e) {
            throw new UserException(e.getMessage());
        }
    }

    private static LookupReport.Row whoisRow(IpKey ip, GeoInfo geo, WhoisLookup whois, EnrichOptions options)
            throws InterruptedException {
        Optional<SpecialAddress> special = SpecialAddress.of(ip);
        if (options.whois() && special.isPresent()) { // known without asking anyone, online or not
            return new LookupReport.Row(ip, geo, null, special.get().whoisReason());
        }
        if (whois == null) {
            if (options.offline() && options.whois()) { // what earlier lookups cached needs no network
                return WhoisLookup.cacheOnly(options, InstantSource.system())
                        .apply(ip)
                        .map(o -> o instanceof Outcome.Answer a
                                ? new LookupReport.Row(ip, geo, a.info(), null)
                                : new LookupReport.Row(ip, geo, null, ((Outcome.Failure) o).reason()))
                        .orElseGet(() -> new LookupReport.Row(ip, geo, null, "offline, and not in the whois cache"));
            }
            return new LookupReport.Row(ip, geo, null, "whois lookups off"); // off: --no-whois or the key
        }
        long waited = 0;
        while (true) {
            switch (whois.lookup(ip, true)) { // asked about it now: a remembered failure is asked again
                case Outcome.Answer a -> {
                    return new LookupReport.Row(ip, geo, a.info(), null, a.note());
                }
                case Outcome.Failure f -> {
                    return new LookupReport.Row(ip, geo, null, f.reason());
                }
                case Outcome.Deferred d -> {
                    // our own pacing (one query per server every quarter second) or the registry's
                    // "too many requests": wait, up to MAX_DEFER for one address in all
                    if (waited + d.nanos() > MAX_DEFER.toNanos()) {
                        return new LookupReport.Row(ip, geo, null, gaveUp(d, waited));
                    }
                    waited += d.nanos();
                    Thread.sleep(Duration.ofNanos(d.nanos()));
                }
            }
        }
    }
}
