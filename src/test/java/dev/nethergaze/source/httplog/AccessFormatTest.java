package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.TestData;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.source.tail.LineReader;
import dev.nethergaze.source.tail.TailConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON lines, user nginx formats and auto-detection, against the Caddy oracles and hand-written samples. */
class AccessFormatTest {

    private static ParseResult parse(AccessFormat f, String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return f.parser("t", ClientResolver.DIRECT).parse(b, 0, b.length);
    }

    private static HttpHit hit(AccessFormat f, String line) {
        ParseResult r = parse(f, line);
        assertThat(r).isInstanceOf(ParseResult.Hit.class);
        return ((ParseResult.Hit) r).hit();
    }

    record Counts(int hits, int ignored, int malformed, List<String> peers, Map<String, Integer> status) {}

    private static Counts caddy(String file) throws InterruptedException {
        AccessLineParser p = AccessFormat.AUTO.parser("t", ClientResolver.DIRECT);
        int[] n = new int[3];
        List<String> peers = new ArrayList<>();
        Map<String, Integer> status = new TreeMap<>();
        LineReader.read(
                TestData.path("accesslog/caddy/" + file), TailConfig.DEFAULT_MAX_LINE, (f, no, b, off, len, c) -> {
                    switch (p.parse(b, off, len)) {
                        case ParseResult.Hit h -> {
                            n[0]++;
                            if (!peers.contains(h.hit().peer().toString())) {
                                peers.add(h.hit().peer().toString());
                            }
                            status.merge(Integer.toString(h.hit().status()), 1, Integer::sum);
                        }
                        case ParseResult.Ignored i -> n[1]++;
                        case ParseResult.Malformed m -> n[2]++;
                        case ParseResult.UnresolvedHost u -> throw new AssertionError(u);
                    }
                });
        return new Counts(n[0], n[1], n[2], peers, status);
    }

    @Test
    void caddyFilesMatchTheOracles() throws InterruptedException {
        Counts basic = caddy("crowdsec_caddy-basic-auth-bf.json.log");
        assertThat(basic.hits()).isEqualTo(6);
        assertThat(basic.peers()).containsExactly("127.0.0.1");
        assertThat(basic.status()).isEqualTo(Map.of("401", 6));

        Counts logs = caddy("crowdsec_caddy-logs.json.log");
        assertThat(logs.hits()).isEqualTo(10);
        assertThat(logs.ignored()).isEqualTo(1);
        assertThat(logs.malformed()).isEqualTo(1);
        assertThat(logs.peers()).containsExactlyInAnyOrder("172.17.0.1", "127.0.0.1");
        assertThat(logs.status()).isEqualTo(Map.of("0", 7, "200", 1, "401", 2));

        Counts prefixed = caddy("lnav_caddy_docker-compose-prefixed.log");
        assertThat(prefixed.hits()).isEqualTo(4);
        assertThat(prefixed.ignored()).isEqualTo(35);
        assertThat(prefixed.peers()).containsExactly("172.19.0.1");
        assertThat(prefixed.status()).isEqualTo(Map.of("200", 1, "304", 3));
    }

    @Test
    void caddyClientIpIsUsedOnlyBehindATrustedPeer() {
        String line = "{\"level\":\"info\",\"ts\":1693840791.75,\"logger\":\"http.log.access\",\"request\":"
                + "{\"remote_ip\":\"172.17.0.1\",\"client_ip\":\"198.51.100.7\",\"method\":\"GET\",\"uri\":\"/x\","
                + "\"proto\":\"HTTP/1.1\",\"host\":\"a.test\",\"headers\":{\"User-Agent\":[\"curl/8\"]}},\"status\":200,\"size\":5}";
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        HttpHit direct = ((ParseResult.Hit) new JsonLineParser("t", ClientResolver.DIRECT).parse(b, 0, b.length)).hit();
        assertThat(direct.client()).isEqualTo(IpKey.parse("172.17.0.1"));
        assertThat(direct.userAgent()).isEqualTo("curl/8");
        assertThat(direct.vhost()).isEqualTo("a.test");
        assertThat(direct.time()).isEqualTo(Instant.parse("2023-09-04T15:19:51.750Z"));
        ClientResolver trusted = new ClientResolver(TrustedProxies.parse(List.of("172.16.0.0/12")));
        HttpHit behind = ((ParseResult.Hit) new JsonLineParser("t", trusted).parse(b, 0, b.length)).hit();
        assertThat(behind.client()).isEqualTo(IpKey.parse("198.51.100.7"));
        assertThat(behind.peer()).isEqualTo(IpKey.parse("172.17.0.1"));
    }

