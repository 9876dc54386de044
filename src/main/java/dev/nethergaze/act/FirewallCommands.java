package dev.nethergaze.act;

import dev.nethergaze.detect.Cidr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands that block or unblock one address or prefix on each firewall, for IPv4 and IPv6.
 * nftables and ipset use nethergaze's own table/sets (created idempotently on first use, with
 * element timeouts for temporary blocks); ufw and iptables insert a rule at the top of INPUT. A
 * block then closes the target's open TCP connections.
 */
public final class FirewallCommands {

    /** The nftables table (family inet: one table for IPv4 and IPv6). */
    public static final String NFT_TABLE = "nethergaze";
    /** The ipset sets and the iptables comment that mark our rules. */
    public static final String TAG = "nethergaze";

    private FirewallCommands() {}

    /**
     * The firewall's own steps to block {@code target} (see {@link #firewall}), then closing the
     * connections it already has open ({@link #closeConnections}).
     */
    public static List<Step> block(Backend b, Cidr target, Duration ttl) {
        List<Step> out = new ArrayList<>(firewall(b, target, ttl));
        out.addAll(closeConnections(target));
        return List.copyOf(out);
    }

    /**
     * Closes {@code target}'s open TCP connections with {@code ss -K} (the kernel's SOCK_DESTROY):
     * a firewall rule stops new connections, but ufw accepts the packets of established ones before
     * its deny rules, so a session already in (an SSH login after guessing, a held-open download)
     * would go on; with the other backends the peer is cut off, yet its sockets linger for the
     * retransmission timeout. An IPv4 target is matched in its v4-mapped form too, as a dual-stack
     * listener's connections show it. {@code state connected}: without a state, ss lists (and kills)
     * neither SYN-RECV nor TIME-WAIT, so a SYN flood's half-open rows stayed until the kernel gave up
     * on them, up to a minute. Best effort: on a kernel without SOCK_DESTROY the block stands.
     */
    static List<Step> closeConnections(Cidr target) {
        String ip = target.network().toString();
        if (target.isV4()) {
            return List.of(
                    kill("-4", ip + "/" + target.bits()), kill("-6", "::ffff:" + ip + "/" + (96 + target.bits())));
        }
        return List.of(kill("-6", ip + "/" + target.bits()));
    }

    private static Step kill(String family, String dst) {
        return Step.bestEffort("ss", "-K", "-t", "-n", family, "state", "connected", "dst", dst);
    }

