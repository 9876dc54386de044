package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lines nginx 1.22 wrote on loopback (src/test/resources/httplog), driven by curl and by raw bytes:
 * each is a hit with the fields the server logged.
 */
class RealServerLinesTest {

    /** nginx's {@code $host:$server_port}: a Host of {@code [::1]:18080} logs its host bracketed. */
    private static final String HOST_PORT = "nginx:$remote_addr $host:$server_port [$time_iso8601] $msec"
            + " \"$request\" $status $body_bytes_sent $request_time $upstream_response_time"
            + " \"$http_x_forwarded_for\" \"$http_user_agent\"";

    @Test
    void aBracketedIpv6HostBeforeItsPortIsTheWholeVhost() throws IOException {
        List<HttpHit> hits = hits("nginx-host-port.log", AccessFormat.parse(HOST_PORT));
        assertThat(hits).extracting(HttpHit::vhost).containsExactly("127.0.0.1", "shop.example", "_", "_", "[::1]");
        assertThat(hits)
                .extracting(h -> h.client().toString())
                .containsExactly("127.0.0.1", "::1", "127.0.0.1", "127.0.0.1", "127.0.0.1");
        assertThat(hits).extracting(HttpHit::status).containsExactly(200, 200, 400, 200, 200);
        assertThat(hits.get(2).malformedRequest()).isTrue();
        assertThat(hits.get(4).userAgent()).isEqualTo("a\\\"b\\\\\"c");
    }

    private static List<HttpHit> hits(String name, AccessFormat format) throws IOException {
        byte[] all;
        try (InputStream in = RealServerLinesTest.class.getResourceAsStream("/httplog/" + name)) {
            assertThat(in).as(name).isNotNull();
            all = in.readAllBytes();
        }
        AccessLineParser p = format.parser(name, ClientResolver.DIRECT);
        List<HttpHit> hits = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                ParseResult r = p.parse(all, start, i - start);
                assertThat(r).as("%s line %d", name, hits.size() + 1).isInstanceOf(ParseResult.Hit.class);
                hits.add(((ParseResult.Hit) r).hit());
                start = i + 1;
            }
        }
        return hits;
    }
}