    /**
     * Caddy 2.7+ logs {@code client_ip} on every entry: the peer itself when Caddy trusts no proxy.
     * Behind a proxy nethergaze trusts, the X-Forwarded-For Caddy logged then names the client.
     */
    @Test
    void caddyClientIpThatIsThePeerLeavesTheForwardedHeaderToNameTheClient() {
        String line = "{\"level\":\"info\",\"ts\":1760104536.5,\"logger\":\"http.log.access\",\"request\":"
                + "{\"remote_ip\":\"10.0.0.5\",\"remote_port\":\"40000\",\"client_ip\":\"10.0.0.5\",\"proto\":\"HTTP/1.1\","
                + "\"method\":\"GET\",\"host\":\"a.test\",\"uri\":\"/\",\"headers\":{\"X-Forwarded-For\":[\"203.0.113.4, 10.0.0.7\"]}},"
                + "\"status\":200,\"size\":1}";
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        ClientResolver trusted = new ClientResolver(TrustedProxies.parse(List.of("10.0.0.0/8")));
        HttpHit behind = ((ParseResult.Hit) new JsonLineParser("t", trusted).parse(b, 0, b.length)).hit();
        assertThat(behind.client()).isEqualTo(IpKey.parse("203.0.113.4"));
        assertThat(behind.via()).containsExactly(IpKey.parse("10.0.0.5"), IpKey.parse("10.0.0.7"));
        HttpHit direct = ((ParseResult.Hit) new JsonLineParser("t", ClientResolver.DIRECT).parse(b, 0, b.length)).hit();
        assertThat(direct.client())
                .isEqualTo(IpKey.parse("10.0.0.5")); // the header is believed from trusted peers only
    }

