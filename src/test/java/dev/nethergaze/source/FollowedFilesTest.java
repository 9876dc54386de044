package dev.nethergaze.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.tail.TailEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-file entries of a followed source: bounded when files come and go, the whole still counted. */
class FollowedFilesTest {

    @Test
    void filesGoneSinceAreKeptUpToTheCapOldestNamesFirstOut() {
        FollowedFiles f =
                new FollowedFiles("http:/logs/*.log", "http", List.of("/logs/*.log"), 1024, StatusReporter.silent());
        int days = FollowedFiles.MAX_GONE + 36;
        Path today = null;
        for (int d = 1; d <= days; d++) { // one date-named log a day, each read once
            today = Path.of("/logs/access-2026-%03d.log".formatted(d));
            f.line(today);
            f.line(today);
            f.update(List.of(today), List.of());
        }
        f.update(
                List.of(today),
                List.of(new TailEvent(TailEvent.Kind.PERMISSION_DENIED, Path.of("/logs/z.log"), "denied")));
        List<SourceHealth> entries = f.entries();
        assertThat(entries).hasSize(FollowedFiles.MAX_GONE + 2); // the gone ones kept, today's, the denied one
        assertThat(entries.getFirst().name()).isEqualTo("http:/logs/access-2026-036.log");
        assertThat(entries.get(entries.size() - 2))
                .satisfies(e -> assertThat(e.status()).isEqualTo(SourceStatus.OK))
                .satisfies(e -> assertThat(e.lines()).isEqualTo(2));
        assertThat(entries.getLast().status()).isEqualTo(SourceStatus.PERMISSION_DENIED);
        assertThat(entries.subList(0, FollowedFiles.MAX_GONE)).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(SourceStatus.DONE);
            assertThat(e.lines()).isEqualTo(2);
        });
        assertThat(f.health().lines()).as("the whole source keeps every line").isEqualTo(2L * days);

        f.line(Path.of("/logs/access-2026-001.log")); // a dropped file written again: counted afresh
        assertThat(f.health().lines()).isEqualTo(2L * days + 1);
    }
}
