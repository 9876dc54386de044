package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.nethergaze.TestData;
import dev.nethergaze.model.IpKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nethergaze lookup} with the MaxMind test databases; offline, so nothing leaves the machine. */
class LookupCommandTest {

    @TempDir
    Path tmp;

    private static String db(String name) {
        return TestData.path("mmdb/maxmind-test/" + name).toString();
    }

    @Test
    void jsonHasTheSnapshotGeoAndWhoisObjects() {
        CliRun r = CliRun.of(
                "lookup",
                "--json",
                "--offline",
                "--geoip-city-db",
                db("GeoIP2-City-Test.mmdb"),
                "--geoip-asn-db",
                db("GeoLite2-ASN-Test.mmdb"),
                "81.2.69.160",
                "::ffff:1.128.0.1",
                "10.1.2.3");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = r.json();
        assertThat(doc.isArray()).isTrue();
        assertThat(doc).hasSize(3);
        JsonNode london = doc.get(0);
        assertThat(london.get("ip").asText()).isEqualTo("81.2.69.160");
        assertThat(london.at("/geo/country").asText()).isEqualTo("GB");
        assertThat(london.at("/geo/country_name").asText()).isEqualTo("United Kingdom");
        assertThat(london.at("/geo/city").asText()).isEqualTo("London");
        assertThat(london.at("/geo/db_date").asText()).isEqualTo("2026-02-04");
        assertThat(london.get("whois").isNull()).isTrue();
        assertThat(london.get("whois_error").asText()).startsWith("offline");
        JsonNode telstra = doc.get(1);
        assertThat(telstra.get("ip").asText()).isEqualTo("1.128.0.1");
        assertThat(telstra.at("/geo/asn").asLong()).isEqualTo(1221);
        assertThat(telstra.at("/geo/as_org").asText()).isEqualTo("Telstra Pty Ltd");
        assertThat(doc.get(2).get("geo").isNull()).isTrue();
    }

