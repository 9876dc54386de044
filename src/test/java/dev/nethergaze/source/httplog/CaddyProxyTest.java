package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Caddy v2 access entries behind proxies, in the shape Caddy 2.7+ writes them (as
 * ../shared/testdata/accesslog/caddy): {@code request.remote_ip} the TCP peer, {@code
 * request.client_ip} what Caddy resolved itself, the request headers as arrays of values.
 */
class CaddyProxyTest {

    private static final ClientResolver TRUSTED =
            new ClientResolver(TrustedProxies.parse(List.of("10.0.0.0/8", "cloudflare")));

    /** A Caddy entry from {@code remoteIp} with the given {@code client_ip} and request headers. */
    static String caddy(String remoteIp, String clientIp, String headers) {
        return "{\"level\":\"info\",\"ts\":1693840791.7564995,\"logger\":\"http.log.access\",\"msg\":\"handled request\","
                + "\"request\":{\"remote_ip\":\"" + remoteIp + "\",\"remote_port\":\"44790\",\"client_ip\":\""
                + clientIp
                + "\",\"proto\":\"HTTP/1.1\",\"method\":\"GET\",\"host\":\"shop.example\",\"uri\":\"/cart\",\"headers\":{"
                + "\"X-Forwarded-Proto\":[\"https\"],\"User-Agent\":[\"curl/7.74.0\"],\"Accept\":[\"*/*\"]" + headers
                + "}},\"bytes_read\":0,\"user_id\":\"\",\"duration\":0.000002701,\"size\":0,\"status\":200,"
                + "\"resp_headers\":{\"Server\":[\"Caddy\"]}}";
    }

    static HttpHit hit(AccessLineParser parser, String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        ParseResult r = parser.parse(b, 0, b.length);
        assertThat(r).as(line).isInstanceOf(ParseResult.Hit.class);
        return ((ParseResult.Hit) r).hit();
    }

    /** Lines that repeat a user agent, target or method give the same String: rings of many IPs hold one copy. */
    @Test
    void repeatedTextOfJsonLinesIsOneString() {
        AccessLineParser json = AccessFormat.parse("json").parser("t", ClientResolver.DIRECT);
        HttpHit a = hit(json, caddy("203.0.113.1", "203.0.113.1", ""));
        HttpHit b = hit(json, caddy("203.0.113.2", "203.0.113.2", ""));
        assertThat(b.userAgent()).isEqualTo("curl/7.74.0").isSameAs(a.userAgent());
        assertThat(b.target()).isEqualTo("/cart").isSameAs(a.target());
        assertThat(b.method()).isSameAs(a.method());
        assertThat(b.vhost()).isEqualTo("shop.example").isSameAs(a.vhost());
        HttpHit other = hit(json, caddy("203.0.113.3", "203.0.113.3", "").replace("/cart", "/checkout"));
        assertThat(other.target()).isEqualTo("/checkout");
    }

    /**
     * The JSON reader walks the known paths' tree and skips the rest unread: a flat key holding a dotted
     * path ({@code "request.headers.X-Forwarded-For"}), an object under a dotted name, unknown objects and
     * arrays of objects in between, and the first value of a field winning over a later one, all read as
     * when every value's path was joined and looked up.
     */
    @Test
    void theKnownPathsAreFoundWhateverLiesAroundThem() {
        TrustedProxies trusted = TrustedProxies.parse(List.of("10.0.0.0/8"));
        AccessLineParser json = AccessFormat.parse("json").parser("t", new ClientResolver(trusted));
        String tail = ",\"status\":200,\"size\":5,\"ts\":1711741827.962}";
        HttpHit flat = hit(
                json,
                "{\"junk\":{\"a\":[{\"b\":1},[2]],\"request\":{\"remote_ip\":\"192.0.2.1\"}},"
                        + "\"request\":{\"remote_ip\":\"10.0.0.5\",\"method\":\"GET\",\"uri\":\"/a\","
                        + "\"tls\":{\"cipher\":{\"x\":1}}},\"request.headers.X-Forwarded-For\":[\"203.0.113.7\"]"
                        + tail);
        assertThat(flat.peer()).hasToString("10.0.0.5"); // not the one nested under "junk"
        assertThat(flat.client()).hasToString("203.0.113.7");
        assertThat(flat.target()).isEqualTo("/a");
        HttpHit dotted = hit(
                json,
                "{\"request\":{\"remote_ip\":\"10.0.0.5\",\"method\":\"GET\",\"uri\":\"/b\"},"
                        + "\"request.headers\":{\"X-Forwarded-For\":[\"198.51.100.8\"]},"
                        + "\"request\":{\"remote_ip\":\"10.9.9.9\"}" + tail);
        assertThat(dotted.peer()).hasToString("10.0.0.5"); // the first one found
        assertThat(dotted.client()).hasToString("198.51.100.8");
    }

    private static List<IpKey> ips(String... s) {
        return java.util.Arrays.stream(s).map(IpKey::parse).toList();
    }

