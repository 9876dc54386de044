package dev.nethergaze.source.tail;

import static dev.nethergaze.source.tail.TailHarness.append;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log deleted and made again once its old file was closed here: ext4 gives the new file the freed
 * inode number at once, so its key is the old one's. It is a new file all the same, read from its start.
 */
class FileTailerInodeReuseTest {

    @TempDir
    Path dir;

    private final TailHarness rec = new TailHarness();

    private static final String LINE = "GET /health 200\n";

    /**
     * The new file holds the same bytes as the old one up to where the old one was read (a log of one
     * repeated line: health checks): only its birth time tells it apart. Before, it was read on from the
     * old one's offset as the file read before under that key (black-box: a log of health checks
     * deleted and made again after the rotate grace, its first 4 lines of 6 never read).
     */
    @Test
    void aLogMadeAgainUnderTheOldInodeIsReadFromItsStart() throws Exception {
        Path log = dir.resolve("access.log");
        try (FileTailer t = rec.readFromNew(log, LINE.repeat(4))) {
            assertThat(rec.lines).hasSize(4);
            Object oldKey = FileKeys.of(log);
            Files.delete(log);
            rec.pollLater(t); // missing: the old file is read on for the grace
            rec.now.set(rec.now.get().plusSeconds(10));
            t.pollOnce(); // the grace is over: closed
            rec.pollLater(t);
            Thread.sleep(20); // a tick of the file clock later than the old one's birth
            Files.writeString(log, LINE.repeat(6));
            rec.pollLater(t);
            assertThat(rec.lines)
                    .as("the new file (%s inode)", oldKey.equals(FileKeys.of(log)) ? "the old" : "another")
                    .hasSize(10);
            append(log, LINE);
            rec.pollLater(t);
            assertThat(rec.lines).hasSize(11);
        }
    }
}