    /**
     * A NAT64 or 6to4 address is located by the IPv4 address it carries (81.2.69.160: London), and the
     * output says so. Before: the databases were asked about the IPv6 address, and knew nothing.
     */
    @Test
    void aNat64AddressIsLookedUpAsItsIpv4Address() {
        CliRun r = CliRun.of(
                "lookup",
                "--json",
                "--offline",
                "--geoip-city-db",
                db("GeoIP2-City-Test.mmdb"),
                "64:ff9b::5102:45a0",
                "2002:5102:45a0::1",
                "2001:4860:4860::8888");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode nat64 = r.json().get(0);
        assertThat(nat64.get("ip").asText()).isEqualTo("64:ff9b::5102:45a0");
        assertThat(nat64.at("/geo/city").asText()).isEqualTo("London");
        assertThat(nat64.get("looked_up").asText()).isEqualTo("81.2.69.160");
        assertThat(nat64.get("via").asText()).isEqualTo("via NAT64 of 81.2.69.160");
        assertThat(r.json().get(1).get("via").asText()).isEqualTo("via 6to4 of 81.2.69.160");
        assertThat(r.json().get(1).at("/geo/city").asText()).isEqualTo("London");
        assertThat(r.json().get(2).has("via")).isFalse();

        CliRun text =
                CliRun.of("lookup", "--offline", "--geoip-city-db", db("GeoIP2-City-Test.mmdb"), "64:ff9b::5102:45a0");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out())
                .contains("London")
                .contains("64:ff9b::5102:45a0: looked up as 81.2.69.160 (via NAT64 of 81.2.69.160)");
    }

    /** --set takes any configuration key here too, as the README says of every command (it was refused). */
    @Test
    void setTakesAConfigurationKey() {
        CliRun r = CliRun.of(
                "lookup",
                "--json",
                "--offline",
                "--set",
                "geoip.city_db=" + db("GeoIP2-City-Test.mmdb"),
                "81.2.69.160");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get(0).at("/geo/city").asText()).isEqualTo("London");
        CliRun bad = CliRun.of("lookup", "--offline", "--set", "geoip.no_such_key=1", "81.2.69.160");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().lines()).singleElement().asString().contains("geoip.no_such_key");
    }

    @Test
    void tableShowsTheAnswersAndTheDatabaseDate() {
        CliRun r = CliRun.of("lookup", "--no-whois", "--geoip-city-db", db("GeoIP2-City-Test.mmdb"), "81.2.69.160");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().toList().getFirst()).startsWith("IP").contains("CITY", "ABUSE", "SRC");
        assertThat(r.out()).contains("81.2.69.160", "GB", "London");
        assertThat(r.out()).contains("whois 81.2.69.160: whois lookups off");
        assertThat(r.out()).contains("geo: GeoIP2-City 2026-02-04");
    }

    /**
     * Found by {@code lookup --offline --no-geoip --no-whois}: "geo: no local database (see nethergaze geo
     * update)" sent a user who had turned geo off to download databases, and the whois line said
     * "offline" for lookups the user had turned off.
     */
    @Test
    void lookupsTurnedOffAreSaidToBeOff() {
        CliRun r = CliRun.of("lookup", "--offline", "--no-geoip", "--no-whois", "81.2.69.160");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("whois 81.2.69.160: whois lookups off")
                .contains("geo: lookups off (--no-geoip or geoip.enabled = false)")
                .doesNotContain("geo update");
    }

    @Test
    void badAddressIsOneLineAndExitTwo() {
        CliRun r = CliRun.of("lookup", "--offline", "81.2.69.160", "not-an-ip");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("nethergaze: not an IP address: \"not-an-ip\"" + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void offlineOpensNoSocketEvenWithRegistriesOnLoopback() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer rdap = rdapServer(hits, ex -> {});
        try (ServerSocket whois = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            whois.setSoTimeout(1);
            Path boot = bootstrapTo(rdap);
            Path config = whoisAt(whois);

            CliRun r = CliRun.of(
                    "lookup",
                    "--json",
                    "--offline",
                    "--rdap-bootstrap",
                    boot.toString(),
                    "--config",
                    config.toString(),
                    "8.8.8.8",
                    "2001:4860:4860::8888");

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.json().get(0).get("whois_error").asText()).startsWith("offline");
            assertThat(hits).hasValue(0);
            assertThat(accepts(whois)).isZero();
        } finally {
            rdap.stop(0);
        }
    }

    /**
     * Documentation, benchmarking, reserved, 6to4/NAT64 of private, unique-local, link-local,
     * multicast, loopback and unspecified addresses are answered from the address alone, online:
     * neither the RDAP server nor the whois server on loopback hears of them (before, each was sent to
     * both, and the answer was the registry's error).
     */
    @Test
    void addressesNoRegistryHoldsAreNotSentAnywhere() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer rdap = rdapServer(hits, ex -> {});
        try (ServerSocket whois = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            whois.setSoTimeout(1);
            Path boot = bootstrapTo(rdap);
            Path config = whoisAt(whois);
            String[] ips = {
                "192.0.2.1",
                "198.51.100.7",
                "203.0.113.9",
                "198.18.0.1",
                "240.0.0.1",
                "100.64.0.1",
                "2001:db8::1",
                "2002:a00:1::1",
                "64:ff9b::a00:1",
                "fd00::1",
                "fe80::1",
                "ff02::1",
                "::1",
                "::"
            };
            List<String> args = new ArrayList<>(List.of(
                    "lookup",
                    "--json",
                    "--no-geoip",
                    "--rdap-bootstrap",
                    boot.toString(),
                    "--config",
                    config.toString()));
            args.addAll(List.of(ips));

            CliRun r = CliRun.of(args.toArray(String[]::new));

            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode doc = r.json();
            assertThat(doc).hasSize(ips.length);
            for (JsonNode row : doc) {
                assertThat(row.get("whois").isNull()).isTrue();
                assertThat(row.get("whois_error").asText())
                        .as(row.get("ip").asText())
                        .startsWith("reserved (")
                        .endsWith("): no registry holds it");
            }
            assertThat(doc.get(0).get("whois_error").asText())
                    .isEqualTo("reserved (documentation, RFC 5737): no registry holds it");
            assertThat(doc.get(7).get("whois_error").asText())
                    .isEqualTo("reserved (6to4 of 10.0.0.1, private use, RFC 1918): no registry holds it");
            assertThat(doc.get(8).get("whois_error").asText())
                    .isEqualTo("reserved (NAT64 of 10.0.0.1, private use, RFC 1918): no registry holds it");

            CliRun text = CliRun.of(
                    "lookup",
                    "--no-geoip",
                    "--rdap-bootstrap",
                    boot.toString(),
                    "--config",
                    config.toString(),
                    "198.18.0.1");
            assertThat(text.exit()).as(text.err()).isZero();
            assertThat(text.out())
                    .contains("whois 198.18.0.1: reserved (benchmarking, RFC 2544): no registry holds it");
            assertThat(hits).hasValue(0);
            assertThat(accepts(whois)).isZero();
        } finally {
            rdap.stop(0);
        }
    }

    /**
     * --geo-csv with quoted names and bad lines: the names keep their commas, the bad lines are left
     * out with one line on stderr, and a file without one good line is an error naming it. Before,
     * the first bad line cost the whole file (and "British Telecommunications, PLC" came out as
     * "\"British Telecommunications").
     */
    @Test
    void geoCsvTakesQuotedFieldsAndSkipsBadLines() throws Exception {
        Path csv = Files.write(
                tmp.resolve("ranges.csv"),
                List.of(
                        "\"network\",\"country_code\",\"country\",\"city\",\"asn\",\"org\"",
                        "\"81.2.69.0/24\",\"GB\",\"United Kingdom\",\"London\",\"2856\",\"British Telecommunications, PLC\"",
                        "81.2.70.0/40,GB,United Kingdom,,2856,Bad Prefix",
                        "\"1.0.0.0/24\",\"AU\",\"Australia\",\"\",\"13335\",\"Cloudflare, Inc.",
                        "1.128.0.0/11,AU,Australia,,1221,\"Telstra \"\"Mobile\"\", Pty Ltd\""));
        CliRun r = withSystemErr(
                "lookup", "--json", "--offline", "--geo-csv", csv.toString(), "81.2.69.160", "1.128.0.1", "1.0.0.1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err().lines())
                .containsExactly(
                        "nethergaze: " + csv
                                + ": skipped 2 lines that do not parse, the first at line 3: bad prefix length in 81.2.70.0/40");
        JsonNode doc = r.json();
        assertThat(doc.get(0).at("/geo/as_org").asText()).isEqualTo("British Telecommunications, PLC");
        assertThat(doc.get(0).at("/geo/city").asText()).isEqualTo("London");
        assertThat(doc.get(1).at("/geo/as_org").asText()).isEqualTo("Telstra \"Mobile\", Pty Ltd");
        assertThat(doc.get(2).get("geo").isNull()).isTrue();

        Path none = Files.write(tmp.resolve("none.csv"), List.of("81.2.70.0/40,GB", "not-an-ip,GB"));
        CliRun bad = withSystemErr("lookup", "--json", "--offline", "--geo-csv", none.toString(), "81.2.69.160");
        assertThat(bad.err().lines())
                .containsExactly(
                        "nethergaze: " + none
                                + ": no usable line in it (2 lines bad, the first at line 1: bad prefix length in 81.2.70.0/40)");
    }

    /**
     * A database found corrupt by a lookup is left out, and the closing line no longer names it as in
     * use. Before: "nethergaze: …GeoIP2-City-Test-Invalid-Node-Count.mmdb: lookup of 81.2.69.160 failed
     * (…); no longer used" on stderr, and then "geo: GeoIP2-City 2023-09-26 (…Invalid-Node-Count.mmdb);
     * GeoLite2-ASN …" on stdout.
     */
    @Test
    void aDatabaseLeftOutOnTheWayIsNotListedAsUsed() {
        String corrupt = db("GeoIP2-City-Test-Invalid-Node-Count.mmdb");
        CliRun r = withSystemErr(
                "lookup",
                "--no-whois",
                "--geoip-city-db",
                corrupt,
                "--geoip-asn-db",
                db("GeoLite2-ASN-Test.mmdb"),
                "81.2.69.160",
                "1.128.0.1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains(corrupt + ": lookup of 81.2.69.160 failed").contains("no longer used");
        String footer =
                r.out().lines().filter(l -> l.startsWith("geo: ")).findFirst().orElseThrow();
        assertThat(footer).startsWith("geo: GeoLite2-ASN 2026-02-04").doesNotContain(corrupt);
        assertThat(r.out()).contains("AS1221");
    }

    /**
     * The Anonymous-IP database given as the city one is refused on stderr, naming the setting, the
     * file and its type; the ASN database still answers. Before: accepted silently, every place "-",
     * and the footer listed it as in use.
     */
    @Test
    void aDatabaseOfAnotherKindIsRefusedWithOneLine() {
        String anonymous = db("GeoIP2-Anonymous-IP-Test.mmdb");
        CliRun r = withSystemErr(
                "lookup",
                "--no-whois",
                "--geoip-city-db",
                anonymous,
                "--geoip-asn-db",
                db("GeoLite2-ASN-Test.mmdb"),
                "1.128.0.1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err().lines())
                .containsExactly("nethergaze: geoip.city_db " + anonymous
                        + ": is a GeoIP2-Anonymous-IP database, not a City/Country one");
        assertThat(r.out()).contains("AS1221").doesNotContain("GeoIP2-Anonymous-IP 2026");
    }

    /**
     * A database older than two months says how old it is and what to do. Before: "geo: GeoIP2-City
     * 2026-02-04 (…)" in December 2026, its date only, ten months old.
     */
    @Test
    void aStaleDatabaseSaysItsAge() {
        CliRun r = CliRun.of("lookup", "--no-whois", "--geoip-city-db", db("GeoIP2-City-Test.mmdb"), "81.2.69.160");
        assertThat(r.exit()).as(r.err()).isZero();
        java.time.LocalDate built = java.time.LocalDate.of(2026, 2, 4);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        assertThat(java.time.temporal.ChronoUnit.DAYS.between(built, today)).isGreaterThan(62); // the test DB's age
        assertThat(r.out())
                .contains("geo: GeoIP2-City 2026-02-04, " + java.time.temporal.ChronoUnit.MONTHS.between(built, today)
                        + " months old: it misplaces addresses (nethergaze geo update)");
    }

    /** The example in {@code lookup --help} works. Before: "--set whois.timeout_ms=3000", a key that does not exist (exit 2). */
    @Test
    void theHelpsSetExampleIsAKey() {
        CliRun help = CliRun.of("lookup", "--help");
        // picocli may wrap the example after the section's dot: "--set whois. rdns=true"
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("e\\.g\\. --set ([a-z_]+\\.) ?([a-z_]+=[^ )]+)")
                .matcher(help.out().replaceAll("\\s+", " "));
        assertThat(m.find()).as(help.out()).isTrue();
        CliRun r = CliRun.of("lookup", "--offline", "--no-whois", "--set", m.group(1) + m.group(2), "81.2.69.160");
        assertThat(r.exit()).as(r.err()).isZero();
    }

    /** IANA bootstrap files that send every address to {@code rdap}. */
    private Path bootstrapTo(HttpServer rdap) throws java.io.IOException {
        return bootstrapTo(tmp, rdap);
    }

    /** IANA bootstrap files in {@code dir}/bootstrap that send every address to {@code rdap}. */
    static Path bootstrapTo(Path dir, HttpServer rdap) throws java.io.IOException {
        Path boot = Files.createDirectories(dir.resolve("bootstrap"));
        String url = "http://127.0.0.1:" + rdap.getAddress().getPort() + "/rdap/";
        Files.writeString(boot.resolve("ipv4.json"), "{\"services\":[[[\"0.0.0.0/0\"],[\"" + url + "\"]]]}");
        Files.writeString(boot.resolve("ipv6.json"), "{\"services\":[[[\"::/0\"],[\"" + url + "\"]]]}");
        Files.writeString(boot.resolve("asn.json"), "{\"services\":[]}");
        return boot;
    }

    /** An RDAP server on loopback that counts requests in {@code hits} and answers with {@code reply}. */
    private static HttpServer rdapServer(AtomicInteger hits, com.sun.net.httpserver.HttpHandler reply)
            throws java.io.IOException {
        HttpServer rdap = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        rdap.createContext("/", ex -> {
            hits.incrementAndGet();
            try (ex) {
                reply.handle(ex);
            }
        });
        rdap.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()); // replies in parallel
        rdap.start();
        return rdap;
    }

    /** An RDAP server's HTTP 429 with Retry-After 3600. */
    private static void tooManyRequests(com.sun.net.httpserver.HttpExchange ex) throws java.io.IOException {
        ex.getResponseHeaders().add("Retry-After", "3600");
        ex.sendResponseHeaders(429, -1);
    }

    /**
     * Forgets the waits {@code rdap} asked for (HTTP 429), kept for an hour in the cache of the tests'
     * shared home, and the answers cached for {@code ips}: a later test's server given the same port
     * would otherwise not be asked at all, and a later run's test picking the same address would be
     * answered from the cache.
     */
    private static void forget(HttpServer rdap, String... ips) throws java.io.IOException {
        String cache = System.getenv("XDG_CACHE_HOME");
        if (cache == null) {
            return;
        }
        Path root = Path.of(cache, "nethergaze");
        for (String ip : ips) {
            IpKey k = IpKey.parse(ip);
            Files.deleteIfExists(root.resolve("whois").resolve(String.format("%016x%016x.json", k.hi(), k.lo())));
        }
        Path holds = root.resolve("holds");
        if (!Files.isDirectory(holds)) {
            return;
        }
        String suffix = "_" + rdap.getAddress().getPort() + ".json";
        try (var files = Files.list(holds)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** {@code lookup --json --no-geoip} of {@code ips} against the registries on loopback. */
    private CliRun online(HttpServer rdap, ServerSocket whois, String... ips) throws java.io.IOException {
        List<String> args = new ArrayList<>(List.of(
                "lookup",
                "--json",
                "--no-geoip",
                "--rdap-bootstrap",
                bootstrapTo(rdap).toString(),
                "--config",
                whoisAt(whois).toString()));
        args.addAll(List.of(ips));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** A configuration file whose port-43 whois starts at {@code whois}. */
    private Path whoisAt(ServerSocket whois) throws java.io.IOException {
        Path config = tmp.resolve("config.toml");
        Files.writeString(config, "[whois]\nservers = \"iana=127.0.0.1:" + whois.getLocalPort() + "\"\n");
        return config;
    }

    /**
     * A registry's HTTP 429 with a Retry-After past what lookup waits, and port 43 refusing too: the
     * line names both servers, what each said and when RDAP is asked again. Before: "registry rate
     * limit (waited 0 s); try again later", and port 43 was not asked at all.
     */
    @Test
    void aRateLimitSaysWhoAndUntilWhen() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer rdap = rdapServer(hits, LookupCommandTest::tooManyRequests);
        try (ServerSocket whois = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            whois.close(); // port 43 refuses
            java.time.Instant before = java.time.Instant.now();
            CliRun r = online(rdap, whois, "81.2.69.161");
            assertThat(r.exit()).as(r.err()).isZero();
            String error = r.json().get(0).get("whois_error").asText();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                            "RDAP 127\\.0\\.0\\.1 answered HTTP 429 \\(too many requests, Retry-After 3600 s\\);"
                                    + " whois 127\\.0\\.0\\.1:" + whois.getLocalPort() + ": Connection refused:"
                                    + " not asked again before (\\S+Z) \\(waited 0 s here\\)")
                    .matcher(error);
            assertThat(m.matches()).as(error).isTrue();
            assertThat(java.time.Instant.parse(m.group(1)))
                    .isBetween(before.plusSeconds(3599), java.time.Instant.now().plusSeconds(3600));
            assertThat(hits).hasValue(1);
        } finally {
            rdap.stop(0);
            forget(rdap, "81.2.69.161");
        }
    }

    /**
     * RDAP rate limited (HTTP 429), port 43 answering with the registry's recorded reply: the row is
     * port 43's (SRC whois), and a line says why. Before: no answer, "RDAP 127.0.0.1 answered HTTP 429
     * (too many requests, Retry-After 3600 s): not asked again before …", port 43 never asked.
     */
    @Test
    void aRateLimitedRegistryIsAnsweredByPort43() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer rdap = rdapServer(hits, LookupCommandTest::tooManyRequests);
        byte[] reply = Files.readAllBytes(dev.nethergaze.TestData.path("whois/ipwhois/whois_62.239.237.1.txt"));
        // addresses not in the whois cache (target/test-home; forgotten at the end), so the registries are asked
        int octet = 100 + java.util.concurrent.ThreadLocalRandom.current().nextInt(150);
        String first = "62.239.237." + octet;
        String second = "62.239.237." + (octet + 1);
        try (ServerSocket whois = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!whois.isClosed()) {
                    try (java.net.Socket s = whois.accept()) {
                        s.getInputStream().read(new byte[256]);
                        s.getOutputStream().write(reply);
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            CliRun json = online(rdap, whois, first);
            assertThat(json.exit()).as(json.err()).isZero();
            JsonNode row = json.json().get(0);
            assertThat(row.at("/whois/network").asText()).isEqualTo("BT-CORPORATE");
            assertThat(row.at("/whois/source").asText()).isEqualTo("whois");
            assertThat(row.get("whois_error").isNull()).isTrue();
            assertThat(row.get("whois_note").asText())
                    .isEqualTo("port-43 whois answered: RDAP 127.0.0.1 answered HTTP 429 (too many requests,"
                            + " Retry-After 3600 s)");
            CliRun text = CliRun.of(
                    "lookup",
                    "--no-geoip",
                    "--rdap-bootstrap",
                    bootstrapTo(rdap).toString(),
                    "--config",
                    whoisAt(whois).toString(),
                    second);
            assertThat(text.exit()).as(text.err()).isZero();
            assertThat(text.out())
                    .containsPattern(second.replace(".", "\\.") + " .*BT-CORPORATE .* whois\\n")
                    .contains("whois " + second + ": port-43 whois answered: RDAP 127.0.0.1 answered HTTP 429");
        } finally {
            rdap.stop(0);
            forget(rdap, first, second);
        }
    }

    /**
     * Four addresses and a registry that takes 2 s a reply: asked four at once (whois.concurrency, 4 by
     * default), the lookup takes about 2 s, not 8; the rows keep the order given. Before: one after the
     * other, 8.1 s here, and three addresses with a hung registry took 30.4 s.
     */
    @Test
    void addressesAreAskedAboutAtOnce() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer rdap = rdapServer(hits, ex -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(404, -1); // a failure: not cached as an answer, so every run asks
        });
        try (ServerSocket whois = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            whois.close(); // port 43 refuses: the RDAP replies alone set the pace
            String[] ips = {"81.2.69.171", "81.2.69.172", "81.2.69.173", "81.2.69.174"};
            long t0 = System.nanoTime();
            CliRun r = online(rdap, whois, ips);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(hits).hasValue(4);
            assertThat(ms).isLessThan(6_000);
            for (int i = 0; i < ips.length; i++) {
                assertThat(r.json().get(i).get("ip").asText()).isEqualTo(ips[i]);
                assertThat(r.json().get(i).get("whois_error").asText()).startsWith("RDAP 127.0.0.1 answered HTTP 404");
            }
        } finally {
            rdap.stop(0);
        }
    }

    /** {@link CliRun#of}, with what went to System.err (a database's problems go there) after picocli's stderr. */
    private static CliRun withSystemErr(String... args) {
        PrintStream real = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliRun r;
        try (PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            r = CliRun.of(args);
        } finally {
            System.setErr(real);
        }
        return new CliRun(r.exit(), r.out(), r.err() + err.toString(StandardCharsets.UTF_8));
    }

    private static int accepts(ServerSocket s) throws java.io.IOException {
        try (var ignored = s.accept()) {
            return 1;
        } catch (java.net.SocketTimeoutException e) {
            return 0;
        }
    }

    /**
     * With reverse DNS on ({@code whois.rdns}), each address's PTR name: a NAME column, JSON {@code name}
     * (the system resolver's answer for 127.0.0.1, from /etc/hosts here). Before, lookup accepted
     * {@code --no-rdns} but never looked a name up. Off (the default): no column, no field.
     */
    @Test
    void reverseDnsOnShowsEachAddresssName() throws Exception {
        java.net.InetAddress loopback = java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        String expected = loopback.getCanonicalHostName(); // the oracle: the resolver itself
        CliRun json =
                CliRun.of("lookup", "--json", "--no-geoip", "--no-whois", "--set", "whois.rdns=true", "127.0.0.1");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode row = json.json().get(0);
        assertThat(row.has("name")).isTrue();
        if (expected.equals("127.0.0.1")) { // no PTR name for it on this box
            assertThat(row.get("name").isNull()).isTrue();
        } else {
            assertThat(row.get("name").asText()).isEqualTo(expected);
        }
        CliRun text = CliRun.of("lookup", "--no-geoip", "--no-whois", "--set", "whois.rdns=true", "127.0.0.1");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out().lines().findFirst().orElseThrow())
                .startsWith("IP")
                .contains(" NAME ");
        assertThat(text.out())
                .containsPattern("127\\.0\\.0\\.1 +"
                        + java.util.regex.Pattern.quote(expected.equals("127.0.0.1") ? "-" : expected));
        CliRun off = CliRun.of("lookup", "--json", "--no-geoip", "--no-whois", "127.0.0.1");
        assertThat(off.json().get(0).has("name")).isFalse();
        assertThat(CliRun.of("lookup", "--no-geoip", "--no-whois", "127.0.0.1").out())
                .doesNotContain("NAME");
    }
}
