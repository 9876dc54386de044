package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One request to one site reads the same vhost whatever logged it: the host name without a port,
 * lower-cased, as nginx's {@code $host} and Apache's {@code %V} log it. Caddy's {@code request.host},
 * nginx's {@code $http_host}, Apache's {@code %{Host}i} (the Host header as the client wrote it) and
 * vhost_combined's {@code %v:%p} kept the port ({@code example.com:8443}), so the same site read as two
 * or three. Values as nginx 1.22, Apache 2.4 and Caddy 2.6 logged them on loopback for {@code curl -H
 * 'Host: Example.COM:8443'} and {@code curl -g http://[::1]:PORT/}.
 */
class VhostSiteTest {

    private static final String COMBINED_REST =
            " - - [07/Dec/2026:11:12:02 +0000] \"GET / HTTP/1.1\" 200 3 \"-\" \"curl/7.88.1\"";

    private static HttpHit hit(String format, String line) {
        return Hits.hit(AccessFormat.parse(format), line);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "example.com:8443 | example.com",
                "Example.COM:8443 | example.com",
                "[::1]:18083 | [::1]",
                "127.0.0.1:18083 | 127.0.0.1",
                "example.com | example.com",
                "[2001:db8::1] | [2001:db8::1]",
                "2001:db8::1 | 2001:db8::1",
                "shop-1.example:443 | shop-1.example",
            })
    void theVhostIsTheSiteWithoutItsPortInEveryFormat(String logged, String site) {
        String caddy = "{\"level\":\"info\",\"ts\":1796641944.9,\"logger\":\"http.log.access.log0\",\"msg\":"
                + "\"handled request\",\"request\":{\"remote_ip\":\"127.0.0.1\",\"remote_port\":\"48194\","
                + "\"proto\":\"HTTP/1.1\",\"method\":\"GET\",\"host\":\"" + logged + "\",\"uri\":\"/\"},"
                + "\"size\":0,\"status\":404}";
        assertThat(hit("auto", caddy).vhost()).as("Caddy").isEqualTo(site);
        String traefik = "{\"ClientHost\":\"127.0.0.1\",\"RequestHost\":\"" + logged + "\",\"RequestMethod\":\"GET\","
                + "\"RequestPath\":\"/\",\"RequestProtocol\":\"HTTP/1.1\",\"DownstreamStatus\":200,"
                + "\"StartUTC\":\"2026-12-07T11:12:02Z\"}";
        assertThat(hit("traefik", traefik).vhost()).as("Traefik").isEqualTo(site);
        String nginxJson = "{\"time\":\"2026-12-07T11:11:27+00:00\",\"remote_addr\":\"127.0.0.1\",\"http_host\":\""
                + logged + "\",\"request\":\"GET / HTTP/1.1\",\"status\":\"200\"}";
        assertThat(hit("auto", nginxJson).vhost())
                .as("nginx escape=json $http_host")
                .isEqualTo(site);
        assertThat(hit(
                                "nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
                                        + " \"$http_referer\" \"$http_user_agent\" $http_host",
                                "127.0.0.1" + COMBINED_REST + " " + logged)
                        .vhost())
                .as("nginx $http_host")
                .isEqualTo(site);
        assertThat(hit(
                                "apache:%{Host}i %h %l %u %t \"%r\" %>s %O",
                                "" + logged + " 127.0.0.1"
                                        + COMBINED_REST.substring(0, COMBINED_REST.indexOf(" \"-\"")))
                        .vhost())
                .as("Apache %{Host}i")
                .isEqualTo(site);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "localhost:80 | localhost",
                "shop.example:443 | shop.example",
                "Shop.Example:443 | shop.example",
            })
    void vhostCombinedReadsTheSameSite(String logged, String site) {
        assertThat(hit("auto", logged + " 127.0.0.1" + COMBINED_REST).vhost()).isEqualTo(site);
        assertThat(hit("vhost_combined", logged + " 127.0.0.1" + COMBINED_REST).vhost())
                .isEqualTo(site);
        assertThat(hit(
                                "apache:%v:%p %h %l %u %t \"%r\" %>s %O \"%{Referer}i\" \"%{User-Agent}i\"",
                                logged + " 127.0.0.1" + COMBINED_REST)
                        .vhost())
                .isEqualTo(site);
    }

    /**
     * Apache's {@code %{Host}i %h %l %u %t ...} (a vhost_combined recipe) logs "-" for a request with no
     * Host header (HTTP/1.0, a scanner's): no site, as "-" is none in every other field and format.
     * It was the vhost "-".
     */
    @Test
    void aDashVhostIsNone() {
        String line = "- 127.0.0.1 - - [07/Dec/2026:11:12:05 +0000] \"GET / HTTP/1.0\" 404 236";
        assertThat(hit("auto", line).vhost()).isEmpty();
        assertThat(hit("vhost_combined", line + " \"-\" \"-\"").vhost()).isEmpty();
        assertThat(hit("auto", line).client().toString()).isEqualTo("127.0.0.1");
        assertThat(hit("apache:%{Host}i %h %l %u %t \"%r\" %>s %O", line).vhost())
                .isEmpty();
    }
}
