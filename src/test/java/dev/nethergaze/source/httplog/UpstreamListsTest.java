package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * nginx's {@code $upstream_*} variables hold one value per upstream server tried, parted by ", " (and
 * by " : " across an internal redirect), as a request retried on a second server after a 502 logs
 * them: unquoted and followed by other fields, the fields after them are still read where they are.
 */
class UpstreamListsTest {

    private static final String FORMAT = "nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status"
            + " $body_bytes_sent \"$http_referer\" \"$http_user_agent\" $upstream_addr $upstream_status"
            + " $upstream_response_time $host";

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "10.0.0.1:80 200 0.010",
                "10.0.0.1:80, 10.0.0.2:80 502, 200 0.010, 0.004",
                "10.0.0.1:80, 10.0.0.2:80 : 10.0.1.1:80 502, 502 : 200 0.010, 0.004 : 0.002",
                "- - -",
            })
    void theFieldsAfterAListAreReadWhereTheyAre(String upstream) {
        AccessLineParser p = AccessFormat.parse(FORMAT).parser("t", ClientResolver.DIRECT);
        String line = "203.0.113.5 - - [10/Oct/2025:13:55:36 +0000] \"GET /x HTTP/1.1\" 200 12 \"-\" \"curl/8\" "
                + upstream + " shop.example";
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        ParseResult r = p.parse(b, 0, b.length);
        assertThat(r).as(line).isInstanceOf(ParseResult.Hit.class);
        HttpHit h = ((ParseResult.Hit) r).hit();
        assertThat(List.of(h.target(), h.userAgent(), h.vhost())).containsExactly("/x", "curl/8", "shop.example");
    }
}
