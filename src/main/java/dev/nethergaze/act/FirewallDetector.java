package dev.nethergaze.act;

import dev.nethergaze.model.Plural;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the firewall that is actually in charge, by asking each tool (read-only commands):
 * ufw enabled → ufw; else any nftables table loaded → nftables (iptables-nft rules show up there
 * too, and our own table coexists with them); else iptables rules present → iptables (with ipset if
 * sets exist); else nftables when nft is installed, iptables otherwise (a guess, not "no firewall",
 * when a tool refused to answer for want of root).
 */
public final class FirewallDetector {

    /**
     * What was found, with the reasons to show the user; {@code known} false when a probe was refused for want of root, so
     * that the backend is the fallback's guess, not what the host runs.
     */
    public record Detection(Backend backend, List<String> reasons, boolean known) {
        public Detection {
            reasons = List.copyOf(reasons);
        }

        Detection(Backend backend, List<String> reasons) {
            this(backend, reasons, true);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final CommandRunner runner;

    public FirewallDetector(CommandRunner runner) {
        this.runner = runner;
    }

    /** Why a probe command failed: why it could not start ("not installed"), else its first line of output. */
    private static String unavailable(CommandRunner.Result r) {
        return r.started() ? "not available (" + r.firstLine() + ")" : r.notStarted();
    }

    /** Whether a probe failed for want of privileges (ufw, nft and iptables all need root to answer). */
    private static boolean refused(CommandRunner.Result r) {
        if (r.ok()) {
            return false;
        }
        String why = (r.started() ? r.firstLine() : r.notStarted()).toLowerCase(java.util.Locale.ROOT);
        return why.contains("permission denied")
                || why.contains("operation not permitted")
                || why.contains("must be root")
                || why.contains("need to be root");
    }

    public Detection detect() throws InterruptedException {
        List<String> why = new ArrayList<>();
        CommandRunner.Result ufw = runner.run(List.of("ufw", "status"), TIMEOUT);
        if (ufw.ok() && ufw.stdout().contains("Status: active")) {
            why.add("ufw status: active");
            return new Detection(Backend.UFW, why);
        }
        why.add("ufw: " + (ufw.ok() ? "inactive" : unavailable(ufw)));
        CommandRunner.Result nft = runner.run(List.of("nft", "list", "tables"), TIMEOUT);
        boolean nftInstalled = nft.started(); // a timed-out nft is installed, only slow
        if (nft.ok() && nft.stdout().lines().anyMatch(l -> l.startsWith("table "))) {
            why.add("nftables: "
                    + Plural.of(
                            nft.stdout()
                                    .lines()
                                    .filter(l -> l.startsWith("table "))
                                    .count(),
                            "table") + " loaded");
            return new Detection(Backend.NFTABLES, why);
        }
        why.add("nftables: " + (nft.ok() ? "no tables" : unavailable(nft)));
        CommandRunner.Result ipt = runner.run(List.of("iptables", "-w", "-S"), TIMEOUT);
        long rules =
                ipt.ok() ? ipt.stdout().lines().filter(l -> l.startsWith("-A ")).count() : 0;
        if (rules > 0) {
            CommandRunner.Result sets = runner.run(List.of("ipset", "list", "-n"), TIMEOUT);
            if (sets.ok() && !sets.stdout().isBlank()) {
                why.add("iptables: " + Plural.of(rules, "rule") + "; ipset: sets present");
                return new Detection(Backend.IPSET, why);
            }
            why.add("iptables: " + Plural.of(rules, "rule"));
            return new Detection(Backend.IPTABLES, why);
        }
        why.add("iptables: " + (ipt.ok() ? "no rules" : unavailable(ipt)));
        Backend fallback = nftInstalled ? Backend.NFTABLES : Backend.IPTABLES;
        if (refused(ufw) || refused(nft) || refused(ipt)) { // nothing seen is not nothing there
            why.add("which firewall is active is not known without root: " + fallback.cliName() + " assumed");
            return new Detection(fallback, why, false);
        }
        why.add("no active firewall: using " + fallback.cliName());
        return new Detection(fallback, why);
    }
}
