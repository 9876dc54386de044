package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.source.conn.Netns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nethergaze block} and {@code unblock} as a user runs them, executing, inside a network
 * namespace of this test (its own nftables; the host's firewall is not touched): after running the
 * commands, each reads the firewall back and says whether the block is there, or gone, and whose
 * block still holds the address.
 */
class BlockNamespaceIT {

    @TempDir
    Path tmp;

    @Test
    void blockAndUnblockReadTheFirewallBackAndSaySo() throws Exception {
        String missing = Netns.missing("nft");
        assumeTrue(missing == null, missing);
        try (Netns ns = Netns.create()) {
            String block = run(ns, "block", "192.0.2.9");
            assertThat(block)
                    .contains("# done: ")
                    .contains(
                            "# confirmed: nethergaze drops 192.0.2.9 (inet nethergaze input: ip saddr @blocked4 drop)");
            // a timed block over the permanent one keeps it, and says so
            assertThat(run(ns, "block", "192.0.2.9", "--for", "90s"))
                    .startsWith("# already blocked permanently by nethergaze: kept; unblock first to make it timed\n")
                    .contains("# confirmed: nethergaze drops 192.0.2.9");
            assertThat(ns.exec("nft", "list", "set", "inet", "nethergaze", "blocked4"))
                    .contains("elements = { 192.0.2.9 }");
            // a timed block: until when, as the firewall read back holds it
            assertThat(run(ns, "block", "2001:db8:bad::/64", "--for", "1h"))
                    .containsPattern(
                            "# confirmed: nethergaze drops 2001:db8:bad::/64 until \\S+Z, in (59m[0-5]\\ds|1h00m)"
                                    + " \\(inet nethergaze input: ip6 saddr @blocked6 drop\\)");

            // fail2ban holds the same address on port 22: our unblock lifts ours and says whose stays
            ns.exec("nft", "add", "table", "inet", "f2b-table");
            ns.exec("nft", "add", "set", "inet", "f2b-table", "addr-set-sshd", "{ type ipv4_addr; }");
            ns.exec("nft", "add", "chain", "inet", "f2b-table", "f2b-chain", "{ type filter hook input priority -1; }");
            ns.exec(
                    "nft",
                    "add",
                    "rule",
                    "inet",
                    "f2b-table",
                    "f2b-chain",
                    "tcp",
                    "dport",
                    "22",
                    "ip",
                    "saddr",
                    "@addr-set-sshd",
                    "reject");
            ns.exec("nft", "add", "element", "inet", "f2b-table", "addr-set-sshd", "{ 192.0.2.9 }");
            assertThat(run(ns, "unblock", "192.0.2.9"))
                    .contains("# confirmed: nethergaze's block is gone; fail2ban sshd still blocks 192.0.2.9");
            assertThat(run(ns, "unblock", "2001:db8:bad::/64"))
                    .contains("# confirmed: no rule blocks 2001:db8:bad::/64 any more");
        }
    }

    /**
     * A block of an address another rule already drops (a hand-made ip6tables DROP) starts with what
     * holds it, the notice the console's block dialog shows for that row (BlockLines). Before: the
     * console said so, {@code block --dry-run} printed only its commands.
     */
    @Test
    void aBlockSaysWhatAlreadyBlocksTheAddress() throws Exception {
        String missing = Netns.missing("nft", "ip6tables");
        assumeTrue(missing == null, missing);
        try (Netns ns = Netns.create()) {
            ns.exec("ip6tables", "-A", "INPUT", "-s", "2001:db8:bad:7::5", "-j", "DROP");
            String out = run(ns, "block", "--dry-run", "2001:db8:bad:7::5");
            assertThat(out.lines().toList())
                    .first()
                    .asString()
                    .startsWith("# already blocked by ip6tables: every packet · 2001:db8:bad:7::5");
            assertThat(out)
                    .contains("\n# nothing more is needed unless it should outlast that block\n\n")
                    .endsWith("# dry run: nothing was executed\n");
            // an address nothing blocks: only the plan
            assertThat(run(ns, "block", "--dry-run", "2001:db8:bad:7::6")).doesNotContain("already blocked");
        }
    }

    /**
     * The jar inside {@code ns}, executing blocks (with an audit log of its own, and no history: an
     * executed block is recorded there); its stdout.
     */
    private String run(Netns ns, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--no-history",
                "--firewall",
                "nftables",
                "--set",
                "actions.enable_block_execution=true",
                "--set",
                "actions.audit_log=" + tmp.resolve("audit.jsonl")));
        Process p = new ProcessBuilder(
                        ShippedJar.command(List.of("ip", "netns", "exec", ns.name()), all.toArray(String[]::new)))
                .redirectError(tmp.resolve("err.txt").toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as(out + java.nio.file.Files.readString(tmp.resolve("err.txt")))
                .isZero();
        return out;
    }
}
