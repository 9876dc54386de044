package dev.nethergaze.cli;

import dev.nethergaze.act.Backend;
import dev.nethergaze.act.Blocker;
import dev.nethergaze.act.FirewallWatch;
import dev.nethergaze.act.ProcessRunner;
import dev.nethergaze.config.Config;
import dev.nethergaze.detect.Cidr;
import dev.nethergaze.model.Block;
import dev.nethergaze.model.BlockTable;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.ui.tui.draw.Text;
import dev.nethergaze.ui.tui.screen.BlockLines;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** What block and unblock share: the target, the firewall, dry-run, and how the outcome is printed. */
final class BlockOptions {

    @Option(
            names = "--firewall",
            paramLabel = "NAME",
            description = "ufw, nftables, iptables or ipset (default: actions.firewall, \"auto\" detects it).")
    String firewall;

    @Option(names = "--dry-run", description = "Print the commands without running them.")
    boolean dryRun;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit log (default: manual).")
    String reason = "manual";

    /** The CIDR {@code text} names; a note on {@code err} when host bits were set (the network is wider than it reads). */
    static Cidr target(String text, PrintWriter err) {
        String s = text.strip();
        int zone = s.indexOf('%');
        if (zone >= 0) {
            // fe80::1%eth0 was taken as fe80::1 and blocked on every interface without a word
            String bare = s.substring(0, zone) + (s.indexOf('/', zone) > 0 ? s.substring(s.indexOf('/', zone)) : "");
            String id = s.substring(zone, s.indexOf('/', zone) > 0 ? s.indexOf('/', zone) : s.length());
            throw new UserException(s + ": a zone id (" + id + ") names one interface, and the firewall rule would"
                    + " hold on every interface: give the address without it (" + bare + ") to block it everywhere");
        }
        Cidr c;
        try {
            c = mapped(s, err);
            if (c == null) {
                c = Cidr.parse(text);
            }
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        int slash = text.indexOf('/');
        if (slash > 0 && !c.network().equals(IpKey.tryParse(text.strip().substring(0, slash)))) {
            // 203.0.113.9/8 is 203.0.0.0/8: say so before a typo blocks 16 million addresses
            err.println("nethergaze: note: " + text.strip() + " has host bits set: the network is " + c
                    + (c.isV4() ? " (" + (1L << (32 - c.bits())) + " addresses)" : ""));
            err.flush();
        }
        return c;
    }

    /**
     * An IPv4-mapped target ({@code ::ffff:192.0.2.9}, as a dual-stack socket shows an IPv4 client) as
     * the IPv4 address or prefix it is, with a note; its prefix length counts the mapped form's 96 bits
     * ({@code /120} is the IPv4 /24). Null when {@code s} is not one.
     */
    private static Cidr mapped(String s, PrintWriter err) {
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        IpKey ip = IpKey.tryParse(addr);
        if (ip == null || !ip.isV4() || !addr.contains(":")) {
            return null;
        }
        int bits = 128;
        if (slash >= 0) {
            String len = s.substring(slash + 1);
            if (!len.matches("[0-9]{1,3}") || Integer.parseInt(len) > 128) {
                throw new IllegalArgumentException("bad prefix length in '" + s + "'");
            }
            bits = Integer.parseInt(len);
            if (bits < 96) {
                throw new IllegalArgumentException(
                        s + ": an IPv4-mapped prefix is /96 or longer (/120 is the IPv4 /24)");
            }
        }
        Cidr c = new Cidr(ip, bits - 96);
        err.println("nethergaze: note: " + s + " is the IPv4 " + (c.isSingle() ? "address " : "prefix ") + c
                + " as a dual-stack socket shows it (its packets are IPv4): taken as " + c);
        err.flush();
        return c;
    }

    Blocker blocker(Config c, Map<String, String> env, PrintStream info) throws InterruptedException {
        Backend b;
        try {
            b = DetectWiring.backend(firewall != null ? firewall : c.actions().firewall(), info);
        } catch (IllegalArgumentException e) {
            throw new UserException("--firewall: " + e.getMessage());
        }
        boolean execute = c.actions().enableBlockExecution() && !dryRun;
        return new Blocker(
                b,
                DetectWiring.guard(c, env),
                new ProcessRunner(FirewallWatch.MAX_OUTPUT), // our set read whole before a block
                DetectWiring.audit(c, env),
                execute,
                InstantSource.system());
    }

    /** The blocks of {@code t} that hold all of {@code target}: its first address and its last. */
    static List<Block> covering(BlockTable t, Cidr target) {
        return t.find(target.network()).stream()
                .filter(t.find(target.network().prefixEnd(target.bits()))::contains)
                .toList();
    }

    /**
     * What already blocks {@code target}, read from the firewall now ({@code nft}, {@code iptables-save},
     * {@code ip6tables-save}, {@code ipset}), as the console's block dialog says it ({@link
     * BlockLines#beforeBlock}): another tool's block (fail2ban, ufw, a hand-made ip6tables rule) before
     * one is added. nethergaze's own is left to the plan's notes, which say whether it is kept or
     * extended. Nothing when the firewall cannot be read (not root): the plan stands on its own.
     */
    static List<String> alreadyBlocked(Cidr target, FirewallWatch watch, Instant now) throws InterruptedException {
        BlockTable t = watch.readNow();
        if (t == null) {
            return List.of();
        }
        List<Block> others = covering(t, target).stream()
                .filter(b -> !"nethergaze".equals(b.by()))
                .toList();
        return BlockLines.beforeBlock(others, others.stream().anyMatch(Block::whole), now);
    }

    /**
     * What the firewall's own rules say now about {@code target} (its first and last address), read
     * back after the commands ran: the block (or unblock) confirmed, or a warning that it is not seen.
     */
    static void confirm(Cidr target, boolean blocking, PrintStream out) throws InterruptedException {
        FirewallWatch watch = FirewallWatch.of(Duration.ofSeconds(5), (n, s, d) -> {});
        BlockTable t = watch.readNow();
        if (t == null) {
            out.println("# could not read the firewall back to confirm: "
                    + watch.health().detail());
            return;
        }
        confirmLines(target, blocking, t, Instant.now()).forEach(out::println);
    }

    /**
     * What {@link #confirm} says of {@code target} with the firewall's rules read back as {@code t} at
     * {@code now}: a timed block with when it ends.
     */
    static List<String> confirmLines(Cidr target, boolean blocking, BlockTable t, Instant now) {
        List<Block> whole = covering(t, target).stream().filter(Block::whole).toList();
        if (blocking) {
            if (whole.isEmpty()) {
                return List.of("# warning: the firewall's rules, read back, show no rule dropping all of " + target);
            }
            Block b = whole.getFirst();
            String until = b.expires() == null
                    ? ""
                    : " until " + b.expires().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ", in "
                            + Text.duration(Math.max(
                                    0, Duration.between(now, b.expires()).toSeconds()));
            return List.of("# confirmed: " + b.by() + " drops " + target + until + " (" + b.rule() + ")");
        }
        // a prefix: every address of it, not its first only (blocks inside it stayed, "confirmed" gone)
        List<Block> left = target.isSingle()
                ? t.find(target.network())
                : t.anyOf(target.network(), target.network().prefixEnd(target.bits()));
        List<Block> ours =
                left.stream().filter(b -> b.by().equals("nethergaze")).toList();
        if (!ours.isEmpty()) {
            return List.of("# warning: read back, nethergaze's rule still holds " + held(target, ours.getFirst()));
        } else if (left.isEmpty()) {
            return List.of("# confirmed: no rule blocks " + target + " any more");
        } else {
            return List.of("# confirmed: nethergaze's block is gone; "
                    + left.getFirst().by() + " still blocks " + held(target, left.getFirst()));
        }
    }

    /** What of {@code target} {@code b} holds, and its rule: "203.0.113.7 (rule)", "addresses in P: E (rule)". */
    private static String held(Cidr target, Block b) {
        return (target.isSingle() ? target.toString() : "addresses in " + target + ": " + b.matched()) + " (" + b.rule()
                + ")";
    }

    /** The plan, and what came of it; after a run, the firewall read back ({@code blocking}: a block). */
    void print(Blocker.Outcome o, Config c, PrintStream out, boolean blocking) throws InterruptedException {
        o.lines().forEach(out::println);
        if (o.executed()) {
            out.println("# done: " + o.done());
            for (String w : o.warnings()) {
                out.println("# warning: " + w);
            }
            confirm(o.target(), blocking, out);
        } else if (dryRun) {
            out.println("# dry run: nothing was executed");
        } else if (!c.actions().enableBlockExecution()) {
            out.println("# not executed: set actions.enable_block_execution = true to run these");
        }
    }
}
