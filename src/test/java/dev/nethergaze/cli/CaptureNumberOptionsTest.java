package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers below what {@code capture} can use are usage errors, not a run that does nothing. */
class CaptureNumberOptionsTest {

    @TempDir
    Path tmp;

    /** {@code --jsonl-max-mb} below 1 (before: 0 and -5 were accepted silently). */
    @ParameterizedTest
    @ValueSource(strings = {"0", "-5"})
    void aSizeBelowOneMibIsRefused(String mb) {
        CliRun r = replay("--jsonl", tmp.resolve("x.jsonl").toString(), "--jsonl-max-mb", mb);
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("nethergaze capture: --jsonl-max-mb must be at least 1 (MiB), got " + mb + "\n");
    }

    /**
     * {@code --duration} below 1 s. Found black-box: {@code --read http_get.pcap --duration -5} (or 0)
     * read nothing, reported "(no events)", source done, exit 0; a live capture ended at once the same way.
     */
    @ParameterizedTest
    @ValueSource(strings = {"0", "-5"})
    void aDurationBelowOneSecondIsRefused(String seconds) {
        CliRun r = replay("--duration", seconds);
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("nethergaze capture: --duration must be at least 1 (second), got " + seconds + "\n");
    }

    private static CliRun replay(String... options) {
        List<String> args = new ArrayList<>(List.of(
                "capture",
                "--headless",
                "--no-socket",
                "--read",
                TestData.path("pcap/zeek/http_get.pcap").toString()));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }
}
