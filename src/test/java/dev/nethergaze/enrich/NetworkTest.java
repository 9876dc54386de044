package dev.nethergaze.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.nethergaze.TestData;
import dev.nethergaze.model.Enriched;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fake RDAP (JDK HttpServer) and port-43 servers on loopback: hang, garbage, 429, 50 MB, flood, offline. */
class NetworkTest {

    @TempDir
    Path tmp;

    private HttpServer http;
    private final AtomicInteger httpHits = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private volatile String mode = "ok";
    private final List<String> paths = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (http != null) {
            http.stop(0);
        }
    }

    private int startRdap() throws IOException {
        byte[] ok = Files.readAllBytes(TestData.path("rdap/ipwhois/ip_62.239.237.1.json"));
        http = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/", ex -> {
            httpHits.incrementAndGet();
            paths.add(ex.getRequestURI().getPath());
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try (ex) {
                switch (mode) {
                    case "hang" -> sleep(30_000);
                    case "slow" -> {
                        sleep(20);
                        send(ex, 200, ok);
                    }
                    case "garbage" -> send(ex, 200, "<html>oops".getBytes(StandardCharsets.UTF_8));
                    case "503" -> send(ex, 503, "busy".getBytes(StandardCharsets.UTF_8));
                    case "redirect-loop" -> {
                        ex.getResponseHeaders()
                                .add("Location", ex.getRequestURI().toString());
                        send(ex, 302, new byte[0]);
                    }
                    case "429" -> {
                        ex.getResponseHeaders().add("Retry-After", "3600");
                        send(ex, 429, new byte[0]);
                    }
                    case "429-bare" -> send(ex, 429, new byte[0]);
                    case "throttled" -> {
                        sleep(300);
                        send(ex, 429, new byte[0]);
                    }
                    case "huge" -> {
                        ex.sendResponseHeaders(200, 50L << 20);
                        byte[] chunk = new byte[1 << 16];
                        try (OutputStream o = ex.getResponseBody()) {
                            for (int i = 0; i < 800; i++) {
                                o.write(chunk);
                            }
                        } catch (IOException closedByClient) {
                            // expected: the client gives up at its cap
                        }
                    }
                    default -> send(ex, 200, ok);
                }
            } finally {
                concurrent.decrementAndGet();
            }
        });
        http.start();
        return http.getAddress().getPort();
    }

    private static void send(com.sun.net.httpserver.HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A port-43 server that answers every query with {@code reply} (or hangs when null). */
    private static ServerSocket whoisServer(String reply, AtomicInteger hits) throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket s = ss.accept();
                    hits.incrementAndGet();
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            s.getInputStream().read(new byte[256]);
                            if (reply == null) {
                                sleep(30_000);
                            } else {
                                s.getOutputStream().write(reply.getBytes(StandardCharsets.UTF_8));
                            }
                        } catch (IOException ignored) {
                            // client went away
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return ss;
    }

    /** RIPE's port-43 server, with the reply recorded for 62.239.237.1, and an IANA one referring to it. */
    private record Port43(ServerSocket ripe, ServerSocket iana, AtomicInteger ripeHits, AtomicInteger ianaHits)
            implements AutoCloseable {

        static Port43 ripeBehindIana() throws IOException {
            AtomicInteger ripeHits = new AtomicInteger();
            AtomicInteger ianaHits = new AtomicInteger();
            ServerSocket ripe =
                    whoisServer(Files.readString(TestData.path("whois/ipwhois/whois_62.239.237.1.txt")), ripeHits);
            ServerSocket iana = whoisServer("refer:        127.0.0.1:" + ripe.getLocalPort() + "\n", ianaHits);
            return new Port43(ripe, iana, ripeHits, ianaHits);
        }

        @Override
        public void close() throws IOException {
            try (ripe;
                    iana) {
                // both closed
            }
        }
    }

    private Path bootstrapTo(int port) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bootstrap"));
        String url = "http://127.0.0.1:" + port + "/rdap/";
        Files.writeString(dir.resolve("ipv4.json"), "{\"services\":[[[\"0.0.0.0/0\"],[\"" + url + "\"]]]}");
        Files.writeString(dir.resolve("ipv6.json"), "{\"services\":[[[\"::/0\"],[\"" + url + "\"]]]}");
        Files.writeString(dir.resolve("asn.json"), "{\"services\":[]}");
        return dir;
    }

    private EnrichOptions options(int rdapPort, int whoisPort, int concurrency, Duration total) throws IOException {
        NetOptions net = NetOptions.defaults()
                .withTimeouts(Duration.ofSeconds(1), total)
                .with(
                        concurrency,
                        1024,
                        Duration.ZERO,
                        bootstrapTo(rdapPort),
                        Map.of("iana", "127.0.0.1:" + whoisPort));
        GeoPaths geo = GeoPaths.explicit(TestData.path("mmdb/maxmind-test/GeoLite2-City-Test.mmdb"), null, null, null);
        return new EnrichOptions(false, true, true, false, geo, net, tmp.resolve("cache"));
    }

    private WhoisLookup lookup(EnrichOptions o) {
        return WhoisLookup.create(o, InstantSource.system());
    }

    @Test
    void rdapAnswersAndTheCacheAnswersNextTime() throws Exception {
        int port = startRdap();
        try (WhoisLookup w = lookup(options(port, 1, 4, Duration.ofSeconds(5)))) {
            Outcome first = w.lookup(IpKey.parse("62.239.237.1"));
            assertThat(first).isInstanceOf(Outcome.Answer.class);
            assertThat(((Outcome.Answer) first).info().source()).isEqualTo("rdap");
            Outcome second = w.lookup(IpKey.parse("62.239.237.1"));
            assertThat(((Outcome.Answer) second).info().source()).isEqualTo("cache");
            assertThat(((Outcome.Answer) second).info().abuseEmail()).isEqualTo("zzdnsr@bt.com");
            assertThat(httpHits).hasValue(1);
        }
    }

    /**
     * A NAT64 (64:ff9b::/96, and the local-use 64:ff9b:1::/96) or 6to4 (2002::/16) address carrying a
     * public IPv4 address is looked up as that address: RDAP is asked about 62.239.237.1 once (then the
     * cache answers), never about the IPv6 address. Before: RDAP was asked about 64:ff9b::3eef:ed01,
     * whose registry (IANA) holds only the special-purpose block.
     */
    @Test
    void aNat64Or6to4AddressIsLookedUpAsTheIpv4AddressItCarries() throws Exception {
        int port = startRdap();
        try (WhoisLookup w = lookup(options(port, 1, 4, Duration.ofSeconds(5)))) {
            for (String ip : List.of("64:ff9b::3eef:ed01", "2002:3eef:ed01::1", "64:ff9b:1::3eef:ed01")) {
                Outcome out = w.lookup(IpKey.parse(ip));
                assertThat(out).as(ip).isInstanceOf(Outcome.Answer.class);
                assertThat(((Outcome.Answer) out).info().network()).as(ip).isEqualTo("BT-CORPORATE");
            }
            assertThat(paths).containsExactly("/rdap/ip/62.239.237.1");
            assertThat(w.cached(IpKey.parse("64:ff9b::3eef:ed01"))).isPresent();
            // a reserved address inside one is still not asked about
            assertThat(w.lookup(IpKey.parse("64:ff9b::a00:1"))).isInstanceOf(Outcome.Failure.class);
            assertThat(paths).hasSize(1);
        }
    }

    @Test
    void garbageRdapFallsBackToWhoisWithReferral() throws Exception {
        int port = startRdap();
        mode = "garbage";
        try (Port43 p43 = Port43.ripeBehindIana()) {
            try (WhoisLookup w = lookup(options(port, p43.iana().getLocalPort(), 4, Duration.ofSeconds(5)))) {
                Outcome out = w.lookup(IpKey.parse("62.239.237.1"));
                assertThat(out).isInstanceOf(Outcome.Answer.class);
                assertThat(((Outcome.Answer) out).info().source()).isEqualTo("whois");
                assertThat(((Outcome.Answer) out).info().abuseEmail()).isEqualTo("protect@bt.com");
                assertThat(p43.ianaHits()).hasValue(1);
                assertThat(p43.ripeHits()).hasValue(1);
            }
        }
    }

    /**
     * RDAP failing for an address whose registry the bootstrap names: port 43 asks that registry's whois
     * server (or its override) at once. Before: every fallback asked whois.iana.org first, one more round
     * trip (and one more server's rate limit) per lookup to learn what the bootstrap already said.
     */
    @Test
    void port43StartsAtTheRegistryTheBootstrapNames() throws Exception {
        int port = startRdap();
        mode = "503";
        try (Port43 p43 = Port43.ripeBehindIana()) {
            EnrichOptions o = options(port, p43.iana().getLocalPort(), 4, Duration.ofSeconds(5));
            Map<String, String> servers = Map.of(
                    "iana",
                    "127.0.0.1:" + p43.iana().getLocalPort(),
                    "ripe",
                    "127.0.0.1:" + p43.ripe().getLocalPort());
            EnrichOptions withRipe =
                    o.withNet(o.net().with(4, 1024, Duration.ZERO, o.net().rdapBootstrap(), servers));
            // the loopback RDAP server stands for rdap.db.ripe.net
            try (WhoisLookup w = WhoisLookup.create(withRipe, InstantSource.system(), u -> "ripe")) {
                Outcome.Answer out = (Outcome.Answer) w.lookup(IpKey.parse("62.239.237.1"));
                assertThat(out.info().network()).isEqualTo("BT-CORPORATE");
                assertThat(out.info().source()).isEqualTo("whois");
            }
            assertThat(p43.ripeHits()).hasValue(1);
            assertThat(p43.ianaHits()).hasValue(0);
        }
    }

    /** The RIR of each RDAP server the IANA bootstrap names, and none for another server. */
    @Test
    void theRegistryOfAnRdapServer() throws Exception {
        var b = dev.nethergaze.enrich.rdap.Bootstrap.load(TestData.path("rdap/bootstrap-openrdap"));
        Map<String, String> expected = Map.of(
                "200.57.141.161", "lacnic",
                "196.11.240.215", "afrinic",
                "8.8.8.8", "arin",
                "2a00:2381:ffff::1", "ripe",
                "210.107.73.73", "apnic");
        expected.forEach((ip, rir) -> assertThat(
                        WhoisLookup.rirOf(b.forIp(IpKey.parse(ip)).orElseThrow().getFirst()))
                .as(ip)
                .isEqualTo(rir));
        assertThat(WhoisLookup.rirOf(java.net.URI.create("http://127.0.0.1:8080/rdap/")))
                .isNull();
        assertThat(WhoisLookup.rirOf(java.net.URI.create("https://rdap.notripe.net/")))
                .isNull();
    }

    @Test
    void hangingServersTimeOutAndTheFailureIsCached() throws Exception {
        int port = startRdap();
        mode = "hang";
        AtomicInteger hits = new AtomicInteger();
        try (ServerSocket hang = whoisServer(null, hits);
                WhoisLookup w = lookup(options(port, hang.getLocalPort(), 4, Duration.ofMillis(400)))) {
            long t0 = System.nanoTime();
            Outcome out = w.lookup(IpKey.parse("62.239.237.1"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(out).isInstanceOf(Outcome.Failure.class);
            assertThat(((Outcome.Failure) out).reason())
                    .contains("no complete reply within 0.4 s")
                    .doesNotContain("\n");
            assertThat(ms).isLessThan(3_000);
            assertThat(w.lookup(IpKey.parse("62.239.237.1"))).isInstanceOf(Outcome.Failure.class);
            assertThat(httpHits).hasValue(1); // negative cache: no second request
        }
    }

    /**
     * A registry's 5xx (and no port-43 server) is remembered for five minutes, and said to be
     * remembered; asked again after a failure, as {@code lookup} does, the registry answers, and a
     * cached answer is not asked again. Before: the next lookups answered the same words as the
     * registry's answer of now, "RDAP 127.0.0.1 answered HTTP 503; whois Connection refused", for
     * five minutes after it was back, and the whois server was not named.
     */
    @Test
    void aRememberedFailureSaysSoAndIsAskedAgainOnRequest() throws Exception {
        int port = startRdap();
        mode = "503";
        try (WhoisLookup w = lookup(options(port, 1, 4, Duration.ofSeconds(5)))) {
            IpKey ip = IpKey.parse("62.239.237.1");
            String now = ((Outcome.Failure) w.lookup(ip)).reason();
            assertThat(now).isEqualTo("RDAP 127.0.0.1 answered HTTP 503; whois 127.0.0.1:1: Connection refused");
            mode = "ok";
            Outcome again = w.lookup(ip);
            assertThat(again).isInstanceOf(Outcome.Failure.class);
            assertThat(((Outcome.Failure) again).reason())
                    .startsWith(now + " (remembered; not asked again before ")
                    .doesNotContain("\n");
            assertThat(httpHits).hasValue(1);
            Outcome asked = w.lookup(ip, true);
            assertThat(asked).isInstanceOf(Outcome.Answer.class);
            assertThat(((Outcome.Answer) asked).info().network()).isEqualTo("BT-CORPORATE");
            assertThat(httpHits).hasValue(2);
            assertThat(w.lookup(ip, true)).isInstanceOf(Outcome.Answer.class); // from the cache now
            assertThat(httpHits).hasValue(2);
        }
    }

    /**
     * A reply that cannot be used names the server that sent it, once. Before: "RDAP RDAP reply is not
     * JSON; whois Connection refused", and a redirect loop only "RDAP 127.0.0.1 answered HTTP 302".
     */
    @Test
    void anUnusableReplyNamesItsServer() throws Exception {
        int port = startRdap();
        try (WhoisLookup w = lookup(options(port, 1, 4, Duration.ofSeconds(5)))) {
            mode = "garbage";
            assertThat(((Outcome.Failure) w.lookup(IpKey.parse("62.239.237.1"))).reason())
                    .isEqualTo("RDAP 127.0.0.1: reply is not JSON; whois 127.0.0.1:1: Connection refused");
            mode = "redirect-loop";
            assertThat(((Outcome.Failure) w.lookup(IpKey.parse("62.239.237.2"))).reason())
                    .isEqualTo("RDAP 127.0.0.1 answered HTTP 302, a redirect not followed (a loop, more than five,"
                            + " or from https to http); whois 127.0.0.1:1: Connection refused");
        }
    }

    /**
     * A cache entry of another shape (another version's, or damaged) that names nothing is a miss: the
     * registry is asked. Before: an entry {"ok": true, "whois": "x"} was served for a day as an answer
     * with every field empty (the table's row all "-", SRC "cache").
     */
    @Test
    void aCacheEntryThatNamesNothingIsAMiss() throws Exception {
        int port = startRdap();
        EnrichOptions o = options(port, 1, 4, Duration.ofSeconds(5));
        IpKey ip = IpKey.parse("62.239.237.1");
        try (WhoisLookup w = lookup(o)) {
            assertThat(w.lookup(ip)).isInstanceOf(Outcome.Answer.class);
        }
        try (var entries = Files.list(o.cacheDir().resolve("whois"))) {
            for (Path f : entries.toList()) {
                Files.writeString(f, "{\"expires\": 99999999999999, \"ok\": true, \"whois\": \"x\"}");
            }
        }
        try (WhoisLookup w = lookup(o)) {
            Outcome again = w.lookup(ip);
            assertThat(again).isInstanceOf(Outcome.Answer.class);
            assertThat(((Outcome.Answer) again).info().network()).isEqualTo("BT-CORPORATE");
            assertThat(((Outcome.Answer) again).info().source()).isEqualTo("rdap");
        }
        assertThat(httpHits).hasValue(2);
    }

    /**
     * RDAP rate limited (HTTP 429, Retry-After 3600): port-43 whois (IANA, then the registry it refers
     * to) answers that lookup and the next, and says why it did; RDAP is not asked again during its
     * wait. Before: the lookup was deferred for the hour and port 43 never asked.
     */
    @Test
    void tooManyRequestsIsAnsweredByPort43AndRdapWaitsItsRetryAfter() throws Exception {
        int port = startRdap();
        mode = "429";
        try (Port43 p43 = Port43.ripeBehindIana();
                WhoisLookup w = lookup(options(port, p43.iana().getLocalPort(), 4, Duration.ofSeconds(5)))) {
            Outcome.Answer first = (Outcome.Answer) w.lookup(IpKey.parse("62.239.237.1"));
            assertThat(first.info().source()).isEqualTo("whois");
            assertThat(first.info().network()).isEqualTo("BT-CORPORATE");
            assertThat(first.info().abuseEmail()).isEqualTo("protect@bt.com");
            assertThat(first.note())
                    .isEqualTo("port-43 whois answered: RDAP 127.0.0.1 answered HTTP 429 (too many requests,"
                            + " Retry-After 3600 s)");
            Outcome.Answer second = (Outcome.Answer) w.lookup(IpKey.parse("62.239.237.2"));
            assertThat(second.info().source()).isEqualTo("whois");
            assertThat(second.note()).contains("HTTP 429").contains("earlier");
            assertThat(httpHits).hasValue(1); // RDAP's Retry-After is kept: the second went to port 43 only
            assertThat(p43.ripeHits()).hasValue(2);
        }
    }

    /**
     * Found by running {@code lookup} twice against a loopback registry answering HTTP 429 with
     * Retry-After 3600: the first run said "not asked again before" an hour on, and the second, a new
     * process, asked it again at once (the wait was kept in memory only).
     */
    @Test
    void aRetryAfterHoldsTheNextRunToo() throws Exception {
        int port = startRdap();
        mode = "429";
        EnrichOptions o = options(port, 1, 4, Duration.ofSeconds(5));
        try (WhoisLookup w = lookup(o)) {
            assertThat(w.lookup(IpKey.parse("62.239.237.1"), true)).isInstanceOf(Outcome.Deferred.class);
        }
        try (WhoisLookup w = lookup(o)) { // the next run: the same cache folder, nothing in memory
            Outcome out = w.lookup(IpKey.parse("62.239.237.2"), true);
            assertThat(out).isInstanceOf(Outcome.Deferred.class);
            assertThat(((Outcome.Deferred) out).nanos())
                    .isGreaterThan(Duration.ofMinutes(59).toNanos());
            assertThat(((Outcome.Deferred) out).why())
                    .startsWith("RDAP 127.0.0.1 answered HTTP 429 (too many requests, Retry-After 3600 s) earlier:");
        }
        assertThat(httpHits).hasValue(1);
    }

    /**
     * Found by a lookup against loopback registries that knew nothing of the address: "RDAP 127.0.0.1
     * answered HTTP 503; whois: no network found for …" said which RDAP server failed but not which
     * whois server was asked.
     */
    @Test
    void aWhoisServerThatKnowsNothingIsNamed() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        assertThat(failure("503", "% No entries found for the selected source(s).\n", hits))
                .matches("RDAP 127\\.0\\.0\\.1 answered HTTP 503; whois 127\\.0\\.0\\.1:[0-9]+: no network found for"
                        + " 62\\.239\\.237\\.1");
        assertThat(hits).hasValue(1);
    }

    /** Why a lookup of 62.239.237.1 failed, RDAP answering as {@code rdapMode} and port 43 with {@code whoisReply}. */
    private String failure(String rdapMode, String whoisReply, AtomicInteger whoisHits) throws Exception {
        int port = startRdap();
        mode = rdapMode;
        try (ServerSocket p43 = whoisServer(whoisReply, whoisHits);
                WhoisLookup w = lookup(options(port, p43.getLocalPort(), 4, Duration.ofSeconds(5)))) {
            Outcome out = w.lookup(IpKey.parse("62.239.237.1"));
            assertThat(out).isInstanceOf(Outcome.Failure.class);
            return ((Outcome.Failure) out).reason();
        }
    }

    /**
     * RDAP rate limited and port 43 failing too: the lookup is deferred until RDAP's wait is over
     * (Retry-After, else the first backoff, a minute), and the reason names both.
     */
    @Test
    void tooManyRequestsAndPort43FailingDefersNamingBoth() throws Exception {
        int port = startRdap();
        mode = "429";
        try (WhoisLookup w = lookup(options(port, 1, 4, Duration.ofSeconds(5)))) {
            Outcome out = w.lookup(IpKey.parse("62.239.237.1"));
            assertThat(out).isInstanceOf(Outcome.Deferred.class);
            assertThat(((Outcome.Deferred) out).nanos())
                    .isGreaterThanOrEqualTo(Duration.ofMinutes(59).toNanos());
            assertThat(((Outcome.Deferred) out).why())
                    .isEqualTo("RDAP 127.0.0.1 answered HTTP 429 (too many requests, Retry-After 3600 s);"
                            + " whois 127.0.0.1:1: Connection refused");
            assertThat(w.lookup(IpKey.parse("62.239.237.2"))).isInstanceOf(Outcome.Deferred.class);
            assertThat(httpHits).hasValue(1); // the second one never went to RDAP
        }
        stop();
        httpHits.set(0);
        port = startRdap();
        mode = "429-bare";
        try (WhoisLookup w = lookup(options(port, 1, 4, Duration.ofSeconds(5)))) {
            Outcome.Deferred out = (Outcome.Deferred) w.lookup(IpKey.parse("62.239.237.3"));
            assertThat(out.nanos())
                    .isBetween(
                            Duration.ofSeconds(59).toNanos(),
                            Duration.ofSeconds(61).toNanos());
            assertThat(out.why())
                    .isEqualTo("RDAP 127.0.0.1 answered HTTP 429 (too many requests); whois 127.0.0.1:1: Connection"
                            + " refused");
        }
    }

    /**
     * Four lookups at once, all sent before the first "too many requests" came back: the four 429s are
     * one episode, the backoff is the first step (a minute) for each, not a minute doubled for every
     * reply (1, 2, 4, 8 minutes: the last lookups deferred eight minutes), and the next lookup does not
     * go to RDAP. Found by running four lookups against a loopback server answering 429 slowly.
     */
    @Test
    void concurrentTooManyRequestsAreOneBackoffNotOnePerReply() throws Exception {
        int port = startRdap();
        mode = "throttled";
        try (WhoisLookup w = lookup(options(port, 1, 4, Duration.ofSeconds(5)));
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Outcome>> outs = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                IpKey ip = IpKey.parse("62.239.237." + i);
                outs.add(pool.submit(() -> w.lookup(ip)));
            }
            for (var f : outs) {
                assertThat(f.get()).isInstanceOf(Outcome.Deferred.class);
                assertThat(((Outcome.Deferred) f.get()).nanos())
                        .isBetween(
                                Duration.ofSeconds(58).toNanos(),
                                Duration.ofSeconds(61).toNanos());
            }
            int sent = httpHits.get();
            assertThat(w.lookup(IpKey.parse("62.239.237.9"))).isInstanceOf(Outcome.Deferred.class);
            assertThat(httpHits).hasValue(sent);
        }
    }

    /** RDAP's server error (HTTP 503): port 43 answers, and the answer says why it came from there. */
    @Test
    void aServerErrorIsAnsweredByPort43() throws Exception {
        int port = startRdap();
        mode = "503";
        try (Port43 p43 = Port43.ripeBehindIana();
                WhoisLookup w = lookup(options(port, p43.ripe().getLocalPort(), 4, Duration.ofSeconds(5)))) {
            Outcome.Answer out = (Outcome.Answer) w.lookup(IpKey.parse("62.239.237.1"));
            assertThat(out.info().source()).isEqualTo("whois");
            assertThat(out.info().network()).isEqualTo("BT-CORPORATE");
            assertThat(out.note()).isEqualTo("port-43 whois answered: RDAP 127.0.0.1 answered HTTP 503");
            assertThat(w.lookup(IpKey.parse("62.239.237.2"))).isInstanceOf(Outcome.Answer.class);
            assertThat(httpHits).hasValue(2); // a server error asks for no wait: RDAP is asked again
        }
    }

    @Test
    void fiftyMegabyteBodyIsAbandonedAtTheCap() throws Exception {
        assertThat(failure("huge", "nothing useful\n", new AtomicInteger())).contains("larger than");
    }

    @Test
    void floodOfTenThousandIpsStaysAtTheCap() throws Exception {
        int port = startRdap();
        mode = "slow";
        ConcurrentLinkedQueue<SourceEvent> events = new ConcurrentLinkedQueue<>();
        EnrichOptions o = options(port, 1, 4, Duration.ofSeconds(5));
        try (Enricher e = Enricher.create(o, events::add, InstantSource.system(), p -> {})) {
            e.accept(snapshot(10_000));
            int maxThreads = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (e.stats().answered() < 40 && System.nanoTime() < deadline) {
                maxThreads = Math.max(maxThreads, lookupThreads());
                assertThat(e.inFlightNow()).hasSizeLessThanOrEqualTo(4);
                Thread.onSpinWait();
            }
            EnrichStats s = e.stats();
            assertThat(s.answered()).isGreaterThanOrEqualTo(40);
            assertThat(s.maxInFlight()).isLessThanOrEqualTo(4);
            assertThat(maxConcurrent.get()).isLessThanOrEqualTo(4);
            assertThat(maxThreads).isLessThanOrEqualTo(4);
            assertThat(s.queued()).isLessThanOrEqualTo(1024);
            assertThat(s.dropped()).isGreaterThan(0);
        }
        assertThat(events).anySatisfy(ev -> assertThat(((Enriched) ev).whois()).isNotNull());
    }

    @Test
    void offlineOpensNoSocketButStillAnswersGeo() throws Exception {
        int port = startRdap();
        AtomicInteger whoisHits = new AtomicInteger();
        ConcurrentLinkedQueue<SourceEvent> events = new ConcurrentLinkedQueue<>();
        try (ServerSocket w = whoisServer("x", whoisHits)) {
            EnrichOptions online = options(port, w.getLocalPort(), 4, Duration.ofSeconds(5));
            EnrichOptions offline =
                    new EnrichOptions(true, true, true, true, online.geo(), online.net(), online.cacheDir());
            try (Enricher e = Enricher.create(offline, events::add, InstantSource.system(), p -> {})) {
                e.accept(snapshot(List.of("81.2.69.142", "62.239.237.1", "216.160.83.56")));
                waitFor(() -> e.stats().geoAnswered() >= 2);
                e.accept(snapshot(List.of("81.2.69.142", "62.239.237.1", "216.160.83.56")));
                waitFor(() -> e.stats().queued() == 0);
            }
        }
        assertThat(httpHits).hasValue(0);
        assertThat(whoisHits).hasValue(0);
        assertThat(events).allSatisfy(ev -> assertThat(((Enriched) ev).whois()).isNull());
        assertThat(events)
                .anySatisfy(ev -> assertThat(((Enriched) ev).geo().city()).isEqualTo("London"));
    }

    /** What lookup and the live enricher are never sent to a registry: documentation, benchmarking, reserved. */
    private static final List<String> NO_REGISTRY = List.of(
            "192.0.2.1",
            "198.51.100.9",
            "203.0.113.200",
            "198.18.0.1",
            "240.0.0.1",
            "100.64.0.1",
            "2001:db8::1",
            "2002:a00:1::1",
            "64:ff9b::c0a8:101",
            "fd00::1",
            "fe80::1",
            "ff02::1",
            "::1",
            "::");

    /**
     * An address no registry holds is answered at once, without a query, and takes no turn of a
     * registry's pacing: with an hour between queries to one server, the public address after them
     * still goes out (before, each was sent to RDAP and whois, and the next waited its turn).
     */
    @Test
    void addressesNoRegistryHoldsAreNeverSentAndTakeNoTurn() throws Exception {
        int port = startRdap();
        AtomicInteger whoisHits = new AtomicInteger();
        try (ServerSocket w = whoisServer("x", whoisHits)) {
            EnrichOptions o = options(port, w.getLocalPort(), 4, Duration.ofSeconds(5));
            NetOptions hourly = o.net()
                    .with(
                            4,
                            1024,
                            Duration.ofHours(1),
                            o.net().rdapBootstrap(),
                            o.net().whoisServers());
            try (WhoisLookup lookup = lookup(o.withNet(hourly))) {
                for (String ip : NO_REGISTRY) {
                    Outcome out = lookup.lookup(IpKey.parse(ip));
                    assertThat(out).as(ip).isInstanceOf(Outcome.Failure.class);
                    assertThat(((Outcome.Failure) out).reason())
                            .as(ip)
                            .startsWith("reserved (")
                            .endsWith("): no registry holds it");
                }
                assertThat(((Outcome.Failure) lookup.lookup(IpKey.parse("198.18.0.1"))).reason())
                        .isEqualTo("reserved (benchmarking, RFC 2544): no registry holds it");
                assertThat(lookup.lookup(IpKey.parse("62.239.237.1"))).isInstanceOf(Outcome.Answer.class);
            }
        }
        assertThat(httpHits).hasValue(1);
        assertThat(whoisHits).hasValue(0);
    }

    /** The live commands' background whois asks about the public address only. */
    @Test
    void theEnricherAsksNoRegistryAboutReservedAddresses() throws Exception {
        int port = startRdap();
        AtomicInteger whoisHits = new AtomicInteger();
        ConcurrentLinkedQueue<SourceEvent> events = new ConcurrentLinkedQueue<>();
        List<String> ips = new ArrayList<>(NO_REGISTRY);
        ips.add("62.239.237.1"); // the least active: offered after every other one
        try (ServerSocket w = whoisServer("x", whoisHits)) {
            EnrichOptions o = options(port, w.getLocalPort(), 4, Duration.ofSeconds(5));
            try (Enricher e = Enricher.create(o, events::add, InstantSource.system(), p -> {})) {
                e.accept(snapshot(ips));
                waitFor(() -> e.stats().answered() >= 1);
                e.accept(snapshot(ips));
                assertThat(e.awaitScanned(Duration.ofSeconds(5))).isTrue();
                waitFor(() -> e.stats().queued() == 0 && e.inFlightNow().isEmpty());
                assertThat(e.stats().answered()).isEqualTo(1);
                assertThat(e.stats().failed()).isZero();
            }
        }
        assertThat(httpHits).hasValue(1);
        assertThat(whoisHits).hasValue(0);
        assertThat(events)
                .filteredOn(ev -> ((Enriched) ev).whois() != null)
                .singleElement()
                .satisfies(ev -> assertThat(((Enriched) ev).ip()).hasToString("62.239.237.1"));
    }

    private static void waitFor(BooleanSupplier cond) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!cond.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static int lookupThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("enrich-lookup"))
                .count();
    }

    private static Snapshot snapshot(int n) {
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ips.add("62." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        return snapshot(ips);
    }

    private static Snapshot snapshot(List<String> ips) {
        Instant now = Instant.now();
        List<IpView> views = ips.stream()
                .map(ip -> new IpView(
                        IpKey.parse(ip),
                        now,
                        now,
                        null,
                        List.of(),
                        0,
                        0,
                        Map.of(),
                        Map.of(),
                        0,
                        0,
                        List.of(),
                        null,
                        null,
                        null,
                        null,
                        List.of()))
                .toList();
        return new Snapshot(now, "test", List.of(), null, views, List.of(), List.of(), List.of());
    }
}
