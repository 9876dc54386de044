package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An export path of {@code capture --headless} that cannot be written is one line naming the option
 * and the path, exit 2, before anything is captured (before: the capture ran, then "internal error:
 * java.nio.file.NoSuchFileException", exit 1, and the capture was lost).
 */
class CaptureExportPathsTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"--snapshot", "--csv", "--jsonl"})
    void aPathInAMissingDirectoryIsRefusedAtStart(String option) {
        String file = tmp.resolve("missing-dir").resolve("x.out").toString();
        CliRun r = CliRun.of(
                "capture",
                "--headless",
                "--no-socket",
                "--read",
                TestData.path("pcap/zeek/http_get.pcap").toString(),
                option,
                file);
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("nethergaze: " + option + " " + file + ": cannot write (no such directory "
                        + tmp.resolve("missing-dir") + ")\n");
        assertThat(r.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--snapshot", "--csv"})
    void aDirectoryIsRefusedAtStartAndNothingIsCreated(String option) throws Exception {
        CliRun r = CliRun.of(
                "capture",
                "--headless",
                "--no-socket",
                "--read",
                TestData.path("pcap/zeek/http_get.pcap").toString(),
                option,
                tmp.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("nethergaze: " + option + " " + tmp + ": cannot write (is a directory)\n");
        try (var files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }
}
