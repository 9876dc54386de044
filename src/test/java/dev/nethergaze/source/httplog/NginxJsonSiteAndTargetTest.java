package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * nginx {@code escape=json} formats as real configs write them: the site as {@code "http_host"}
 * ({@code $http_host}) or {@code "server_name"}, not only {@code "host"}; the target as {@code
 * "uri":"$uri"} with {@code "args":"$args"} beside it (the query string apart), or {@code
 * "request_uri"}.
 */
class NginxJsonSiteAndTargetTest {

    private static final String HEAD = "{\"time\":\"2026-12-06T10:00:00+00:00\",\"remote_addr\":\"203.0.113.7\",";

    private static HttpHit json(String rest) {
        return hit(AccessFormat.AUTO, HEAD + rest);
    }

    private static HttpHit hit(AccessFormat f, String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        ParseResult r = f.parser("test", ClientResolver.DIRECT).parse(b, 0, b.length);
        assertThat(r).isInstanceOf(ParseResult.Hit.class);
        return ((ParseResult.Hit) r).hit();
    }

    @Test
    void theSiteIsTheHttpHostOrServerNameWhenNoHostIsLogged() {
        assertThat(json("\"http_host\":\"shop.example:8443\",\"request\":\"GET / HTTP/1.1\",\"status\":\"200\"}")
                        .vhost())
                .isEqualTo("shop.example"); // without the port the Host header has
        assertThat(json("\"server_name\":\"blog.example\",\"request\":\"GET / HTTP/1.1\",\"status\":\"200\"}")
                        .vhost())
                .isEqualTo("blog.example");
    }

    @Test
    void hostComesFirstThenTheHeaderThenTheServerName() {
        assertThat(json("\"server_name\":\"_\",\"http_host\":\"a.example:80\",\"host\":\"a.example\","
                                + "\"request\":\"GET / HTTP/1.1\",\"status\":200}")
                        .vhost())
                .isEqualTo("a.example");
        assertThat(
                        json("\"server_name\":\"_\",\"http_host\":\"b.example\",\"request\":\"GET / HTTP/1.1\",\"status\":200}")
                                .vhost())
                .isEqualTo("b.example");
        // HTTP/1.0 without a Host header: $http_host is empty, and the block's name is what there is
        assertThat(
                        json("\"http_host\":\"\",\"server_name\":\"c.example\",\"request\":\"GET / HTTP/1.0\",\"status\":200}")
                                .vhost())
                .isEqualTo("c.example");
    }

    @Test
    void uriAndArgsMakeTheTargetWithItsQueryString() {
        HttpHit h = json("\"request_method\":\"GET\",\"uri\":\"/search\",\"args\":\"q=1%27+or+1=1&p=2\","
                + "\"server_protocol\":\"HTTP/1.1\",\"status\":\"200\",\"body_bytes_sent\":\"12\"}");
        assertThat(h.method()).isEqualTo("GET");
        assertThat(h.target()).isEqualTo("/search?q=1%27+or+1=1&p=2");
        assertThat(h.malformedRequest()).isFalse();
        assertThat(json("\"request_method\":\"GET\",\"uri\":\"/\",\"args\":\"\",\"status\":\"200\"}")
                        .target())
                .isEqualTo("/");
        assertThat(json("\"request_method\":\"GET\",\"uri\":\"/\",\"args\":\"-\",\"status\":\"200\"}")
                        .target())
                .isEqualTo("/");
    }

    @Test
    void requestUriOrTheRequestLineIsPreferredToUriAndArgs() {
        assertThat(json("\"request_method\":\"GET\",\"uri\":\"/index.php\",\"args\":\"a=1\","
                                + "\"request_uri\":\"/shop/?a=1\",\"status\":200}")
                        .target())
                .isEqualTo("/shop/?a=1");
        HttpHit line = json("\"request\":\"GET /x/../etc/passwd?a=1 HTTP/1.1\",\"request_method\":\"GET\","
                + "\"uri\":\"/etc/passwd\",\"args\":\"a=1\",\"status\":400}");
        assertThat(line.target()).isEqualTo("/x/../etc/passwd?a=1");
        assertThat(line.protocol()).isEqualTo("HTTP/1.1");
    }

    @Test
    void anNginxFormatReadsTheSameVariables() {
        AccessFormat f =
                AccessFormat.parse("nginx:$remote_addr [$time_local] $http_host $request_method $uri?$args $status");
        HttpHit h = hit(f, "203.0.113.7 [06/Dec/2026:10:00:00 +0000] shop.example:8443 GET /a?b=1 200");
        assertThat(h.vhost()).isEqualTo("shop.example"); // without the port the Host header has
        assertThat(h.target()).isEqualTo("/a?b=1");
        assertThat(hit(f, "203.0.113.7 [06/Dec/2026:10:00:00 +0000] shop.example GET /a? 200")
                        .target())
                .isEqualTo("/a");
    }
}
