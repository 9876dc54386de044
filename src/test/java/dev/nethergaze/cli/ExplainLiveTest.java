package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live {@code explain IP} judged ~1 s of lines read from the logs' ends, so an IP a running
 * console flagged for probes two minutes ago was "not seen". It now reads the last hour of the logs
 * unless told otherwise, and says on stderr what it judged.
 */
class ExplainLiveTest {

    private static final DateTimeFormatter CLF =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private Path log(Instant now) throws java.io.IOException {
        Instant t = now.minusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
        String ts = CLF.format(t);
        return Files.write(
                tmp.resolve("access.log"),
                List.of(
                        "203.0.113.66 - - [" + ts + "] \"GET /.env HTTP/1.1\" 404 153 \"-\" \"curl/8\"",
                        "203.0.113.66 - - [" + ts + "] \"GET /.git/config HTTP/1.1\" 404 153 \"-\" \"curl/8\"",
                        "198.51.100.7 - - [" + ts + "] \"GET / HTTP/1.1\" 200 612 \"-\" \"Mozilla/5.0\""));
    }

    private static CliRun explain(Path log, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "explain",
                "203.0.113.66",
                "--access-log",
                log.toString(),
                "--no-auth",
                "--no-conn",
                "--no-history",
                "--no-firewall",
                "--offline"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void findsWhatTheLogsSaidInTheLastHour() throws Exception {
        Path log = log(Instant.now());
        CliRun r = explain(log);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("203.0.113.66: 1 finding, worst ").contains("] exploit: 2 exploit probes");
        assertThat(r.err())
                .contains("nethergaze: explain: judged the last 1h of the logs (the default; --since 1d for"
                        + " ssh_slow_guess's day) and the connection table now\n");

        CliRun shorter = explain(log, "--since", "1m"); // the probes are two minutes old: outside
        assertThat(shorter.out()).isEqualTo("203.0.113.66: not seen\n");
        assertThat(shorter.err())
                .contains("nethergaze: explain: judged the last 1m of the logs and the connection" + " table now\n");
    }
}
