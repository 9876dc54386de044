package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.source.conn.Netns;
import dev.nethergaze.store.HistoryStore;
import dev.nethergaze.store.IpRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nethergaze block} and {@code unblock}, executed, are the address's last action in the history
 * file, which {@code history IP} shows ("last block at …: reason"). Nothing wrote it: the history
 * kept no action at all, whatever was blocked. Run as a user would, this build's classes in a process
 * of their own inside a network namespace of this test, on its nftables (never the host's firewall).
 */
class BlockHistoryNamespaceTest {

    @TempDir
    Path tmp;

    @Test
    void anExecutedBlockAndUnblockAreTheAddressesLastAction() throws Exception {
        String missing = Netns.missing("nft");
        assumeTrue(missing == null, missing);
        Path history = tmp.resolve("history.db");
        try (Netns ns = Netns.create()) {
            run(ns, history, "block", "198.51.100.21", "--for", "10m", "--reason", "syn flood drill");
            IpRecord r = record(history);
            assertThat(r.lastAction()).isEqualTo("block");
            assertThat(r.lastActionReason()).isEqualTo("syn flood drill (for 600 s)");

            run(ns, history, "block", "198.51.100.22", "--dry-run", "--reason", "only looking");
            assertThat(HistoryStore.open(history).queries().ip(IpKey.parse("198.51.100.22"), 1))
                    .as("a dry run did nothing")
                    .isEmpty();

            run(ns, history, "unblock", "198.51.100.21", "--reason", "false alarm");
            assertThat(record(history).lastAction()).isEqualTo("unblock");
        }
    }

    /**
     * A block that changed nothing (a timed one over a permanent one, which is kept) is no action in
     * the history: before, {@code history IP} said "last block …: (for 600 s)" of an address that was
     * in fact blocked until unblocked.
     */
    @Test
    void aBlockThatKeptWhatWasThereIsNoNewAction() throws Exception {
        String missing = Netns.missing("nft");
        assumeTrue(missing == null, missing);
        Path history = tmp.resolve("history.db");
        try (Netns ns = Netns.create()) {
            run(ns, history, "block", "198.51.100.21", "--reason", "for good");
            run(ns, history, "block", "198.51.100.21", "--for", "10m", "--reason", "for a while");
            assertThat(record(history).lastActionReason()).isEqualTo("for good");
        }
    }

    private static IpRecord record(Path history) {
        return HistoryStore.open(history)
                .queries()
                .ip(IpKey.parse("198.51.100.21"), 1)
                .orElseThrow();
    }

    /** {@code nethergaze ARGS} in {@code ns}, on nftables, executing, with {@code history}; expects exit 0. */
    private void run(Netns ns, Path history, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                "ip",
                "netns",
                "exec",
                ns.name(),
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of(
                "--firewall",
                "nftables",
                "--history",
                history.toString(),
                "--set",
                "actions.enable_block_execution=true",
                "--set",
                "actions.audit_log=" + tmp.resolve("audit.jsonl")));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("HOME", tmp.toString());
        pb.environment().put("XDG_STATE_HOME", tmp.resolve("state").toString());
        pb.environment().put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
