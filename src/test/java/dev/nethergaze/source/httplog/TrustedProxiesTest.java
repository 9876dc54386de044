package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Client resolution behind proxies: right-most untrusted address, only from trusted peers. */
class TrustedProxiesTest {

    private static final ClientResolver RESOLVER = new ClientResolver(
            TrustedProxies.parse(List.of("10.0.0.0/8", "2001:db8:ffff::/48", "192.0.2.10", "cloudflare")));

    @ParameterizedTest(name = "{0} via [{1}] -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // peer | forwarded value | client | via: the proxies it came through, nearest the server first
                "10.1.2.3|203.0.113.9|203.0.113.9|10.1.2.3",
                "10.1.2.3|198.51.100.1, 203.0.113.9|203.0.113.9|10.1.2.3", // right-most untrusted wins
                "10.1.2.3|203.0.113.9, 10.9.9.9|203.0.113.9|10.1.2.3 10.9.9.9", // trusted hops on the right: via
                "10.1.2.3|203.0.113.9, 10.9.9.9, 10.8.8.8|203.0.113.9|10.1.2.3 10.8.8.8 10.9.9.9", // two hops
                "10.1.2.3|198.51.100.1, 203.0.113.9, 10.9.9.9|203.0.113.9|10.1.2.3 10.9.9.9", // none left of it
                "10.1.2.3|203.0.113.9, 10.1.2.3|203.0.113.9|10.1.2.3", // the peer named again: once
                "10.1.2.3|10.9.9.9, 10.8.8.8|10.9.9.9|10.1.2.3 10.8.8.8", // all trusted: the left-most
                "10.1.2.3|garbage, 203.0.113.9|203.0.113.9|10.1.2.3",
                "10.1.2.3|203.0.113.9,,10.9.9.9|203.0.113.9|10.1.2.3 10.9.9.9", // an empty element skipped
                "10.1.2.3|203.0.113.9, ,10.9.9.9|203.0.113.9|10.1.2.3 10.9.9.9",
                "10.1.2.3|garbage, 10.9.9.9, 10.8.8.8|10.9.9.9|10.1.2.3 10.8.8.8", // nothing left of garbage
                "10.1.2.3|203.0.113.9:4711|203.0.113.9|10.1.2.3", // with a port
                "10.1.2.3|-|10.1.2.3|",
                "10.1.2.3||10.1.2.3|",
                "10.1.2.3|10.1.2.3|10.1.2.3|", // itself: direct
                "203.0.113.50|198.51.100.66|203.0.113.50|", // spoofed header from an untrusted peer: ignored
                "203.0.113.50|198.51.100.66, 10.9.9.9|203.0.113.50|", // with a trusted-looking hop: ignored too
                "2001:db8:ffff::1|2001:db8:1::7|2001:db8:1::7|2001:db8:ffff::1", // IPv6 proxy and client
                "2001:db8:ffff::1|[2001:db8:1::8]:443, 2001:db8:ffff::2|2001:db8:1::8|2001:db8:ffff::1 2001:db8:ffff::2",
                "2001:db8:1::9|198.51.100.66|2001:db8:1::9|", // untrusted IPv6 peer
                "::ffff:10.1.2.3|::ffff:203.0.113.9|203.0.113.9|10.1.2.3", // v4-mapped both sides
                "192.0.2.10|203.0.113.1|203.0.113.1|192.0.2.10", // a single trusted address
                "192.0.2.11|203.0.113.1|192.0.2.11|",
                "173.245.48.1|198.51.100.77|198.51.100.77|173.245.48.1", // Cloudflare preset (CF-Connecting-IP)
                "2606:4700::1|2001:db8:2::2|2001:db8:2::2|2606:4700::1"
            })
    void resolves(String peer, String forwarded, String client, String via) {
        IpKey p = IpKey.parse(peer);
        assertThat(RESOLVER.resolve(p, forwarded)).isEqualTo(IpKey.parse(client));
        byte[] b = forwarded == null ? new byte[0] : forwarded.getBytes(StandardCharsets.ISO_8859_1);
        ProxyHops hops = new ProxyHops();
        IpKey c = RESOLVER.resolve(p, b, 0, b.length, hops);
        assertThat(c).isEqualTo(IpKey.parse(client));
        List<IpKey> expected = via == null
                ? List.of()
                : Arrays.stream(via.split(" ")).map(IpKey::parse).toList();
        assertThat(hops.via(p, c)).isEqualTo(expected);
    }

    @Test
    void viaIsCappedAndReusedForTheSameProxies() {
        ProxyHops hops = new ProxyHops();
        IpKey peer = IpKey.parse("10.0.0.1");
        StringBuilder chain = new StringBuilder("203.0.113.9");
        for (int i = 2; i < 20; i++) {
            chain.append(", 10.0.0.").append(i);
        }
        byte[] b = chain.toString().getBytes(StandardCharsets.ISO_8859_1);
        IpKey client = RESOLVER.resolve(peer, b, 0, b.length, hops);
        assertThat(client).isEqualTo(IpKey.parse("203.0.113.9"));
        List<IpKey> via = hops.via(peer, client);
        assertThat(via).hasSize(ProxyHops.MAX).startsWith(peer, IpKey.parse("10.0.0.19"));
        RESOLVER.resolve(peer, b, 0, b.length, hops);
        assertThat(hops.via(peer, client)).isSameAs(via); // behind the same proxies: no list per request
        byte[] other = "203.0.113.9, 10.0.0.7".getBytes(StandardCharsets.ISO_8859_1);
        RESOLVER.resolve(peer, other, 0, other.length, hops);
        assertThat(hops.via(peer, client)).containsExactly(peer, IpKey.parse("10.0.0.7"));
    }

    @Test
    void nginxMainForwardedFieldGivesTheClientAndKeepsThePeer() {
        String line =
                "10.0.0.5 - - [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\" \"203.0.113.4, 10.0.0.7\"";
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        HttpHit h = ((ParseResult.Hit) new CombinedParser("t", RESOLVER).parse(b, 0, b.length)).hit();
        assertThat(h.client()).isEqualTo(IpKey.parse("203.0.113.4"));
        assertThat(h.peer()).isEqualTo(IpKey.parse("10.0.0.5"));
        assertThat(h.via()).containsExactly(IpKey.parse("10.0.0.5"), IpKey.parse("10.0.0.7"));
        HttpHit direct = ((ParseResult.Hit) new CombinedParser("t").parse(b, 0, b.length)).hit();
        assertThat(direct.client()).isEqualTo(direct.peer());
    }

    /** A two-hop chain: client 203.0.113.4 -> 10.0.0.7 -> 10.0.0.8 -> peer 10.0.0.5, in each reader. */
    @Test
    void everyFormatGivesEachProxyOfAChain() {
        String xff = "203.0.113.4, 10.0.0.7, 10.0.0.8";
        Map<String, String> lines = Map.of(
                "main",
                "10.0.0.5 - - [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\" \"" + xff + "\"",
                "nginx:$remote_addr [$time_local] \"$request\" $status $body_bytes_sent \"$http_x_forwarded_for\"",
                "10.0.0.5 [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 1 \"" + xff + "\"",
                "apache:%h %t \"%r\" %>s %b \"%{X-Forwarded-For}i\"",
                "10.0.0.5 [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 1 \"" + xff + "\"",
                "json",
                "{\"ts\":1760104536,\"request\":{\"remote_ip\":\"10.0.0.5\",\"method\":\"GET\",\"uri\":\"/\","
                        + "\"headers\":{\"X-Forwarded-For\":[\"" + xff + "\"]}},\"status\":200}");
        lines.forEach((format, line) -> {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            ParseResult r = AccessFormat.parse(format).parser("t", RESOLVER).parse(b, 0, b.length);
            assertThat(r).as(format).isInstanceOf(ParseResult.Hit.class);
            HttpHit h = ((ParseResult.Hit) r).hit();
            assertThat(h.client()).as(format).isEqualTo(IpKey.parse("203.0.113.4"));
            assertThat(h.via())
                    .as(format)
                    .containsExactly(IpKey.parse("10.0.0.5"), IpKey.parse("10.0.0.8"), IpKey.parse("10.0.0.7"));
            assertThat(h.peer()).as(format).isEqualTo(IpKey.parse("10.0.0.5"));
        });
    }

    /**
     * An IPv4-mapped IPv6 range is its IPv4 range: IPv4 keys live in {@code ::ffff:0:0/96}, so {@code
     * ::ffff:10.0.0.0/104} is 10.0.0.0/8, for a peer logged as {@code 10.1.2.3} or as {@code
     * ::ffff:10.1.2.3} (a dual-stack listener's form).
     */
    @ParameterizedTest
    @CsvSource({
        "::ffff:10.0.0.0/104, 10.1.2.3, true",
        "::ffff:10.0.0.0/104, ::ffff:10.255.0.1, true",
        "::ffff:10.0.0.0/104, 11.0.0.1, false",
        "::ffff:10.0.0.0/104, 2001:db8::1, false",
        "::FFFF:a00:0/104, 10.9.9.9, true", // the hex form, upper case
        "[::ffff:10.0.0.0]/104, 10.9.9.9, true",
        "::ffff:192.0.2.10/128, 192.0.2.10, true",
        "::ffff:192.0.2.10/128, 192.0.2.11, false",
        "::ffff:192.0.2.10, 192.0.2.10, true", // a bare mapped address
        "::ffff:0.0.0.0/96, 198.51.100.1, true", // all of IPv4
        "::ffff:0.0.0.0/96, 2001:db8::1, false",
        "::/0, 198.51.100.1, true" // everything, both families
    })
    void ipv4MappedRangesAreTheirIpv4Ranges(String cidr, String peer, boolean trusted) {
        assertThat(TrustedProxies.parse(List.of(cidr)).contains(IpKey.parse(peer)))
                .isEqualTo(trusted);
    }

    @Test
    void badEntriesAreNamed() {
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("proxy.example"))).hasMessageContaining("proxy.example");
        for (String bad : List.of(
                "::ffff:10.0.0.0/129",
                "::ffff:10.0.0.0/95x",
                "10.0.0.0/",
                "/8",
                "10.0.0.0/8/8",
                "10.0.0.0/-1",
                "10.0.0.0/+8",
                "10.0.0.0/ 8",
                "::ffff:10.0.0.0/")) {
            assertThatThrownBy(() -> TrustedProxies.parse(List.of("192.0.2.1", bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad)
                    .hasMessageNotContaining("\n");
        }
        // an IPv4-mapped base with an IPv4-sized prefix: written meaning 10/8, it would be ::/8 and trust
        // every IPv4 peer (all live in ::ffff:0:0/96); refused, saying what to write
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("::ffff:10.0.0.0/8")))
                .hasMessage("an IPv4-mapped range needs a prefix of 96 or more, not ::ffff:10.0.0.0/8"
                        + " (::ffff:10.0.0.0/104 is 10.0.0.0/8)");
        assertThat(TrustedProxies.parse(List.of("0.0.0.0/0")).contains(IpKey.parse("8.8.8.8")))
                .isTrue();
        assertThat(TrustedProxies.parse(List.of("0.0.0.0/0")).contains(IpKey.parse("2001:db8::1")))
                .isFalse();
    }
}
