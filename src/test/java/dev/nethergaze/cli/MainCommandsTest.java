package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The subcommand table Main builds lazily must match the commands' own names and stay complete in help. */
class MainCommandsTest {

    @Test
    void eachEntryIsTheCommandOfThatName() {
        for (Map.Entry<String, java.util.function.Supplier<Object>> e : Main.SUBCOMMANDS.entrySet()) {
            CommandLine.Command c = e.getValue().get().getClass().getAnnotation(CommandLine.Command.class);
            assertThat(c.name()).as(e.getKey()).isEqualTo(e.getKey());
        }
    }

    @Test
    void aNamedSubcommandBuildsOnlyThatOne() {
        assertThat(Main.commandLine("snapshot").getSubcommands()).containsOnlyKeys("snapshot");
    }

    @Test
    void theVersionBuildsNoCommand() {
        assertThat(Main.commandLine("--version").getSubcommands()).isEmpty();
        assertThat(Main.commandLine("-V").getSubcommands()).isEmpty();
        assertThat(Main.commandLine("--version", "--help").getSubcommands()).hasSameSizeAs(Main.SUBCOMMANDS);
        CliRun v = CliRun.of("--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).startsWith("nethergaze ");
    }

    @Test
    void helpAndUnknownWordsSeeEveryCommand() {
        assertThat(Main.commandLine("help").getSubcommands().keySet())
                .containsExactlyElementsOf(Main.SUBCOMMANDS.keySet());
        assertThat(Main.commandLine("--help").getSubcommands()).hasSameSizeAs(Main.SUBCOMMANDS);
        CliRun usage = CliRun.of("--help");
        assertThat(usage.exit()).isZero();
        assertThat(usage.out()).contains("snapshot", "replay", "unblock");
        CliRun unknown = CliRun.of("snapshotz");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("snapshot");
    }
}
