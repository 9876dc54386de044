package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter options of {@code ctl} belong to {@code set}, and {@code set} needs one of them. Before, {@code
 * ctl set} alone went to the socket and answered {@code ok} having changed nothing, and {@code ctl status
 * --port 22} was {@code status}, its {@code --port} dropped without a word: both looked as if the filter
 * had been set. Both are usage errors (exit 2), said before any socket is tried.
 */
class CtlSetUsageTest {

    @Test
    void setWithoutAFilterFieldIsAUsageError(@TempDir Path dir) {
        CliRun r = CliRun.isolated(
                "ctl", "set", "--socket", dir.resolve("none.sock").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo("nethergaze ctl: set needs at least one of --port, --proto, --src, --dst, --bpf"
                        + " (an empty value clears one: --port '')");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aFilterOptionOnAnotherCommandIsAUsageError(@TempDir Path dir) {
        String none = dir.resolve("none.sock").toString();
        CliRun r = CliRun.isolated("ctl", "status", "--port", "22", "--socket", none);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo("nethergaze ctl: --port applies to set only (nethergaze ctl set --port 22)");
        CliRun top = CliRun.isolated("ctl", "top", "5", "--bpf", "tcp port 22", "--socket", none);
        assertThat(top.exit()).isEqualTo(2);
        assertThat(top.err().strip())
                .isEqualTo("nethergaze ctl: --bpf applies to set only (nethergaze ctl set --bpf 'tcp port 22')");
    }

    @Test
    void anEmptyValueIsAFieldGiven(@TempDir Path dir) {
        // --port '' clears the port filter: it reaches the socket, whose absence is the error here
        CliRun r = CliRun.isolated(
                "ctl", "set", "--port", "", "--socket", dir.resolve("none.sock").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("nethergaze ctl: no running Nethergaze at ");
    }
}
