package dev.nethergaze.act;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command that cannot start says why in plain words; one that runs gives its output and status. */
class ProcessRunnerTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingProgramIsNotInstalled() throws Exception {
        CommandRunner.Result r =
                new ProcessRunner().run(List.of("nethergaze-no-such-program-xyz", "status"), Duration.ofSeconds(5));
        assertThat(r.exit()).isNegative();
        assertThat(r.stderr()).isEqualTo("cannot run nethergaze-no-such-program-xyz: not installed");
        assertThat(r.started()).isFalse();
        assertThat(r.notStarted()).isEqualTo("not installed");
    }

    @Test
    void aFileThatIsNotExecutableIsAPermissionError() throws Exception {
        Path script = Files.writeString(tmp.resolve("tool"), "#!/bin/sh\necho hi\n");
        CommandRunner.Result r = new ProcessRunner().run(List.of(script.toString()), Duration.ofSeconds(5));
        assertThat(r.exit()).isNegative();
        assertThat(r.stderr()).isEqualTo("cannot run " + script + ": permission denied");
        assertThat(r.notStarted()).isEqualTo("permission denied");
    }

    @Test
    void aProgramRunsWithItsOutputAndStatus() throws Exception {
        CommandRunner.Result r =
                new ProcessRunner().run(List.of("sh", "-c", "echo out; exit 3"), Duration.ofSeconds(5));
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
    }
}
