package dev.nethergaze.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history file on a file system mounted read-only (a real tmpfs, remounted ro: needs root): the
 * message says the file system is read-only, not "missing directory or no permission".
 */
class ReadOnlyMountTest {

    @TempDir
    Path dir;

    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountTmpfs() throws Exception {
        mount = Files.createDirectory(dir.resolve("mnt"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString());
        assumeTrue(mounted, "cannot mount a tmpfs here (not root, or no mount namespace rights)");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", mount.toString());
        }
    }

    private static boolean run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    private void readOnly() throws Exception {
        assumeTrue(run("mount", "-o", "remount,ro", mount.toString()), "cannot remount read-only");
    }

    @Test
    void aNewFileOnAReadOnlyMountSaysTheFileSystemIsReadOnly() throws Exception {
        readOnly();
        Path db = mount.resolve("history.db");
        assertThatThrownBy(() -> HistoryStore.open(db))
                .isInstanceOf(HistoryException.class)
                .hasMessage("history: " + db + ": cannot open: the file system at " + mount + " is mounted read-only")
                .hasMessageNotContaining("no permission");
    }

    @Test
    void anExistingFileOnAReadOnlyMountSaysTheFileSystemIsReadOnly() throws Exception {
        Path db = mount.resolve("history.db");
        HistoryStore.open(db);
        readOnly();
        assertThatThrownBy(() -> HistoryStore.open(db))
                .isInstanceOf(HistoryException.class)
                .hasMessage("history: " + db + ": cannot open: the file system at " + mount + " is mounted read-only");
    }
}