    private static List<Step> firewall(Backend b, Cidr target, Duration ttl) {
        if (ttl != null && !b.supportsTimeout()) {
            throw new IllegalArgumentException(b.cliName()
                    + " cannot expire a block by itself; use nftables or ipset for --for, or unblock later");
        }
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("block duration must be positive");
        }
        if (ttl != null && ttl.compareTo(b.maxTimeout()) > 0) {
            throw new IllegalArgumentException("--for " + ttl.toSeconds() + " s is longer than " + b.cliName()
                    + " allows: at most " + b.maxTimeout().toSeconds() + " s (" + days(b.maxTimeout())
                    + "); use a shorter one, or no --for to block until unblocked");
        }
        String x = target.toString();
        return switch (b) {
            case UFW ->
                List.of(
                        target.isV4()
                                ? Step.of("ufw", "insert", "1", "deny", "from", x, "to", "any")
                                // ufw refuses "insert 1" for IPv6 while IPv4 rules exist; prepend puts it first of the
                                // v6 rules
                                : Step.of("ufw", "prepend", "deny", "from", x, "to", "any"));
            case IPTABLES -> List.of(new Step(iptablesRule(target, "-I"), iptablesRule(target, "-C")));
            case NFTABLES -> {
                List<Step> out = new ArrayList<>(nftSetup());
                String element = ttl == null ? x : x + " timeout " + ttl.toSeconds() + "s";
                out.add(Step.of("nft", "add", "element", "inet", NFT_TABLE, nftSet(target), "{ " + element + " }"));
                yield out;
            }
            case IPSET -> {
                List<Step> out = new ArrayList<>(ipsetSetup(target));
                out.add(Step.of(
                        "ipset",
                        "add",
                        ipset(target),
                        x,
                        "timeout",
                        Long.toString(ttl == null ? 0 : ttl.toSeconds()),
                        "-exist"));
                yield out;
            }
        };
    }

    public static List<Step> unblock(Backend b, Cidr target) {
        String x = target.toString();
        return switch (b) {
            case UFW -> List.of(Step.of("ufw", "delete", "deny", "from", x, "to", "any"));
            // every copy: a rule inserted twice (by hand, or before block checked with -C) is two rules
            case IPTABLES -> List.of(Step.whileTrue(iptablesRule(target, "-C"), iptablesRule(target, "-D")));
            case NFTABLES ->
                List.of(Step.of("nft", "delete", "element", "inet", NFT_TABLE, nftSet(target), "{ " + x + " }"));
            case IPSET -> List.of(Step.of("ipset", "del", ipset(target), x, "-exist"));
        };
    }

    /** Our own table: two interval sets with timeouts and a chain that drops their members. */
    static List<Step> nftSetup() {
        String t = NFT_TABLE;
        return List.of(
                Step.of("nft", "add", "table", "inet", t),
                Step.of("nft", "add", "set", "inet", t, "blocked4", "{ type ipv4_addr; flags interval, timeout; }"),
                Step.of("nft", "add", "set", "inet", t, "blocked6", "{ type ipv6_addr; flags interval, timeout; }"),
                Step.of(
                        "nft",
                        "add",
                        "chain",
                        "inet",
                        t,
                        "input",
                        "{ type filter hook input priority -10; policy accept; }"),
                // flush + add keeps exactly two rules however often this runs; the sets keep their elements.
                // One nft command is one transaction: as three, the chain was empty between them, and
                // every address already blocked got through while another was being blocked
                Step.of(
                        "nft",
                        "flush",
                        "chain",
                        "inet",
                        t,
                        "input",
                        ";",
                        "add",
                        "rule",
                        "inet",
                        t,
                        "input",
                        "ip",
                        "saddr",
                        "@blocked4",
                        "drop",
                        ";",
                        "add",
                        "rule",
                        "inet",
                        t,
                        "input",
                        "ip6",
                        "saddr",
                        "@blocked6",
                        "drop"));
    }

    private static List<Step> ipsetSetup(Cidr target) {
        String set = ipset(target);
        String family = target.isV4() ? "inet" : "inet6";
        List<String> check =
                List.of(iptables(target), "-w", "-C", "INPUT", "-m", "set", "--match-set", set, "src", "-j", "DROP");
        List<String> insert =
                List.of(iptables(target), "-w", "-I", "INPUT", "-m", "set", "--match-set", set, "src", "-j", "DROP");
        List<String> create = List.of(
                "ipset",
                "create",
                set,
                "hash:net",
                "family",
                family,
                "timeout",
                "0",
                "hashsize",
                Integer.toString(IPSET_HASHSIZE),
                "maxelem",
                Integer.toString(IPSET_MAXELEM));
        // a set that exists is kept as it is: "create -exist" fails when its maxelem or hashsize differ
        // (one made before, or by hand), and every block with it
        return List.of(new Step(create, List.of("ipset", "list", "-n", set)), new Step(insert, check));
    }

    /**
     * How many entries our ipset sets hold: ipset's default, 65,536, is what one flood's addresses
     * fill ("Hash is full", and with {@code -exist} not even that); a million hash:net entries take
     * some 100 MB of kernel memory at most, and only when they are there. The hash starts at 4096
     * buckets and grows by itself.
     */
    static final int IPSET_MAXELEM = 1_048_576;

    static final int IPSET_HASHSIZE = 4096;

    /** A duration in whole days and hours, for messages: "24d 20h". */
    private static String days(Duration d) {
        return d.toDays() + "d " + d.toHoursPart() + "h";
    }

    static String nftSet(Cidr target) {
        return target.isV4() ? "blocked4" : "blocked6";
    }

    static String ipset(Cidr target) {
        return TAG + (target.isV4() ? "4" : "6");
    }

    /** Our iptables rule for {@code target} with {@code op}: -I (insert), -C (check) or -D (delete). */
    private static List<String> iptablesRule(Cidr target, String op) {
        return List.of(
                iptables(target),
                "-w",
                op,
                "INPUT",
                "-s",
                target.toString(),
                "-m",
                "comment",
                "--comment",
                TAG,
                "-j",
                "DROP");
    }

    private static String iptables(Cidr target) {
        return target.isV4() ? "iptables" : "ip6tables";
    }
}