    /**
     * Caddy resolved the client itself (its own {@code trusted_proxies}): the chain it logged still
     * names the proxies in between, as an nginx line with the same chain does.
     */
    @Test
    void caddyClientIpApartFromThePeerKeepsTheProxiesOfTheChain() {
        String xff = ",\"X-Forwarded-For\":[\"203.0.113.4, 10.0.0.7, 10.0.0.8\"]";
        HttpHit caddy = hit(new JsonLineParser("t", TRUSTED), caddy("10.0.0.5", "203.0.113.4", xff));
        String nginx = "10.0.0.5 - - [04/Sep/2023:15:19:51 +0000] \"GET /cart HTTP/1.1\" 200 0 \"-\" \"curl/7.74.0\""
                + " \"203.0.113.4, 10.0.0.7, 10.0.0.8\"";
        HttpHit main = hit(new CombinedParser("t", TRUSTED), nginx);
        assertThat(caddy.client()).isEqualTo(IpKey.parse("203.0.113.4"));
        assertThat(caddy.peer()).isEqualTo(IpKey.parse("10.0.0.5"));
        assertThat(caddy.via())
                .isEqualTo(ips("10.0.0.5", "10.0.0.8", "10.0.0.7"))
                .isEqualTo(main.via());
    }

    /**
     * Caddy without {@code trusted_proxies_strict} takes the chain's left-most address, which the
     * client wrote itself: the chain is read right to left here, as in every other format, and the
     * spoofed address is not the client.
     */
    @Test
    void aSpoofedLeftMostClientIpDoesNotHideTheClient() {
        String xff = ",\"X-Forwarded-For\":[\"198.51.100.66, 203.0.113.4, 10.0.0.7\"]";
        HttpHit h = hit(new JsonLineParser("t", TRUSTED), caddy("10.0.0.5", "198.51.100.66", xff));
        assertThat(h.client()).isEqualTo(IpKey.parse("203.0.113.4"));
        assertThat(h.via()).isEqualTo(ips("10.0.0.5", "10.0.0.7"));
    }

    /** Without a chain logged (a log filter deleted the headers) Caddy's client_ip is what there is. */
    @Test
    void clientIpAloneIsBelievedFromATrustedPeer() {
        assertThat(hit(new JsonLineParser("t", TRUSTED), caddy("10.0.0.5", "2001:db8:1::7", ""))
                        .client())
                .isEqualTo(IpKey.parse("2001:db8:1::7"));
        HttpHit direct = hit(new JsonLineParser("t", TRUSTED), caddy("198.51.100.9", "2001:db8:1::7", ""));
        assertThat(direct.client()).isEqualTo(IpKey.parse("198.51.100.9"));
        assertThat(direct.via()).isEmpty();
    }

    /**
     * Two headers logged, in either order: the one {@link JsonField#FORWARDED} puts first names the
     * client. A client that reaches the trusted load balancer (10.0.0.5) without passing Cloudflare
     * writes its own Cf-Connecting-Ip; the address the balancer appended to the chain is the one it
     * cannot forge. Behind Cloudflare itself both agree (IPv6 here). Without a chain,
     * Cf-Connecting-Ip comes before X-Real-Ip, often the nearest proxy's own peer (a Cloudflare edge).
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // peer | first header | second header | client | via
                "10.0.0.5|X-Forwarded-For=198.51.100.66|Cf-Connecting-Ip=192.0.2.1|198.51.100.66|10.0.0.5",
                "2606:4700::1|X-Forwarded-For=2001:db8:7::1, 2001:db8:1::7|Cf-Connecting-Ip=2001:db8:1::7"
                        + "|2001:db8:1::7|2606:4700::1",
                "10.0.0.5|Cf-Connecting-Ip=203.0.113.4|X-Real-Ip=173.245.48.1|203.0.113.4|10.0.0.5",
            })
    void oneOrderOfHeadersWhicheverCaddyWroteFirst(
            String peer, String first, String second, String client, String via) {
        for (String headers : List.of(header(first) + header(second), header(second) + header(first))) {
            HttpHit h = hit(new JsonLineParser("t", TRUSTED), caddy(peer, peer, headers));
            assertThat(h.client()).as(headers).isEqualTo(IpKey.parse(client));
            assertThat(h.via()).as(headers).isEqualTo(ips(via));
        }
    }

    /** {@code Name=value} as Caddy logs a request header, after a comma. */
    private static String header(String nameValue) {
        int eq = nameValue.indexOf('=');
        return ",\"" + nameValue.substring(0, eq) + "\":[\"" + nameValue.substring(eq + 1) + "\"]";
    }

    @Test
    void xRealIpAloneIsRead() {
        String real = header("X-Real-Ip=173.245.48.1");
        assertThat(hit(new JsonLineParser("t", TRUSTED), caddy("10.0.0.5", "10.0.0.5", real))
                        .client())
                .isEqualTo(IpKey.parse("173.245.48.1")); // all trusted: the left-most, as in every format
    }

    /**
     * X-Forwarded-For sent twice: a client's own line, then the one the load balancer added (HAProxy's
     * {@code option forwardfor} adds a line). Caddy logs both values; read as one chain, the client
     * is the balancer's, not the first line's.
     */
    @Test
    void aHeaderSentTwiceIsOneChain() {
        String xff = ",\"X-Forwarded-For\":[\"198.51.100.66\",\"203.0.113.4, 10.0.0.7\"]";
        HttpHit h = hit(new JsonLineParser("t", TRUSTED), caddy("10.0.0.5", "10.0.0.5", xff));
        assertThat(h.client()).isEqualTo(IpKey.parse("203.0.113.4"));
        assertThat(h.via()).isEqualTo(ips("10.0.0.5", "10.0.0.7"));
        assertThat(hit(
                                new JsonLineParser("t", TRUSTED),
                                caddy("10.0.0.5", "10.0.0.5", ",\"Accept-Language\":[\"de\",\"en\"]"))
                        .userAgent())
                .isEqualTo("curl/7.74.0"); // other repeated headers: untouched
    }
}
