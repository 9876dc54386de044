package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * nginx's realip module ({@code set_real_ip_from}, {@code real_ip_header X-Forwarded-For}) writes the
 * client it found in {@code $remote_addr} and keeps the TCP peer in {@code $realip_remote_addr}: with
 * that in the format, it is the peer and {@code $remote_addr} the client, believed only from a trusted
 * proxy, as Apache's {@code %a} beside {@code %{c}a}. Found black-box: nginx behind a second nginx with
 * realip, {@code peer=$realip_remote_addr} logged; the client came out with no {@code via} and the
 * proxy's kernel connections joined to no request.
 */
class NginxRealIpTest {

    private static final String FORMAT = "nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status"
            + " $body_bytes_sent \"$http_referer\" \"$http_user_agent\" peer=$realip_remote_addr";
    private static final String LINE =
            "CLIENT - - [07/Dec/2026:14:34:28 +0000] \"GET / HTTP/1.0\" 200 5 \"-\"" + " \"curl/7.88.1\" peer=PEER";
    private static final ClientResolver TRUSTING = new ClientResolver(TrustedProxies.parse(List.of("10.0.0.0/8")));

    private static HttpHit hit(String format, ClientResolver resolver, String line) {
        AccessLineParser p = AccessFormat.parse(format).parser("t", resolver);
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        ParseResult r = p.parse(b, 0, b.length);
        assertThat(r).as(line).isInstanceOf(ParseResult.Hit.class);
        return ((ParseResult.Hit) r).hit();
    }

    private static HttpHit hit(String client, String peer, ClientResolver resolver) {
        return hit(FORMAT, resolver, LINE.replace("CLIENT", client).replace("PEER", peer));
    }

    @Test
    void theRealIpPeerIsThePeerAndRemoteAddrTheClientFromATrustedProxy() {
        HttpHit h = hit("203.0.113.9", "10.0.0.2", TRUSTING);
        assertThat(h.client()).isEqualTo(IpKey.parse("203.0.113.9"));
        assertThat(h.via()).containsExactly(IpKey.parse("10.0.0.2"));
        HttpHit mapped = hit("::ffff:203.0.113.9", "::ffff:10.0.0.2", TRUSTING); // listen [::]:80 ipv6only=off
        assertThat(mapped.client()).isEqualTo(IpKey.parse("203.0.113.9"));
        assertThat(mapped.via()).containsExactly(IpKey.parse("10.0.0.2"));
    }

    @Test
    void remoteAddrFromAPeerNotTrustedHereIsNotBelieved() {
        HttpHit h = hit("203.0.113.9", "198.51.100.8", TRUSTING);
        assertThat(h.client()).isEqualTo(IpKey.parse("198.51.100.8"));
        assertThat(h.via()).isEmpty();
        HttpHit none = hit("203.0.113.9", "10.0.0.2", ClientResolver.DIRECT);
        assertThat(none.client()).isEqualTo(IpKey.parse("10.0.0.2"));
        HttpHit direct = hit("198.51.100.8", "198.51.100.8", TRUSTING); // nginx found no other client
        assertThat(direct.client()).isEqualTo(IpKey.parse("198.51.100.8"));
        assertThat(direct.via()).isEmpty();
    }

    /** The module took the hops it trusted off the header: a chain logged beside is not read. */
    @Test
    void aForwardedHeaderBesideIsNotRead() {
        HttpHit h = hit(
                FORMAT + " \"$http_x_forwarded_for\"",
                TRUSTING,
                LINE.replace("CLIENT", "203.0.113.9").replace("PEER", "10.0.0.2") + " \"198.51.100.50\"");
        assertThat(h.client()).isEqualTo(IpKey.parse("203.0.113.9"));
        assertThat(h.via()).containsExactly(IpKey.parse("10.0.0.2"));
    }

    /** The same in nginx's escape=json format: {@code "realip_remote_addr"} is the peer. */
    @Test
    void anEscapeJsonLineWithTheRealIpPeer() {
        String line = "{\"time_iso8601\":\"2026-12-07T14:34:28+00:00\",\"remote_addr\":\"CLIENT\","
                + "\"realip_remote_addr\":\"PEER\",\"request\":\"GET /j HTTP/1.1\",\"status\":\"200\"}";
        HttpHit h = hit("json", TRUSTING, line.replace("CLIENT", "203.0.113.9").replace("PEER", "10.0.0.2"));
        assertThat(h.client()).isEqualTo(IpKey.parse("203.0.113.9"));
        assertThat(h.via()).containsExactly(IpKey.parse("10.0.0.2"));
        HttpHit untrusted =
                hit("json", TRUSTING, line.replace("CLIENT", "203.0.113.9").replace("PEER", "198.51.100.8"));
        assertThat(untrusted.client()).isEqualTo(IpKey.parse("198.51.100.8"));
        HttpHit auto =
                hit("auto", TRUSTING, line.replace("CLIENT", "203.0.113.9").replace("PEER", "10.0.0.2"));
        assertThat(auto.via()).containsExactly(IpKey.parse("10.0.0.2"));
    }
}
