package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.replay.MergedReplay;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress line a long replay shows on a terminal. */
class ReplayProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void plainFilesShowTheShareDoneTheRateAndTheTimeLeft() {
        assertThat(ReplayProgress.line(new MergedReplay.Progress(84_000_000, 204_000_000, false), 2 * SECOND))
                .isEqualTo("replay: 41% (84 of 204 MB), 42 MB/s, about 3 s left");
        assertThat(ReplayProgress.line(new MergedReplay.Progress(1_000_000_000, 10_000_000_000L, false), 20 * SECOND))
                .isEqualTo("replay: 10% (1,000 of 10,000 MB), 50 MB/s, about 3 min left");
        assertThat(ReplayProgress.line(new MergedReplay.Progress(204_000_000, 204_000_000, false), 3 * SECOND))
                .isEqualTo("replay: 100% (204 of 204 MB), 68 MB/s");
    }

    @Test
    void gzipFilesShowWhatWasReadWithoutAGuessAtTheEnd() {
        assertThat(ReplayProgress.line(new MergedReplay.Progress(300_000_000, 34_000_000, true), 2 * SECOND))
                .isEqualTo("replay: 300 MB read, 150 MB/s");
    }

    @Test
    void aReportedProblemStartsOnItsOwnLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ReplayProgress p = new ReplayProgress(err, () -> new MergedReplay.Progress(0, 0, false))) {
            p.show("replay: 41%");
            p.around(dev.nethergaze.source.StatusReporter.to(err)).report("a.log", SourceStatus.ERROR, "gone");
            p.show("replay: 42%");
        } // and the line shown last is cleared at the end
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("\rreplay: 41%\033[K\r\033[Knethergaze: a.log: error: gone\n\rreplay: 42%\033[K\r\033[K");
    }
}
