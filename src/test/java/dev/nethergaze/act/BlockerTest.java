package dev.nethergaze.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.detect.Allowlist;
import dev.nethergaze.detect.Cidr;
import dev.nethergaze.model.IpKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guard refusals, dry runs and failures, against a recording firewall (no process is started). */
class BlockerTest {

    /** Records every command; fails the ones whose first or second argument is in {@code failing}. */
    private static final class RecordingFirewall implements CommandRunner {
        final List<List<String>> ran = new ArrayList<>();
        final List<String> failing;

        RecordingFirewall(String... failing) {
            this.failing = List.of(failing);
        }

        @Override
        public Result run(List<String> argv, Duration timeout) {
            ran.add(argv);
            boolean fail = failing.contains(argv.get(1)) || (argv.size() > 2 && failing.contains(argv.get(2)));
            return new Result(
                    fail ? 1 : 0,
                    "",
                    fail ? "Error: Could not process rule: No such file or directory\nmore" : "",
                    false);
        }
    }

    @TempDir
    Path tmp;

    private Blocker blocker(RecordingFirewall fw, boolean execute) {
        return new Blocker(
                Backend.NFTABLES,
                new BlockGuard(
                        Allowlist.parse(List.of("198.51.100.0/26", "2001:db8:cafe::/48")),
                        Optional.of(IpKey.parse("203.0.113.50"))),
                fw,
                new AuditLog(tmp.resolve("audit.jsonl"), Map.of()),
                execute,
                () -> Instant.parse("2026-11-22T03:00:00Z"));
    }

    @Test
    void refusesAllowlistOwnSshClientLoopbackAndHugePrefixes() {
        RecordingFirewall fw = new RecordingFirewall();
        Blocker b = blocker(fw, true);
        assertThatThrownBy(() -> b.block(Cidr.parse("198.51.100.7"), null, "x"))
                .isInstanceOf(ActionRefused.class)
                .hasMessage("refusing to block 198.51.100.7: it overlaps the allowlist entry 198.51.100.0/26");
        assertThatThrownBy(() -> b.block(Cidr.parse("198.51.100.0/24"), null, "x"))
                .hasMessageContaining("allowlist");
        assertThatThrownBy(() -> b.block(Cidr.parse("2001:db8:cafe:1::/64"), null, "x"))
                .hasMessageContaining("allowlist");
        assertThatThrownBy(() -> b.block(Cidr.parse("203.0.113.50"), null, "x"))
                .hasMessage("refusing to block 203.0.113.50: it contains your own SSH client address 203.0.113.50");
        assertThatThrownBy(() -> b.block(Cidr.parse("203.0.113.0/24"), null, "x"))
                .hasMessageContaining("SSH client");
        assertThatThrownBy(() -> b.block(Cidr.parse("127.0.0.1"), null, "x")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> b.block(Cidr.parse("::1"), null, "x")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> b.block(Cidr.parse("0.0.0.0/0"), null, "x")).hasMessageContaining("too wide");
        assertThatThrownBy(() -> b.block(Cidr.parse("2001::/16"), null, "x")).hasMessageContaining("too wide");
        assertThat(fw.ran).isEmpty();
    }

    /**
     * A multicast group or the broadcast address is where packets go, never where one comes from: a
     * block of it would stop nothing an attacker sends, and could cut this host off its own network's
     * multicast (neighbour discovery is ff02::/16). Before, {@code block 224.0.0.1}, {@code
     * 255.255.255.255} and {@code ff02::1} were planned as any address.
     */
    @Test
    void refusesMulticastGroupsAndTheBroadcastAddress() {
        RecordingFirewall fw = new RecordingFirewall();
        Blocker b = blocker(fw, true);
        for (String t :
                List.of("224.0.0.1", "239.255.255.250", "255.255.255.255", "ff02::1", "ff05::/64", "224.0.0.0/24")) {
            assertThatThrownBy(() -> b.block(Cidr.parse(t), null, "x"))
                    .as(t)
                    .isInstanceOf(ActionRefused.class)
                    .hasMessage("refusing to block " + Cidr.parse(t)
                            + ": a multicast group or the broadcast address, where packets go: none comes from it");
        }
        assertThat(fw.ran).isEmpty();
    }

    @Test
    void dryRunPlansWithoutRunning() throws Exception {
        RecordingFirewall fw = new RecordingFirewall();
        Blocker.Outcome o = blocker(fw, false).block(Cidr.parse("192.0.2.201"), Duration.ofHours(1), "scanner");
        assertThat(o.executed()).isFalse();
        assertThat(o.plan().stream().map(Step::display).toList())
                .endsWith(
                        "nft add element inet nethergaze blocked4 '{ 192.0.2.201 timeout 3600s }'",
                        "ss -K -t -n -4 state connected dst 192.0.2.201/32 || true",
                        "ss -K -t -n -6 state connected dst ::ffff:192.0.2.201/128 || true");
        assertThat(fw.ran)
                .as("only our set was read, to know what it holds already")
                .containsExactly(List.of("nft", "-j", "list", "set", "inet", "nethergaze", "blocked4"));
        assertThat(tmp.resolve("audit.jsonl")).doesNotExist();
    }

