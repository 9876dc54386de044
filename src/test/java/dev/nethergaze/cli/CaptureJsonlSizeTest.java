package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --jsonl-max-mb} below 1 is a usage error (before: 0 and -5 were accepted silently). */
class CaptureJsonlSizeTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5"})
    void aSizeBelowOneMibIsRefused(String mb) {
        CliRun r = CliRun.of(
                "capture",
                "--headless",
                "--no-socket",
                "--read",
                TestData.path("pcap/zeek/http_get.pcap").toString(),
                "--jsonl",
                tmp.resolve("x.jsonl").toString(),
                "--jsonl-max-mb",
                mb);
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("nethergaze capture: --jsonl-max-mb must be at least 1 (MiB), got " + mb + "\n");
    }
}
