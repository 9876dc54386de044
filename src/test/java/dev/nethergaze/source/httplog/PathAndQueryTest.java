package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Formats that log the request's path and its query string apart (Apache's {@code %U} and {@code %q},
 * nginx's {@code $uri}, {@code $is_args} and {@code $args}): the target is the two joined, what the
 * client asked for, so that rules see the query; written side by side, in one quoted field or in two.
 */
class PathAndQueryTest {

    private static final String TIME = "[10/Oct/2025:13:55:36 +0000]";

    private static HttpHit hit(String format, String line) {
        AccessLineParser p = AccessFormat.parse(format).parser("t", ClientResolver.DIRECT);
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        ParseResult r = p.parse(b, 0, b.length);
        assertThat(r).as(format + " | " + line).isInstanceOf(ParseResult.Hit.class);
        return ((ParseResult.Hit) r).hit();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // Apache: %q is "?" and the query string, or nothing
                "apache:%h %l %u %t \"%m %U%q %H\" %>s %b | \"GET /search?q=1%27+or+1=1 HTTP/1.1\" 200 5"
                        + " | GET /search?q=1%27+or+1=1",
                "apache:%h %l %u %t \"%m %U%q %H\" %>s %b | \"GET /index.php HTTP/1.1\" 200 5 | GET /index.php",
                "apache:%h %l %u %t \"%U%q\" %>s %b | \"/wp-login.php?action=register\" 404 5"
                        + " | /wp-login.php?action=register",
                "apache:%h %l %u %t \"%U%q\" %>s %b | \"/wp-login.php\" 404 5 | /wp-login.php",
                "apache:%h %l %u %t \"%U\" \"%q\" %>s %b | \"/search\" \"?q=x\" 200 5 | /search?q=x",
                "apache:%h %l %u %t \"%U\" \"%q\" %>s %b | \"/search\" \"\" 200 5 | /search",
                "apache:%h %l %u %t %m %U%q %>s %b | GET /a.php?id=1 200 5 | GET /a.php?id=1",
                "apache:%h %l %u %t \"%m %U %H\" %>s %b | \"GET /search HTTP/1.1\" 200 5 | GET /search",
                // nginx: $is_args is "?" when $args is not empty
                "nginx:$remote_addr - $remote_user [$time_local] \"$uri$is_args$args\" $status $body_bytes_sent"
                        + " | \"/search?q=1\" 200 5 | /search?q=1",
                "nginx:$remote_addr - $remote_user [$time_local] \"$uri$is_args$args\" $status $body_bytes_sent"
                        + " | \"/search\" 200 5 | /search",
                "nginx:$remote_addr - $remote_user [$time_local] \"${uri}${is_args}${args}\" $status $body_bytes_sent"
                        + " | \"/search?q=1\" 200 5 | /search?q=1",
                "nginx:$remote_addr - $remote_user [$time_local] \"$uri\" \"$is_args$args\" $status $body_bytes_sent"
                        + " | \"/search\" \"?q=1\" 200 5 | /search?q=1",
                "nginx:$remote_addr - $remote_user [$time_local] \"$request_method $uri$is_args$args\" $status"
                        + " $body_bytes_sent | \"GET /search?q=1\" 200 5 | GET /search?q=1",
                "nginx:$remote_addr - $remote_user [$time_local] \"$request_uri\" $status $body_bytes_sent"
                        + " | \"/search?q=1\" 200 5 | /search?q=1",
                "nginx:$remote_addr - $remote_user [$time_local] \"$uri?$args\" $status $body_bytes_sent"
                        + " | \"/search?q=1\" 200 5 | /search?q=1",
                "nginx:$remote_addr - $remote_user [$time_local] \"$uri?$args\" $status $body_bytes_sent"
                        + " | \"/search?\" 200 5 | /search",
            })
    void theTargetIsThePathAndItsQuery(String format, String rest, String expected) {
        HttpHit h = hit(format, "203.0.113.5 - - " + TIME + " " + rest);
        String[] want = expected.split(" ");
        if (want.length == 2) {
            assertThat(List.of(h.method(), h.target())).containsExactly(want[0], want[1]);
        } else {
            assertThat(h.target()).isEqualTo(want[0]);
        }
        assertThat(h.status()).isBetween(200, 404);
    }
}
