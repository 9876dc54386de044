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
}
