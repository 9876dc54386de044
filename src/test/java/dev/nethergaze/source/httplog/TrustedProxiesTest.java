package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
                // peer | forwarded value | client
                "10.1.2.3|203.0.113.9|203.0.113.9",
                "10.1.2.3|198.51.100.1, 203.0.113.9|203.0.113.9", // right-most untrusted wins
                "10.1.2.3|203.0.113.9, 10.9.9.9|203.0.113.9", // trusted hops on the right are skipped
                "10.1.2.3|10.9.9.9, 10.8.8.8|10.9.9.9", // all trusted: the left-most
                "10.1.2.3|garbage, 203.0.113.9|203.0.113.9",
                "10.1.2.3|203.0.113.9:4711|203.0.113.9", // with a port
                "10.1.2.3|-|10.1.2.3",
                "10.1.2.3||10.1.2.3",
                "203.0.113.50|198.51.100.66|203.0.113.50", // spoofed header from an untrusted peer: ignored
                "2001:db8:ffff::1|2001:db8:1::7|2001:db8:1::7", // IPv6 proxy and client
                "2001:db8:ffff::1|[2001:db8:1::8]:443|2001:db8:1::8",
                "2001:db8:1::9|198.51.100.66|2001:db8:1::9", // untrusted IPv6 peer
                "::ffff:10.1.2.3|::ffff:203.0.113.9|203.0.113.9", // v4-mapped both sides
                "192.0.2.10|203.0.113.1|203.0.113.1", // a single trusted address
                "192.0.2.11|203.0.113.1|192.0.2.11",
                "173.245.48.1|198.51.100.77|198.51.100.77", // Cloudflare preset (CF-Connecting-IP)
                "2606:4700::1|2001:db8:2::2|2001:db8:2::2"
            })
    void resolves(String peer, String forwarded, String client) {
        assertThat(RESOLVER.resolve(IpKey.parse(peer), forwarded)).isEqualTo(IpKey.parse(client));
    }

    @Test
    void nginxMainForwardedFieldGivesTheClientAndKeepsThePeer() {
        String line =
                "10.0.0.5 - - [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\" \"203.0.113.4, 10.0.0.7\"";
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        HttpHit h = ((ParseResult.Hit) new CombinedParser("t", RESOLVER).parse(b, 0, b.length)).hit();
        assertThat(h.client()).isEqualTo(IpKey.parse("203.0.113.4"));
        assertThat(h.peer()).isEqualTo(IpKey.parse("10.0.0.5"));
        HttpHit direct = ((ParseResult.Hit) new CombinedParser("t").parse(b, 0, b.length)).hit();
        assertThat(direct.client()).isEqualTo(direct.peer());
    }

    @Test
    void badEntriesAreNamed() {
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("proxy.example"))).hasMessageContaining("proxy.example");
        assertThat(TrustedProxies.parse(List.of("0.0.0.0/0")).contains(IpKey.parse("8.8.8.8")))
                .isTrue();
        assertThat(TrustedProxies.parse(List.of("0.0.0.0/0")).contains(IpKey.parse("2001:db8::1")))
                .isFalse();
    }
}
