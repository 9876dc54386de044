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
 * A format whose only client field is a forwarded header (Apache behind a load balancer: {@code
 * LogFormat "%{X-Forwarded-For}i %l %u %t \"%r\" %>s %b ..."}): the client is the chain's right-most
 * address that is not a trusted proxy, the trusted ones to its right are the proxies it came through,
 * and the line names no TCP peer. A header that holds no address ("-", "unknown") names no client:
 * the line is unparsed.
 */
class ForwardedOnlyClientTest {

    private static final String LB_COMBINED =
            "%{X-Forwarded-For}i %l %u %t \\\"%r\\\" %>s %b \\\"%{Referer}i\\\" \\\"%{User-Agent}i\\\"";
    private static final String REST =
            " - - [10/Oct/2025:13:55:36 +0000] \"GET /a?b=1 HTTP/1.1\" 200 7 \"-\" \"curl/8\"";
    private static final ClientResolver TRUSTING = new ClientResolver(TrustedProxies.parse(List.of("10.0.0.0/8")));

    private static ParseResult parse(String format, ClientResolver resolver, String line) {
        AccessLineParser p = AccessFormat.parse(format).parser("t", resolver);
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return p.parse(b, 0, b.length);
    }

    private static HttpHit hit(String format, ClientResolver resolver, String line) {
        ParseResult r = parse(format, resolver, line);
        assertThat(r).as(line).isInstanceOf(ParseResult.Hit.class);
        return ((ParseResult.Hit) r).hit();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // header | trusting 10/8? | client | via, nearest the server first
                "203.0.113.9 | false | 203.0.113.9 | ''",
                "203.0.113.9, 10.0.0.2 | true | 203.0.113.9 | 10.0.0.2",
                "203.0.113.9, 10.0.0.2 | false | 10.0.0.2 | ''",
                "198.51.100.1, 203.0.113.9, 10.0.0.3, 10.0.0.2 | true | 203.0.113.9 | 10.0.0.2 10.0.0.3",
                "198.51.100.1,203.0.113.9 | true | 203.0.113.9 | ''",
                "2001:db8::9 | false | 2001:db8::9 | ''",
                "10.0.0.3, 10.0.0.2 | true | 10.0.0.3 | 10.0.0.2",
            })
    void theClientIsTheRightMostUntrustedAddressOfTheHeader(
            String header, boolean trusting, String client, String via) {
        HttpHit h = hit("apache:" + LB_COMBINED, trusting ? TRUSTING : ClientResolver.DIRECT, header + REST);
        assertThat(h.client()).isEqualTo(IpKey.parse(client));
        assertThat(h.via())
                .containsExactlyElementsOf(
                        via.isEmpty()
                                ? List.of()
                                : java.util.Arrays.stream(via.split(" "))
                                        .map(IpKey::parse)
                                        .toList());
        assertThat(List.of(h.method(), h.target(), h.status() + "", h.userAgent()))
                .containsExactly("GET", "/a?b=1", "200", "curl/8");
    }

    /**
     * nginx behind a layer-4 balancer speaking the PROXY protocol logs {@code $proxy_protocol_addr}
     * instead of {@code $remote_addr} (the balancer's): the connection's source as the balancer saw it,
     * read as the peer (its forwarded header believed only when it is a trusted proxy).
     */
    @Test
    void nginxsProxyProtocolAddressIsThePeerWhenTheFormatHasNoRemoteAddr() {
        String f = "nginx:$proxy_protocol_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
                + " \"$http_x_forwarded_for\"";
        String line = "203.0.113.9 - - [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 7 \"198.51.100.1\"";
        assertThat(hit(f, TRUSTING, line).client()).isEqualTo(IpKey.parse("203.0.113.9"));
        HttpHit viaCdn = hit(f, TRUSTING, line.replace("203.0.113.9", "10.0.0.2"));
        assertThat(viaCdn.client()).isEqualTo(IpKey.parse("198.51.100.1"));
        assertThat(viaCdn.via()).containsExactly(IpKey.parse("10.0.0.2"));
        HttpHit both = hit(
                "nginx:$remote_addr $proxy_protocol_addr [$time_local] \"$request\" $status $body_bytes_sent",
                ClientResolver.DIRECT,
                "10.0.0.2 203.0.113.9 [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 7");
        assertThat(both.client()).as("beside $remote_addr, as before: not read").isEqualTo(IpKey.parse("10.0.0.2"));
    }

    /** A JSON line with a forwarded header and no peer (nginx escape=json behind a balancer) is read the same. */
    @Test
    void aJsonLineWithAForwardedHeaderAndNoPeer() {
        String line = "{\"time_iso8601\":\"2025-10-10T13:55:36+00:00\",\"http_x_forwarded_for\":\"XFF\","
                + "\"request\":\"GET /j HTTP/1.1\",\"status\":\"200\",\"body_bytes_sent\":\"5\"}";
        HttpHit h = hit("json", TRUSTING, line.replace("XFF", "203.0.113.9, 10.0.0.2"));
        assertThat(h.client()).isEqualTo(IpKey.parse("203.0.113.9"));
        assertThat(h.via()).containsExactly(IpKey.parse("10.0.0.2"));
        assertThat(h.target()).isEqualTo("/j");
        for (String none : List.of("-", "unknown")) {
            assertThat(parse("json", TRUSTING, line.replace("XFF", none)))
                    .as(none)
                    .isEqualTo(ParseResult.Malformed.of(ParseResult.Reason.NO_CLIENT));
        }
    }

    @Test
    void aHeaderWithNoAddressNamesNoClientAndTheLineIsUnparsed() {
        for (String header : List.of("-", "unknown", "256.1.1.1", "\"\"")) {
            assertThat(parse("apache:" + LB_COMBINED, TRUSTING, header + REST))
                    .as(header)
                    .isEqualTo(ParseResult.Malformed.of(ParseResult.Reason.NO_CLIENT));
        }
    }

    @Test
    void quotedOrElsewhereInTheLineAndInAnNginxFormat() {
        HttpHit quoted = hit(
                "apache:%t \"%{X-Forwarded-For}i\" \"%r\" %>s %b",
                TRUSTING, "[10/Oct/2025:13:55:36 +0000] \"203.0.113.9, 10.0.0.2\" \"GET / HTTP/1.1\" 200 7");
        assertThat(quoted.client()).isEqualTo(IpKey.parse("203.0.113.9"));
        HttpHit realIp = hit(
                "apache:%{X-Real-IP}i %t \"%r\" %>s %b",
                ClientResolver.DIRECT, "203.0.113.9 [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 7");
        assertThat(realIp.client()).isEqualTo(IpKey.parse("203.0.113.9"));
        HttpHit nginx = hit(
                "nginx:$http_x_forwarded_for - $remote_user [$time_local] \"$request\" $status $body_bytes_sent",
                TRUSTING,
                "203.0.113.9, 10.0.0.2 - - [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 7");
        assertThat(nginx.client()).isEqualTo(IpKey.parse("203.0.113.9"));
        assertThat(nginx.via()).containsExactly(IpKey.parse("10.0.0.2"));
    }
}