    /**
     * Closing the open connections is best effort: on a kernel without SOCK_DESTROY {@code ss -K}
     * fails, the block stands, the next step still runs, and the failure is a warning in the outcome
     * and the audit log, not an error.
     */
    @Test
    void aFailingBestEffortStepWarnsAndTheBlockStands() throws Exception {
        RecordingFirewall fw = new RecordingFirewall("-K");
        Blocker.Outcome o = blocker(fw, true).block(Cidr.parse("192.0.2.201"), null, "guessed a password");
        assertThat(o.executed()).isTrue();
        assertThat(fw.ran)
                .last()
                .isEqualTo(
                        List.of("ss", "-K", "-t", "-n", "-6", "state", "connected", "dst", "::ffff:192.0.2.201/128"));
        assertThat(o.warnings())
                .containsExactly(
                        "ss -K -t -n -4 state connected dst 192.0.2.201/32 failed (exit 1): Error: Could not process rule: No such"
                                + " file or directory",
                        "ss -K -t -n -6 state connected dst ::ffff:192.0.2.201/128 failed (exit 1): Error: Could not process rule: No"
                                + " such file or directory");
        assertThat(Files.readAllLines(tmp.resolve("audit.jsonl")))
                .singleElement()
                .asString()
                .contains("\"action\":\"block\"", "\"exit\":1", "blocked4");
    }

    /**
     * "# done: N commands ran" counted the plan's steps, not what ran: a step whose check found it in
     * place (iptables' -C) ran nothing, and a best-effort ss -K that failed was counted as run. Found
     * blocking an address twice with --firewall iptables in a network namespace: "3 commands ran"
     * the first time, where the second ran none of the rule's.
     */
    @Test
    void doneCountsTheCommandsThatRanNotThePlannedOnes() throws Exception {
        // every command succeeds: the check -C finds the rule in place, so -I never runs
        Blocker.Outcome again = iptables(new RecordingFirewall()).block(Cidr.parse("192.0.2.201"), null, "x");
        assertThat(again.plan()).hasSize(3);
        assertThat(again.done()).isEqualTo("2 commands ran on iptables, 1 already in place");

        // the check fails (not in place): -I runs; both ss -K fail (a kernel without SOCK_DESTROY)
        Blocker.Outcome first = iptables(new RecordingFirewall("-C", "-K")).block(Cidr.parse("192.0.2.201"), null, "x");
        assertThat(first.done()).isEqualTo("3 commands ran on iptables, 2 failed (best effort: see the warnings)");
        assertThat(first.warnings()).hasSize(2);

        // an unblock of what is not blocked: the check fails at once, nothing ran ("0 commands ran" read as a failure)
        Blocker.Outcome none = iptables(new RecordingFirewall("-C")).unblock(Cidr.parse("192.0.2.201"), "x");
        assertThat(none.done()).isEqualTo("nothing to do on iptables");
    }

    private Blocker iptables(RecordingFirewall fw) {
        return new Blocker(
                Backend.IPTABLES,
                new BlockGuard(Allowlist.EMPTY, Optional.empty()),
                fw,
                new AuditLog(tmp.resolve("audit.jsonl"), Map.of()),
                true,
                () -> Instant.parse("2026-11-22T03:00:00Z"));
    }

