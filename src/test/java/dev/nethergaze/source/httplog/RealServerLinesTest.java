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

    /** The full URL as guides log it: {@code $scheme://$host$request_uri}, two variables with nothing between. */
    private static final String FULL_URL = "nginx:$remote_addr:$remote_port $connection $request_id [$time_local]"
            + " \"$request_method $scheme://$host$request_uri $server_protocol\" $status $body_bytes_sent"
            + " $request_length $pipe \"$http_x_real_ip\" \"$http_cf_connecting_ip\" $gzip_ratio"
            + " \"$sent_http_content_type\" $realip_remote_addr";

    /**
     * A request nginx could not read logs {@code $request_uri} as "-" right after the catch-all
     * block's {@code $host} "_": {@code http://_-}. The "-" is the empty target's, not the host's
     * (the vhost was "_-").
     */
    @Test
    void aHostRightBeforeTheRequestUriEndsAtItsSlash() throws IOException {
        List<HttpHit> hits = hits("nginx-scheme-host-uri.log", AccessFormat.parse(FULL_URL));
        assertThat(hits).extracting(HttpHit::vhost).containsExactly("127.0.0.1", "[::1]", "_");
        assertThat(hits).extracting(HttpHit::target).containsExactly("/q?a=1", "/v6?z", "");
        assertThat(hits).extracting(HttpHit::method).containsExactly("GET", "GET", "");
        assertThat(hits).extracting(HttpHit::malformedRequest).containsExactly(false, false, true);
        assertThat(hits).extracting(h -> h.client().toString()).containsExactly("127.0.0.1", "::1", "127.0.0.1");
    }

    /**
     * nginx's {@code escape=json} escapes control bytes as {@code \u0016} but writes bytes of 0x80 and
     * up as they came, so a TLS ClientHello or a path of invalid UTF-8 makes a line that is no valid
     * UTF-8: still a hit (the TLS one a malformed request), as the same request in a text format is.
     */
    @Test
    void anEscapeJsonLineWithRawInvalidUtf8IsStillAHit() throws IOException {
        List<HttpHit> hits = hits("nginx-json-raw-bytes.log", AccessFormat.AUTO);
        assertThat(hits).hasSize(3);
        assertThat(hits).extracting(HttpHit::status).containsExactly(200, 400, 200);
        assertThat(hits).extracting(HttpHit::malformedRequest).containsExactly(false, true, false);
        assertThat(hits.get(2).method()).isEqualTo("GET");
        assertThat(hits.get(2).target()).startsWith("/inv");
        assertThat(hits.get(2).vhost()).isEqualTo("a");
        assertThat(hits.get(1).bytes()).isEqualTo(157);
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
