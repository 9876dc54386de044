package dev.nethergaze.source.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rotated files next to a log, oldest first. */
class RotatedSiblingsTest {

    @TempDir
    Path dir;

    /**
     * Files of one time (written in one tick of the file clock) are put in order by their names, not
     * left in the directory's: a higher count is older, a date newer.
     */
    @Test
    void filesOfOneTimeAreOldestFirstByTheirNames() throws Exception {
        FileTime tick = FileTime.from(Instant.parse("2026-12-04T00:00:00Z"));
        for (String name : List.of(
                "access.log.1",
                "access.log.10.gz",
                "access.log.2.gz",
                "access.log-20261204",
                "access.log-20261203.gz")) {
            Files.setLastModifiedTime(Files.writeString(dir.resolve(name), name), tick);
        }
        RotatedSiblings siblings = new RotatedSiblings(dir.resolve("access.log"), new Troubles());
        List<String> found = siblings.rotated(true, null).stream()
                .map(f -> f.path().getFileName().toString())
                .toList();
        assertThat(found)
                .containsExactly(
                        "access.log-20261203.gz",
                        "access.log-20261204",
                        "access.log.10.gz",
                        "access.log.2.gz",
                        "access.log.1");
    }
}