    /** Every {@code time_format} Caddy documents; epoch numbers told apart by magnitude. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1796032800.5|2026-11-30T10:00:00.500Z", // unix_seconds_float, the default
                "1796032800500.25|2026-11-30T10:00:00.500250Z", // unix_milli_float
                "1796032801000000000|2026-11-30T10:00:01Z", // unix_nano
                "1796032801000123456|2026-11-30T10:00:01.000123456Z",
                "1796032801000123|2026-11-30T10:00:01.000123Z", // microseconds
                "\"30/Nov/2026:10:00:02 +0000\"|2026-11-30T10:00:02Z", // common_log
                "\"2026/11/30 10:00:01.000\"|2026-11-30T10:00:01Z", // wall_milli
                "\"2026/11/30 10:00:01\"|2026-11-30T10:00:01Z", // wall
                "\"2026/11/30 10:00:01.123456789\"|2026-11-30T10:00:01.123456789Z", // wall_nano
                "\"2026-11-30T11:00:01.250+0100\"|2026-11-30T10:00:01.250Z", // iso8601
                "\"2026-11-30T11:00:01+01:00\"|2026-11-30T10:00:01Z", // rfc3339
                "\"2026-11-30T10:00:01.999999999Z\"|2026-11-30T10:00:01.999999999Z" // rfc3339_nano
            })
    void caddyReadsEveryDocumentedTimeFormat(String ts, String expected) {
        String line =
                "{\"level\":\"info\",\"ts\":" + ts + ",\"logger\":\"http.log.access\",\"msg\":\"handled request\","
                        + "\"request\":{\"remote_ip\":\"192.0.2.150\",\"proto\":\"HTTP/1.1\",\"method\":\"GET\",\"host\":\"e\","
                        + "\"uri\":\"/t\",\"headers\":{}},\"size\":5,\"status\":200}";
        assertThat(hit(AccessFormat.AUTO, line).time()).isEqualTo(Instant.parse(expected));
    }

    /** Caddy 2.0-2.4 logged the peer as {@code request.remote_addr}, "ip:port" ("[v6]:port"). */
    @Test
    void caddyBefore25NamesThePeerWithItsPort() {
        HttpHit v4 = hit(
                AccessFormat.AUTO,
                "{\"level\":\"info\",\"ts\":1741600800.5,\"logger\":\"http.log.access.log0\",\"request\":{\"remote_addr\":"
                        + "\"203.0.113.160:5555\",\"proto\":\"HTTP/1.1\",\"method\":\"GET\",\"host\":\"ex.com\",\"uri\":\"/old\","
                        + "\"headers\":{\"User-Agent\":[\"curl/8\"]}},\"duration\":0.001,\"size\":5,\"status\":200}");
        assertThat(v4.client()).isEqualTo(IpKey.parse("203.0.113.160"));
        assertThat(v4.target()).isEqualTo("/old");
        assertThat(v4.status()).isEqualTo(200);
        assertThat(v4.userAgent()).isEqualTo("curl/8");
        HttpHit v6 = hit(
                AccessFormat.parse("json"),
                "{\"ts\":1741600801.5,\"logger\":\"http.log.access\",\"request\":{\"remote_addr\":\"[2001:db8::160]:5555\","
                        + "\"method\":\"GET\",\"uri\":\"/old6\"},\"size\":5,\"status\":404}");
        assertThat(v6.client()).isEqualTo(IpKey.parse("2001:db8::160"));
        assertThat(v6.status()).isEqualTo(404);
    }

    @Test
    void nginxEscapeJsonWithStringNumbersAndDashes() {
        HttpHit h = hit(
                AccessFormat.AUTO,
                "{\"time_local\":\"10/Oct/2025:13:55:36 +0000\",\"remote_addr\":\"2001:db8::5\",\"request\":\"POST /login HTTP/2.0\","
                        + "\"status\":\"401\",\"body_bytes_sent\":\"-\",\"http_referer\":\"\",\"http_user_agent\":\"x\\\"y\"}");
        assertThat(h.client()).isEqualTo(IpKey.parse("2001:db8::5"));
        assertThat(h.method()).isEqualTo("POST");
        assertThat(h.target()).isEqualTo("/login");
        assertThat(h.status()).isEqualTo(401);
        assertThat(h.bytes()).isZero();
        assertThat(h.userAgent()).isEqualTo("x\"y");
    }

    /**
     * nginx {@code escape=json} formats as widely copied guides write them: {@code "time":"$msec"}
     * (epoch seconds as a string, where {@code time} is usually {@code $time_iso8601}), {@code
     * "http_referrer"} (with two r's) and {@code "body_bytes"} for {@code $body_bytes_sent}.
     */
    @Test
    void nginxJsonFormatsOfCommonGuides() {
        HttpHit msec = hit(
                AccessFormat.AUTO,
                "{\"time\":\"1760104536.123\",\"time_iso\":\"2025-10-10T13:55:36+00:00\",\"remote_addr\":\"203.0.113.8\","
                        + "\"request\":\"GET /y HTTP/1.1\",\"status\":301,\"body_bytes_sent\":0,\"request_time\":0.000,"
                        + "\"http_referrer\":\"https://r.test/\",\"http_user_agent\":\"ua\",\"http_x_forwarded_for\":\"\"}");
        assertThat(msec.time()).isEqualTo(Instant.parse("2025-10-10T13:55:36.123Z"));
        assertThat(msec.client()).isEqualTo(IpKey.parse("203.0.113.8"));
        assertThat(msec.referer()).isEqualTo("https://r.test/");
        HttpHit bytes = hit(
                AccessFormat.parse("json"),
                "{\"time\":\"2025-10-10T13:55:36+00:00\",\"remote_addr\":\"203.0.113.9\",\"request\":\"GET / HTTP/1.1\","
                        + "\"status\":200,\"body_bytes\":77,\"upstream_addr\":\"10.0.0.1:80\",\"http_referrer\":\"\","
                        + "\"http_user_agent\":\"ua\",\"request_proto\":\"HTTP/1.1\"}");
        assertThat(bytes.bytes()).isEqualTo(77);
        assertThat(bytes.protocol()).isEqualTo("HTTP/1.1");
        assertThat(bytes.referer()).isEmpty();
    }

