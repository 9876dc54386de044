package dev.nethergaze.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history file on a file system mounted read-only (a real tmpfs, remounted ro: needs root): the
 * message says the file system is read-only, not "missing directory or no permission".
 */
class ReadOnlyMountTest {

    @TempDir
    Path dir;

    @Test
    void aNewFileOnAReadOnlyMountSaysTheFileSystemIsReadOnly() throws Exception {
        try (Tmpfs fs = Tmpfs.mount(dir, "mnt", 1024)) {
            fs.readOnly();
            Path db = fs.dir().resolve("history.db");
            assertThatThrownBy(() -> HistoryStore.open(db))
                    .isInstanceOf(HistoryException.class)
                    .hasMessage("history: " + db + ": cannot create: the file system at " + fs.dir()
                            + " is mounted read-only")
                    .hasMessageNotContaining("no permission");
        }
    }

    @Test
    void anExistingFileOnAReadOnlyMountSaysTheFileSystemIsReadOnly() throws Exception {
        try (Tmpfs fs = Tmpfs.mount(dir, "mnt", 1024)) {
            Path db = fs.dir().resolve("history.db");
            HistoryStore.open(db);
            fs.readOnly();
            assertThatThrownBy(() -> HistoryStore.open(db))
                    .isInstanceOf(HistoryException.class)
                    .hasMessage("history: " + db + ": cannot open: the file system at " + fs.dir()
                            + " is mounted read-only");
        }
    }
}
