package dev.nethergaze.source.tail;

import static dev.nethergaze.source.tail.TailHarness.append;
import static dev.nethergaze.source.tail.TailHarness.copyTruncate;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotated files renamed while their names are listed (logrotate renaming {@code .2.gz} to {@code .3.gz}
 * as the tailer looks for a copytruncate copy): the listing is taken again, not given up.
 */
class FileTailerListingRaceTest {

    @TempDir
    Path dir;

    private final TailHarness rec = new TailHarness();

    private static Path away(Path f) {
        return f.resolveSibling(f.getFileName().toString().replace(".log.", ".log.1"));
    }

    /**
     * Old rotated files renamed back and forth without a pause while the log is truncated again and
     * again, its copy beside it: each copy is read on from where the log was read, every line once, and
     * no loss is said. Before, a file renamed between the listing and its look failed the listing: said
     * LOST ("its copy could not be looked for") and the copy read whole at the next look, its lines
     * twice (black-box: the real logrotate, rotate 3, copytruncate, delaycompress, three runs in a row
     * every 0.2 s at 5,000 lines/s: 942 lines read twice).
     */
    @Test
    void aCopyIsFoundWhileOtherRotatedFilesAreRenamed() throws Exception {
        List<Path> old = new ArrayList<>();
        for (int n = 10; n < 50; n++) {
            Path f = Files.writeString(dir.resolve("access.log." + n + ".gz"), "old\n");
            Files.setLastModifiedTime(f, FileTime.fromMillis(0));
            old.add(f);
        }
        Path log = dir.resolve("access.log");
        Path copy = dir.resolve("access.log.1");
        AtomicBoolean stop = new AtomicBoolean();
        Thread renamer = Thread.ofPlatform().start(() -> {
            try {
                while (!stop.get()) { // all away, then all back: each name is gone half the time
                    for (Path f : old) {
                        Files.move(f, away(f));
                    }
                    for (Path f : old) {
                        Files.move(away(f), f);
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<String> written = new ArrayList<>(List.of("first"));
        try (FileTailer t = rec.readFromNew(log, "first\n")) {
            for (int round = 0; round < 30; round++) {
                append(log, "r" + round + "a\n");
                rec.pollLater(t);
                append(log, "r" + round + "b\n");
                Files.deleteIfExists(copy); // rotate 1
                copyTruncate(log, copy, false);
                append(log, "r" + round + "c\n");
                rec.pollLater(t);
                written.addAll(List.of("r" + round + "a", "r" + round + "b", "r" + round + "c"));
            }
        } finally {
            stop.set(true);
            renamer.join();
        }
        assertThat(rec.events).noneMatch(e -> e.kind() == TailEvent.Kind.LOST);
        assertThat(rec.texts()).containsExactlyElementsOf(written);
    }
}