    @Test
    void traefikJson() {
        HttpHit h = hit(
                AccessFormat.parse("json"),
                "{\"ClientAddr\":\"[2001:db8::9]:51234\",\"ClientHost\":\"2001:db8::9\",\"DownstreamContentSize\":12,"
                        + "\"DownstreamStatus\":404,\"RequestHost\":\"w.test\",\"RequestMethod\":\"GET\",\"RequestPath\":\"/.env\","
                        + "\"RequestProtocol\":\"HTTP/1.1\",\"StartUTC\":\"2025-03-10T01:02:03.5Z\",\"request_User-Agent\":\"zgrab\"}");
        assertThat(h.client()).isEqualTo(IpKey.parse("2001:db8::9"));
        assertThat(h.status()).isEqualTo(404);
        assertThat(h.target()).isEqualTo("/.env");
        assertThat(h.vhost()).isEqualTo("w.test");
        assertThat(h.userAgent()).isEqualTo("zgrab");
    }

    /**
     * A format with {@code $request_uri} instead of the request line shares its targets through the
     * parser's target cache, as the request line does: of 2,000 distinct targets seen again, 1,547 gave
     * the same String (the direct-mapped cache's collisions lose the rest); through the 512-slot cache of
     * other fields, 33 did.
     */
    @Test
    @SuppressWarnings("ReferenceEquality") // the same String, not an equal one, is the point
    void aRequestUriFormatSharesItsTargetsBetweenLines() {
        AccessLineParser p = AccessFormat.parse("nginx:$remote_addr [$time_local] $request_method $request_uri $status")
                .parser("t", ClientResolver.DIRECT);
        List<String> first = new ArrayList<>();
        int same = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < 2000; i++) {
                byte[] b = ("203.0.113.9 [10/Oct/2025:13:55:36 +0000] GET /products/" + i + "?page=2 200")
                        .getBytes(StandardCharsets.UTF_8);
                String target =
                        ((ParseResult.Hit) p.parse(b, 0, b.length)).hit().target();
                if (pass == 0) {
                    first.add(target);
                } else if (target == first.get(i)) {
                    same++;
                }
            }
        }
        assertThat(first.get(7)).isEqualTo("/products/7?page=2");
        assertThat(same).as("targets seen again that are the same String").isGreaterThan(1200);
        byte[] dash = "203.0.113.9 [10/Oct/2025:13:55:36 +0000] GET - 400".getBytes(StandardCharsets.UTF_8);
        assertThat(((ParseResult.Hit) p.parse(dash, 0, dash.length)).hit().target())
                .isEmpty();
    }

    @Test
    void userNginxFormatIsCompiledOnce() {
        AccessFormat f = AccessFormat.parse("nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status"
                + " $body_bytes_sent \"$http_referer\" \"$http_user_agent\" $request_time");
        HttpHit h = hit(
                f,
                "[2001:db8::1] - - [10/Oct/2025:13:55:36 +0200] \"GET /a\\\"b HTTP/1.1\" 200 512 \"-\" \"Mozilla \\\"x\\\"\" 0.004");
        assertThat(h.client()).isEqualTo(IpKey.parse("2001:db8::1"));
        assertThat(h.target()).isEqualTo("/a\"b");
        assertThat(h.bytes()).isEqualTo(512);
        assertThat(h.userAgent()).isEqualTo("Mozilla \"x\"");
        assertThat(h.time()).isEqualTo(Instant.parse("2025-10-10T11:55:36Z"));
        assertThat(parse(f, "garbage")).isInstanceOf(ParseResult.Malformed.class);
        assertThatThrownBy(() -> AccessFormat.parse("nginx:$status $request")).hasMessageContaining("$remote_addr");
        // the time first and without brackets: read by its own shape, space and all
        HttpHit first = hit(
                AccessFormat.parse("nginx:$time_local $remote_addr \"$request\" $status $body_bytes_sent"),
                "9/Oct/2025:13:55:36 +0200 203.0.113.7 \"GET / HTTP/1.1\" 200 12");
        assertThat(first.time()).isEqualTo(Instant.parse("2025-10-09T11:55:36Z"));
        assertThat(first.client()).isEqualTo(IpKey.parse("203.0.113.7"));
        assertThatThrownBy(() -> AccessFormat.parse("apache")).hasMessageContaining("unknown log format");
    }

    /**
     * {@code $remote_addr:$remote_port}: nginx writes an IPv6 client without brackets, so the ':' before
     * the port is the address's last one, not its first ({@code 2001:db8::41:443} was the host name
     * "2001", its requests not used).
     */
    @Test
    void anIpv6ClientBeforeAColonAndItsPortIsTheWholeAddress() {
        AccessFormat f = AccessFormat.parse("nginx:$remote_addr:$remote_port [$time_local] \"$request\" $status");
        assertThat(hit(f, "2001:db8::41:443 [06/Dec/2026:10:00:00 +0000] \"GET /p HTTP/1.1\" 201")
                        .client())
                .isEqualTo(IpKey.parse("2001:db8::41"));
        assertThat(hit(f, "203.0.113.40:51234 [06/Dec/2026:10:00:00 +0000] \"GET /p HTTP/1.1\" 201")
                        .client())
                .isEqualTo(IpKey.parse("203.0.113.40"));
        assertThat(hit(f, "::ffff:192.0.2.9:80 [06/Dec/2026:10:00:00 +0000] \"GET /p HTTP/1.1\" 201")
                        .client())
                .isEqualTo(IpKey.parse("192.0.2.9"));
    }

    /**
     * A user name is the client's to choose and may hold the literal after it: in {@code $remote_user
     * [$time_local]} a Basic-auth name {@code x [01/Jan/2020:00:00:00 +0000]} ends at a later " [". Before,
     * it was cut at the first and the line unparsed, so a scanner could hide its requests from every rule.
     */
    @Test
    void aUserNameHoldingTheLiteralAfterItIsReadToTheOneThatFits() {
        String line = "203.0.113.80 - x [01/Jan/2020:00:00:00 +0000] [06/Dec/2026:10:00:00 +0000] \"GET /.env"
                + " HTTP/1.1\" 401 179 \"-\" \"ua\"";
        for (String format : List.of(
                "nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
                        + " \"$http_referer\" \"$http_user_agent\"",
                "apache:%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\"")) {
            HttpHit h = hit(AccessFormat.parse(format), line);
            assertThat(h.client()).as(format).isEqualTo(IpKey.parse("203.0.113.80"));
            assertThat(h.time()).as(format).isEqualTo(Instant.parse("2026-12-06T10:00:00Z"));
            assertThat(h.target()).as(format).isEqualTo("/.env");
            assertThat(h.userAgent()).as(format).isEqualTo("ua");
        }
        // what fits no end still says why the first try failed
        assertThat(parse(
                        AccessFormat.parse("nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status"),
                        "203.0.113.80 - x [06/Dec/2026:10:00:00 +0000] GET / 200"))
                .isInstanceOf(ParseResult.Malformed.class);
    }

    @Test
    void anUnquotedLastVariableTakesTheRestOfTheLine() {
        HttpHit req = hit(
                AccessFormat.parse("nginx:$remote_addr [$time_local] $status $body_bytes_sent $request"),
                "192.0.2.76 [30/Nov/2026:10:00:00 +0000] 200 100 GET /admin.php HTTP/1.1");
        assertThat(req.method()).isEqualTo("GET");
        assertThat(req.target()).isEqualTo("/admin.php");
        assertThat(req.malformedRequest()).isFalse();
        HttpHit piped = hit(
                AccessFormat.parse(
                        "nginx:$time_local|$host|$remote_addr|$request|$status|$body_bytes_sent" + "|$http_user_agent"),
                "30/Nov/2026:10:00:00 +0000|example.com|192.0.2.71|GET /a HTTP/1.1|200|100|ua one");
        assertThat(piped.userAgent()).isEqualTo("ua one");
        HttpHit apache = hit(
                AccessFormat.parse("apache:%h %t \"%r\" %>s %b %{User-Agent}i"),
                "192.0.2.75 [30/Nov/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 100 Mozilla/5.0 (X11; Linux) Firefox/1");
        assertThat(apache.userAgent()).isEqualTo("Mozilla/5.0 (X11; Linux) Firefox/1");
        // a one-word last field still stops at a space: a format naming the first fields of a longer line
        HttpHit prefix = hit(
                AccessFormat.parse(
                        "nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status" + " $body_bytes_sent"),
                "192.0.2.77 - - [30/Nov/2026:10:00:00 +0000] \"GET /b HTTP/1.1\" 404 12 \"-\" \"curl/8.0\"");
        assertThat(prefix.bytes()).isEqualTo(12);
        assertThat(prefix.status()).isEqualTo(404);
    }

    @Test
    void theClientAddressNeverHoldsASpace() {
        String line = "192.0.2.1 - - [30/Nov/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 100 \"-\" \"curl/8.0\"";
        assertThat(parse(
                        AccessFormat.parse("nginx:$remote_addr [$time_local] \"$request\" $status $body_bytes_sent"),
                        line))
                .isEqualTo(ParseResult.Malformed.of(ParseResult.Reason.FORMAT_MISMATCH));
        assertThat(parse(AccessFormat.parse("apache:%h %t \"%r\" %>s %b"), line))
                .isInstanceOf(ParseResult.Malformed.class);
        assertThat(parse(AccessFormat.parse("apache:%a %t \"%r\" %>s %b"), line))
                .isInstanceOf(ParseResult.Malformed.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "::ffff:203.0.113.5 - - [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"|203.0.113.5||false",
                "www.test:443 198.51.100.1 - - [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"|198.51.100.1|www.test|false",
                "198.51.100.2 - - [10/Oct/2025:13:55:36 +0000] \"\\x16\\x03\\x01\\x00\" 400 0 \"-\" \"-\"|198.51.100.2||true",
                "198.51.100.3 - - [10/Oct/2025:13:55:36 +0000] \"-\" 400 0|198.51.100.3||true",
                "198.51.100.4 - - [10/Oct/2025:13:55:36 +0000] \"/bare\" 404 0 \"-\" \"a \\\"q\\\" b\" \"10.0.0.1\" rt=0.1|198.51.100.4||true"
            })
    void combinedFamilyAndScannerJunkAreHits(String line, String client, String vhost, boolean junk) {
        HttpHit h = hit(AccessFormat.AUTO, line);
        assertThat(h.client()).isEqualTo(IpKey.parse(client));
        assertThat(h.vhost()).isEqualTo(vhost == null ? "" : vhost);
        assertThat(h.malformedRequest()).isEqualTo(junk);
    }
}
