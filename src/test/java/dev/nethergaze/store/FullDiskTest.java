package dev.nethergaze.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A new history file on a real full disk (a small tmpfs, filled; needs root): creating it fails with
 * a message saying the disk is full, and leaves nothing behind (no half-made file that the next run
 * would take for an old build's, "migrated schema v1 to v5").
 */
class FullDiskTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {8, 24, 64, 100})
    void aNewFileThatCannotBeMadeIsNotLeftHalfMade(int freeKib) throws Exception {
        try (Tmpfs fs = Tmpfs.mount(dir, "mnt", 1024)) {
            Path filler = fs.fillLeaving(freeKib);
            Path db = fs.dir().resolve("history.db");
            assertThatThrownBy(() -> HistoryStore.open(db))
                    .isInstanceOf(HistoryException.class)
                    .hasMessageStartingWith("history: " + db + ": ")
                    .hasMessageContaining("full")
                    .hasMessageNotContaining("\n");
            try (Stream<Path> left = Files.list(fs.dir())) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly("filler");
            }
            Files.delete(filler);
            List<String> said = new ArrayList<>();
            HistoryStore store = HistoryStore.open(db, said::add);
            assertThat(said).isEmpty();
            assertThat(store.queries().ip(dev.nethergaze.model.IpKey.parse("203.0.113.7"), 5))
                    .isEmpty();
        }
    }
}
