package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live end to end: a probing client in a followed access log becomes one alert line, not one per snapshot. */
class AlertsCliTest {

    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    @TempDir
    Path tmp;

    @Test
    void watchSendsEachNewFindingOnceToTheJsonlSink() throws Exception {
        Path log = tmp.resolve("access.log");
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(CLF);
        List<String> lines = new ArrayList<>();
        for (String target : List.of("/.env", "/.git/config", "/%2e%2e/%2e%2e/etc/passwd", "/index.html")) {
            lines.add("203.0.113.9 - - [" + now + "] \"GET " + target + " HTTP/1.1\" 404 162 \"-\" \"curl/8.5\"");
        }
        lines.add("198.51.100.20 - - [" + now + "] \"GET / HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"");
        Files.write(log, lines);
        Path alerts = tmp.resolve("alerts.jsonl");
        CliRun r = CliRun.of(
                "watch",
                "--count",
                "3",
                "--interval",
                "0.3",
                "--no-conn",
                "--from-start",
                "--access-log",
                log.toString(),
                "--set",
                "alerts.jsonl=" + alerts,
                "--filter",
                "rule:exploit");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines())
                .hasSize(3)
                .allSatisfy(
                        l -> assertThat(l).contains("\"ip\":\"203.0.113.9\"").doesNotContain("198.51.100.20"));
        List<String> sent = Files.readAllLines(alerts);
        assertThat(sent)
                .singleElement()
                .asString()
                .contains("\"rule\":\"exploit\"", "\"subject\":\"203.0.113.9\"", "\"severity\":\"critical\"")
                .contains("3 exploit probes");
    }
}
