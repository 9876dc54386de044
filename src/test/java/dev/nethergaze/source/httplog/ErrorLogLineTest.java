package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lines of nginx's and Apache's error logs, as the servers wrote them on loopback (a missing file with
 * log_not_found, basic-auth failures, bad requests, start and stop notices), are told apart from other
 * unparsed lines in every access format; access lines and near misses are not taken for them.
 */
class ErrorLogLineTest {

    private static ParseResult parse(String format, String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return AccessFormat.parse(format).parser("test", ClientResolver.DIRECT).parse(b, 0, b.length);
    }

    private static List<String> lines(String name) throws Exception {
        return Files.readAllLines(Path.of("src/test/resources/httplog", name));
    }

    @Test
    void everyLineOfARealNginxErrorLogIsOne() throws Exception {
        for (String format :
                List.of("auto", "combined", "json", "nginx:$remote_addr [$time_local] \"$request\" $status")) {
            for (String line : lines("nginx-error.log")) {
                assertThat(parse(format, line))
                        .as(format + ": " + line)
                        .isEqualTo(ParseResult.Malformed.of(ParseResult.Reason.NGINX_ERROR_LOG));
            }
        }
    }

    @Test
    void everyLineOfARealApacheErrorLogIsOneAndSoIsApache22s() throws Exception {
        List<String> all = new java.util.ArrayList<>(lines("apache-error.log"));
        // Apache 2.2's shape (no module, no pid, no fraction of a second), as its documentation gives it
        all.add("[Wed Oct 11 14:32:52 2000] [error] [client 127.0.0.1] client denied by server configuration:"
                + " /export/home/live/ap/htdocs/test");
        for (String format : List.of("auto", "common", "apache:%h %l %u %t \"%r\" %>s %b")) {
            for (String line : all) {
                assertThat(parse(format, line))
                        .as(format + ": " + line)
                        .isEqualTo(ParseResult.Malformed.of(ParseResult.Reason.APACHE_ERROR_LOG));
            }
        }
    }

    @Test
    void accessLinesAndNearMissesAreNot() throws Exception {
        for (String line :
                Files.readAllLines(Path.of("../shared/testdata/accesslog/combined/crowdsec_apache2-logs.log"))) {
            if (!line.startsWith("[")) {
                assertThat(parse("auto", line)).as(line).isInstanceOf(ParseResult.Hit.class);
            }
        }
        for (String near : List.of(
                "2026/12/07 09:50:50 error 27421#27421: *1 open()",
                "2026/12/07 09:50:50 [error] 27421: *1 open()",
                "2026-12-07 09:50:50 [error] 27421#27421: *1 open()",
                "[Mon Dec 07 09:50:57.383798 2026] auth_basic:error",
                "[Mon Dec 07 09:50:57 26] [error] x",
                "[07/Dec/2026:09:50:57 +0000] [error] x")) {
            assertThat(parse("auto", near))
                    .as(near)
                    .isInstanceOf(ParseResult.Malformed.class)
                    .isNotIn(
                            ParseResult.Malformed.of(ParseResult.Reason.NGINX_ERROR_LOG),
                            ParseResult.Malformed.of(ParseResult.Reason.APACHE_ERROR_LOG));
        }
    }
}