    /**
     * An audit log that cannot be written (a directory, a read-only disk) does not turn a block that
     * ran into an error: before, the block stood in the firewall while nethergaze said "internal
     * error: java.io.UncheckedIOException", exit 1, without the commands or the read-back, and a
     * firewall command that failed was hidden behind it. Found by pointing actions.audit_log at a
     * directory and blocking inside a network namespace.
     */
    @Test
    void anAuditLogThatCannotBeWrittenIsAWarningNotAnError() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("audit-dir"));
        Blocker.Outcome o = auditingTo(dir, new RecordingFirewall()).block(Cidr.parse("192.0.2.201"), null, "scanner");
        assertThat(o.executed()).isTrue();
        assertThat(o.warnings())
                .containsExactly("the commands ran, but the audit log could not be written: cannot write audit log "
                        + dir + ": Is a directory");

        Blocker f = auditingTo(dir, new RecordingFirewall("delete"));
        assertThatThrownBy(() -> f.unblock(Cidr.parse("192.0.2.201"), "done"))
                .isInstanceOf(ActionRefused.class)
                .hasMessage("unblock 192.0.2.201: nft delete element inet nethergaze blocked4 '{ 192.0.2.201 }' failed"
                        + " (exit 1): Error: Could not process rule: No such file or directory (and the audit log could"
                        + " not be written: cannot write audit log " + dir + ": Is a directory)");
    }

    /** An executing blocker on nftables, guarding nothing, auditing to {@code audit}. */
    private static Blocker auditingTo(Path audit, RecordingFirewall fw) {
        return new Blocker(
                Backend.NFTABLES,
                new BlockGuard(Allowlist.EMPTY, Optional.empty()),
                fw,
                new AuditLog(audit, Map.of()),
                true,
                () -> Instant.parse("2026-11-22T03:00:00Z"));
    }

    @Test
    void failureStopsAndIsAuditedInOneLine() throws Exception {
        RecordingFirewall fw = new RecordingFirewall("delete");
        assertThatThrownBy(() -> blocker(fw, true).unblock(Cidr.parse("2001:db8:bad:1::22"), "done"))
                .isInstanceOf(ActionRefused.class)
                .hasMessage("unblock 2001:db8:bad:1::22: nft delete element inet nethergaze blocked6"
                        + " '{ 2001:db8:bad:1::22 }' failed (exit 1): Error: Could not process rule: No such file or"
                        + " directory");
        List<String> audit = Files.readAllLines(tmp.resolve("audit.jsonl"));
        assertThat(audit).singleElement().asString().contains("\"action\":\"unblock\"", "\"exit\":1");
    }

    /**
     * A failed step says what ran before it and that the rest did not run: "nft add set ... failed
     * (exit 1): Error: Could not process rule: File exists" (a blocked4 made by hand without the
     * interval flag, in a network namespace) left unsaid that the table had been added and that the
     * element, the chain and the closing of connections never came.
     */
    @Test
    void aFailedStepSaysWhatRanBeforeItAndWhatDidNot() {
        RecordingFirewall fw = new RecordingFirewall("set");
        assertThatThrownBy(() -> auditingTo(tmp.resolve("a.jsonl"), fw).block(Cidr.parse("198.51.100.0/24"), null, "x"))
                .isInstanceOf(ActionRefused.class)
                .hasMessage("block 198.51.100.0/24: nft add set inet nethergaze blocked4 '{ type ipv4_addr; flags"
                        + " interval, timeout; }' failed (exit 1): Error: Could not process rule: No such file or"
                        + " directory (1 command before it ran; the 6 steps after it did not run)");
    }

    @Test
    void sshClientFromEnvironment() {
        assertThat(SshClient.fromEnv(Map.of("SSH_CONNECTION", "2001:db8::77 50022 2001:db8::1 22")))
                .contains(IpKey.parse("2001:db8::77"));
        assertThat(SshClient.fromEnv(Map.of("SSH_CLIENT", "198.51.100.9 50022 22")))
                .contains(IpKey.parse("198.51.100.9"));
        assertThat(SshClient.fromEnv(Map.of("SSH_CLIENT", "garbage"))).isEmpty();
        assertThat(SshClient.fromEnv(Map.of())).isEmpty();
    }

    @Test
    void detectorPrefersUfwThenNftablesThenIptables() throws Exception {
        CommandRunner ufwActive = (argv, t) -> new CommandRunner.Result(
                argv.getFirst().equals("ufw") ? 0 : 1,
                argv.getFirst().equals("ufw") ? "Status: active\n" : "",
                "",
                false);
        assertThat(new FirewallDetector(ufwActive).detect().backend()).isEqualTo(Backend.UFW);
        CommandRunner nft = (argv, t) -> switch (argv.getFirst()) {
            case "ufw" -> CommandRunner.Result.notStarted("ufw", "not installed");
            case "nft" -> new CommandRunner.Result(0, "table inet filter\n", "", false);
            default -> new CommandRunner.Result(1, "", "", false);
        };
        FirewallDetector.Detection d = new FirewallDetector(nft).detect();
        assertThat(d.backend()).isEqualTo(Backend.NFTABLES);
        assertThat(d.reasons()).containsExactly("ufw: not installed", "nftables: 1 table loaded");
        CommandRunner ipt = (argv, t) -> switch (argv.getFirst()) {
            case "iptables" -> new CommandRunner.Result(0, "-P INPUT ACCEPT\n-A INPUT -j f2b-sshd\n", "", false);
            case "ipset" -> new CommandRunner.Result(0, "", "", false);
            case "nft" -> new CommandRunner.Result(-1, "", "", true); // timed out: installed, but slow
            default -> CommandRunner.Result.notStarted(argv.getFirst(), "not installed");
        };
        FirewallDetector.Detection i = new FirewallDetector(ipt).detect();
        assertThat(i.backend()).isEqualTo(Backend.IPTABLES);
        assertThat(i.reasons()).contains("ufw: not installed", "nftables: not available (timed out)");

        CommandRunner none = (argv, t) -> argv.getFirst().equals("nft")
                ? new CommandRunner.Result(-1, "", "", true)
                : CommandRunner.Result.notStarted(argv.getFirst(), "not installed");
        FirewallDetector.Detection fallback = new FirewallDetector(none).detect();
        assertThat(fallback.backend()).as("nft answered late, so it is there").isEqualTo(Backend.NFTABLES);
        assertThat(fallback.reasons()).last().isEqualTo("no active firewall: using nftables");
    }
}
