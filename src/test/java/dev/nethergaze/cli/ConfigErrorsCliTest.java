package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigErrorsCliTest {

    @Test
    void unknownKeyExitsTwoWithOneLineNamingKeyAndFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.toml");
        Files.writeString(f, "[general]\ntik_ms = 5\n");
        CliRun r = CliRun.of("snapshot", "--json", "--config", f.toString(), "--no-conn", "--no-http");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("nethergaze: config error: " + f + ": unknown key 'general.tik_ms'\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badValueOnTheCommandLine() {
        CliRun r = CliRun.of("snapshot", "--tick-ms", "5", "--no-conn", "--no-http");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("general.tick_ms")
                .contains("between 50 and 10000")
                .doesNotContain("Exception");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun r = CliRun.of("snapshot", "--frobnicate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("nethergaze: Unknown option: '--frobnicate' (see: nethergaze snapshot --help)\n");
    }

    /** A usage error is one line and where to look (it was followed by the whole usage text, ~100 lines). */
    @Test
    void aBadValueIsOneLine() {
        CliRun r = CliRun.of("watch", "--jsonl", "--interval", "abc");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines())
                .singleElement()
                .asString()
                .contains("--interval")
                .contains("'abc'");
        CliRun count = CliRun.of("watch", "--jsonl", "--count", "0");
        assertThat(count.exit()).isEqualTo(2);
        assertThat(count.err().strip()).isEqualTo("nethergaze: --count must be at least 1, got 0");
    }

    /**
     * A --since out of range names --since and what was typed, as a bad unit does (found by hand:
     * {@code watch --since -1h} and {@code --since 100000d} said "config error: command line:
     * general.backfill_seconds: must be between 0 and 2592000, got -3600", a key the user never typed).
     */
    @Test
    void aSinceOutOfRangeNamesTheOption() {
        CliRun negative = CliRun.of("snapshot", "--json", "--no-conn", "--no-http", "--since", "-1h");
        assertThat(negative.exit()).isEqualTo(2);
        assertThat(negative.err().strip())
                .isEqualTo("nethergaze: --since: expected a duration back from now, 0 to 30d, got '-1h'");
        CliRun tooFar = CliRun.of("replay", "--since", "100000d", "/nonexistent.log");
        assertThat(tooFar.exit()).isEqualTo(2);
        assertThat(tooFar.err().strip())
                .isEqualTo("nethergaze: --since: expected a duration back from now, 0 to 30d, got '100000d'");
        CliRun thirtyDays = CliRun.of("snapshot", "--json", "--no-conn", "--no-http", "--no-auth", "--since", "30d");
        assertThat(thirtyDays.err()).doesNotContain("--since");
    }

    /** A bad zone or proxy range on the command line: exit 2, one line naming the key and the value. */
    @Test
    void aBadLogTimeZoneOrProxyRangeIsOneLine() {
        CliRun zone = CliRun.of("snapshot", "--json", "--log-time-zone", "Mars/Olympus", "--no-conn");
        assertThat(zone.exit()).isEqualTo(2);
        assertThat(zone.err().lines()).singleElement().asString().contains("http.log_time_zone", "'Mars/Olympus'");
        CliRun proxy = CliRun.of("snapshot", "--json", "--trusted-proxy", "::ffff:10.0.0.0/129", "--no-conn");
        assertThat(proxy.exit()).isEqualTo(2);
        assertThat(proxy.err().lines())
                .singleElement()
                .asString()
                .contains("http.trusted_proxies", "::ffff:10.0.0.0/129");
        assertThat(CliRun.of("replay", "--help").out()).contains("--log-time-zone=ZONE", "time_local");
    }

    /**
     * A log path with a wildcard in a directory part is refused before anything starts, naming the
     * option (or the key and the file) and the value. Before: exit 0, nothing on stderr, and the source
     * said "failed: java.lang.IllegalArgumentException: wildcards are only supported in the file name".
     */
    @Test
    void aWildcardInALogPathsDirectoryIsAUsageError(@TempDir Path dir) throws Exception {
        String glob = dir + "/*/x/*.log";
        for (String option : new String[] {"--access-log", "--auth-log"}) {
            CliRun r = CliRun.of(
                    "watch",
                    "--jsonl",
                    "--count",
                    "1",
                    "--no-conn",
                    "--no-firewall",
                    "--offline",
                    "--no-history",
                    "--no-socket",
                    option,
                    glob);
            assertThat(r.exit()).as(option).isEqualTo(2);
            assertThat(r.err())
                    .isEqualTo("nethergaze: " + option + " " + glob + ": a wildcard is allowed in the file name only,"
                            + " not in a directory (like /var/log/nginx/*access*.log)\n");
            assertThat(r.out()).isEmpty();
        }
        Path f = dir.resolve("paths.toml");
        Files.writeString(f, "[http]\npaths = [\"" + glob + "\"]\n");
        CliRun r = CliRun.of(
                "watch",
                "--jsonl",
                "--count",
                "1",
                "--config",
                f.toString(),
                "--no-conn",
                "--no-firewall",
                "--offline",
                "--no-history",
                "--no-socket",
                "--no-auth");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines())
                .singleElement()
                .asString()
                .startsWith("nethergaze: config error: " + f + ": http.paths: ")
                .contains(glob)
                .doesNotContain("Exception");
    }
}
