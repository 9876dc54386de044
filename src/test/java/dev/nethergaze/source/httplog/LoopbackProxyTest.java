package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.IpKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A reverse proxy on the same host (nginx in front of an app, Caddy in front of nginx) with no
 * trusted_proxies: every request's peer is loopback, hidden with the private addresses, and the
 * clients its lines name in X-Forwarded-For are not believed. The resolver notes which loopback peers
 * sent forwarded client addresses, so the hint can say {@code --trusted-proxy 127.0.0.1} (and {@code
 * ::1}) instead of {@code --show-private-ips}, which would only list the proxy itself.
 */
class LoopbackProxyTest {

    private static final String COMBINED_XFF = "127.0.0.1 - - [04/Sep/2023:15:19:51 +0000] \"GET / HTTP/1.1\" 200 1"
            + " \"-\" \"curl/8\" \"198.51.100.66\"";

    @Test
    void loopbackPeersWithForwardedClientsAreNoted() {
        ClientResolver r = new ClientResolver(TrustedProxies.NONE);
        assertThat(r.loopbackProxies()).isEmpty();
        AccessLineParser combined = AccessFormat.parse("combined").parser("t", r);
        assertThat(CaddyProxyTest.hit(combined, COMBINED_XFF).client()).isEqualTo(IpKey.parse("127.0.0.1"));
        assertThat(r.loopbackProxies()).containsExactly("127.0.0.1");
        AccessLineParser json = AccessFormat.parse("json").parser("t", r);
        CaddyProxyTest.hit(
                json,
                "{\"time_local\":\"04/Sep/2023:15:19:51 +0000\",\"remote_addr\":\"::1\",\"request\":\"GET /"
                        + " HTTP/1.1\",\"status\":\"200\",\"http_x_forwarded_for\":\"2001:db8::66\"}");
        assertThat(r.loopbackProxies()).containsExactly("127.0.0.1", "::1");
    }

    @Test
    void noForwardedClientAnotherPeerOrATrustedProxyIsNothingToSay() {
        ClientResolver r = new ClientResolver(TrustedProxies.NONE);
        AccessLineParser combined = AccessFormat.parse("combined").parser("t", r);
        CaddyProxyTest.hit(combined, COMBINED_XFF.replace("\"198.51.100.66\"", "\"-\""));
        CaddyProxyTest.hit(combined, COMBINED_XFF.replace("\"198.51.100.66\"", "\"127.0.0.1\""));
        CaddyProxyTest.hit(combined, COMBINED_XFF.replace("127.0.0.1 - -", "203.0.113.5 - -"));
        CaddyProxyTest.hit(combined, COMBINED_XFF.replace(" \"198.51.100.66\"", ""));
        assertThat(r.loopbackProxies()).isEmpty();

        ClientResolver trusted = new ClientResolver(TrustedProxies.parse(List.of("127.0.0.1")));
        AccessLineParser p = AccessFormat.parse("combined").parser("t", trusted);
        assertThat(CaddyProxyTest.hit(p, COMBINED_XFF).client()).isEqualTo(IpKey.parse("198.51.100.66"));
        assertThat(trusted.loopbackProxies()).isEmpty();
    }
}
