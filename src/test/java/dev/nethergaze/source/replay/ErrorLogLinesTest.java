package dev.nethergaze.source.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.ClientResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web server's error log read as an access log (a glob such as {@code /var/log/nginx/*.log} takes in
 * {@code error.log}): its lines are said to be an error log's, not merely unparsed, and a file that is
 * one is said to be one. The error logs are what nginx 1.22 and Apache 2.4 wrote on loopback for a
 * missing file (log_not_found), basic-auth failures (a wrong password, an unknown user, none given) and
 * bad requests; the mixed file is crowdsec's nginx-http-generic-bf test log.
 */
class ErrorLogLinesTest {

    private static final Path NGINX = Path.of("src/test/resources/httplog/nginx-error.log");
    private static final Path APACHE = Path.of("src/test/resources/httplog/apache-error.log");
    private static final Path MIXED =
            Path.of("../shared/testdata/accesslog/combined/crowdsec_nginx-http-generic-bf.log");

    @TempDir
    Path dir;

    private static String detail(Path log) throws InterruptedException {
        FileReplay.Options options =
                new FileReplay.Options(AccessFormat.parse("auto"), ClientResolver.DIRECT, ZoneOffset.UTC);
        MergedReplay r = new MergedReplay(List.of(log), options, StatusReporter.silent());
        r.run(new ArrayList<>()::add);
        return r.fileHealth().getFirst().detail();
    }

    @Test
    void nginxErrorLinesAmongAccessLinesAreSaidToBeThat() throws Exception {
        assertThat(detail(MIXED))
                .contains("22 lines, 6 events, 16 unparsed (first at " + MIXED + ":1); 16 of them lines of an nginx"
                        + " error log, not an access log")
                .doesNotContain("no line was recognised");
    }

    @Test
    void apacheErrorLinesAmongAccessLinesAreSaidToBeThatWithTheFirstOnesPlace() throws Exception {
        List<String> access = Files.readAllLines(
                        Path.of("../shared/testdata/accesslog/combined/crowdsec_apache2-logs.log"))
                .subList(0, 1);
        Path log = dir.resolve("all.log");
        Files.write(log, access);
        Files.write(log, Files.readAllLines(APACHE), java.nio.file.StandardOpenOption.APPEND);
        Files.write(log, List.of("garbage"), java.nio.file.StandardOpenOption.APPEND);
        int n = Files.readAllLines(APACHE).size();
        assertThat(detail(log))
                .contains((n + 1) + " unparsed (first at " + log + ":2); " + n
                        + " of them lines of an Apache error log, not an access log (first at " + log + ":2)");
    }

    @Test
    void aFileThatIsAnErrorLogIsSaidToBeOne() throws Exception {
        assertThat(detail(NGINX))
                .contains("an nginx error log: not read as an access log")
                .doesNotContain("no line was recognised");
        assertThat(detail(APACHE))
                .contains("an Apache error log: not read as an access log")
                .doesNotContain("no line was recognised");
    }
}
