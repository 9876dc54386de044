package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /**
     * The hint quotes the value as the commands nethergaze shows are quoted ({@code act.Quote}), so that
     * it pastes back as the same argument: before, its own quoting left a single quote inside the value
     * unescaped ({@code 'not port '22''}, which bash reads as {@code not port 22}) and a newline broke the
     * one-line message in two.
     */
    @Test
    void theHintQuotesAValueAsTheShellReadsItBack(@TempDir Path dir) {
        String none = dir.resolve("none.sock").toString();
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("tcp port 22", "'tcp port 22'");
        shown.put("not port '22'", "'not port '\\''22'\\'''");
        shown.put("$(id) `id` $HOME", "'$(id) `id` $HOME'");
        shown.put("80\n443", "$'80\\n443'");
        shown.put("", "''");
        shown.put("10.0.0.0/8,::1", "10.0.0.0/8,::1");
        shown.forEach((value, quoted) -> {
            CliRun r = CliRun.isolated("ctl", "status", "--bpf", value, "--socket", none);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err())
                    .isEqualTo("nethergaze ctl: --bpf applies to set only (nethergaze ctl set --bpf " + quoted + ")"
                            + System.lineSeparator());
        });
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
