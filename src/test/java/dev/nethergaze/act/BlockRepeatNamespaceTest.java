package dev.nethergaze.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.detect.Allowlist;
import dev.nethergaze.detect.Cidr;
import dev.nethergaze.source.conn.Netns;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocking what is already blocked, and unblocking what is held twice or held by a wider block,
 * with the real firewall tools inside a network namespace of this test (never the host's
 * firewall). Needs root and the tools; skips naming what is missing.
 */
class BlockRepeatNamespaceTest {

    @TempDir
    Path tmp;

    /** A blocker on {@code b} whose commands run inside {@code ns}. */
    private Blocker blocker(Netns ns, Backend b) {
        ProcessRunner real = new ProcessRunner(FirewallWatch.MAX_OUTPUT);
        CommandRunner inside = (argv, timeout) -> {
            List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
            full.addAll(argv);
            return real.run(full, timeout);
        };
        return new Blocker(
                b,
                new BlockGuard(Allowlist.EMPTY, Optional.empty()),
                inside,
                new AuditLog(tmp.resolve("audit.jsonl"), Map.of()),
                true,
                InstantSource.system());
    }

    /** The lines of {@code listing} that hold our iptables comment. */
    private static List<String> ours(String listing) {
        return listing.lines().filter(l -> l.contains("nethergaze")).toList();
    }

    /**
     * iptables: a second block of the same address adds no second rule (-C first), and an unblock
     * removes every copy of our rule (one was inserted by hand, as an earlier version did), for
     * IPv4 and IPv6. Without the fixes: two rules after the second block, one left after unblock.
     */
    @Test
    void iptablesBlocksOnceAndUnblocksEveryCopy() throws Exception {
        String missing = Netns.missing("iptables", "ip6tables");
        assumeTrue(missing == null, missing);
        try (Netns ns = Netns.create()) {
            Blocker b = blocker(ns, Backend.IPTABLES);
            for (String[] t : new String[][] {{"iptables", "203.0.113.7"}, {"ip6tables", "2001:db8:bad::7"}}) {
                Cidr target = Cidr.parse(t[1]);
                b.block(target, null, "test");
                b.block(target, null, "test: again");
                assertThat(ours(ns.exec(t[0], "-w", "-S", "INPUT")))
                        .as(t[0] + " after two blocks")
                        .hasSize(1);

                ns.exec(
                        t[0],
                        "-w",
                        "-I",
                        "INPUT",
                        "-s",
                        t[1],
                        "-m",
                        "comment",
                        "--comment",
                        "nethergaze",
                        "-j",
                        "DROP");
                assertThat(ours(ns.exec(t[0], "-w", "-S", "INPUT"))).hasSize(2);
                b.unblock(target, "test");
                assertThat(ours(ns.exec(t[0], "-w", "-S", "INPUT")))
                        .as(t[0] + " after unblock")
                        .isEmpty();
                b.unblock(target, "test: nothing left to remove is not an error");
            }
        }
    }

    /**
     * An unblock of a prefix lifts nethergaze's blocks inside it on iptables and ipset too, as the
     * README says, and an address inside a prefix nethergaze blocks on iptables cannot be unblocked
     * alone. Before, on iptables the prefix's unblock removed only a rule for the prefix itself, the
     * addresses inside stayed dropped (proven with traffic in a namespace), and unblocking an address
     * inside a blocked prefix said "done"; on ipset a prefix held with an address inside it left the
     * address blocked.
     */
    @Test
    void aPrefixUnblockLiftsOurBlocksInsideItOnIptablesAndIpset() throws Exception {
        String missing = Netns.missing("ipset", "iptables", "ip6tables");
        assumeTrue(missing == null, missing);
        try (Netns ns = Netns.create()) {
            Blocker ipt = blocker(ns, Backend.IPTABLES);
            ipt.block(Cidr.parse("2001:db8:1:2::7"), null, "test");
            ipt.block(Cidr.parse("2001:db8:1:2::8"), null, "test");
            ipt.block(Cidr.parse("2001:db8:1:2::/64"), null, "test");
            ipt.block(Cidr.parse("2001:db8:1:3::/64"), null, "test");
            assertThatThrownBy(() -> ipt.unblock(Cidr.parse("2001:db8:1:3::9"), "test"))
                    .isInstanceOf(ActionRefused.class)
                    .hasMessage("cannot unblock 2001:db8:1:3::9 alone: nethergaze blocks it as part of"
                            + " 2001:db8:1:3::/64; unblock 2001:db8:1:3::/64 to lift it");
            Blocker.Outcome lifted = ipt.unblock(Cidr.parse("2001:db8:1::/48"), "test");
            assertThat(lifted.notes())
                    .containsExactly("unblocks nethergaze's blocks inside 2001:db8:1::/48: 2001:db8:1:3::/64,"
                            + " 2001:db8:1:2::/64, 2001:db8:1:2::8/128, 2001:db8:1:2::7/128");
            assertThat(ours(ns.exec("ip6tables", "-w", "-S", "INPUT"))).isEmpty();
            ipt.block(Cidr.parse("192.0.2.7"), null, "test");
            ipt.block(Cidr.parse("192.0.2.0/24"), null, "test");
            ipt.unblock(Cidr.parse("192.0.2.0/24"), "test");
            assertThat(ours(ns.exec("iptables", "-w", "-S", "INPUT"))).isEmpty();

            Blocker ipset = blocker(ns, Backend.IPSET);
            ipset.block(Cidr.parse("2001:db8:1:2::/64"), null, "test");
            ipset.block(Cidr.parse("2001:db8:1:2::7"), null, "test");
            ipset.unblock(Cidr.parse("2001:db8:1:2::/64"), "test");
            assertThat(ns.exec("ipset", "save", "nethergaze6")).doesNotContain("add nethergaze6");
        }
    }

    /**
     * iptables and ipset: an address inside a prefix nethergaze blocks at least as long is already
     * blocked, as on nftables: nothing is added. Before, iptables inserted a second, redundant rule.
     * One that would outlast a timed prefix is added (both are held), so it stays blocked after.
     */
    @Test
    void anAddressInsideOurPrefixIsAlreadyBlockedOnIptablesToo() throws Exception {
        String missing = Netns.missing("ipset", "iptables", "ip6tables");
        assumeTrue(missing == null, missing);
        try (Netns ns = Netns.create()) {
            Blocker ipt = blocker(ns, Backend.IPTABLES);
            ipt.block(Cidr.parse("2001:db8:5::/64"), null, "test");
            Blocker.Outcome inside = ipt.block(Cidr.parse("2001:db8:5::9"), null, "test");
            assertThat(inside.notes())
                    .containsExactly("already blocked by nethergaze's 2001:db8:5::/64: nothing to add");
            assertThat(inside.plan()).isEmpty();
            assertThat(ours(ns.exec("ip6tables", "-w", "-S", "INPUT"))).hasSize(1);

            Blocker ipset = blocker(ns, Backend.IPSET);
            ipset.block(Cidr.parse("198.51.100.0/24"), Duration.ofMinutes(10), "test");
            assertThat(ipset.block(Cidr.parse("198.51.100.9"), Duration.ofMinutes(1), "test")
                            .notes()
                            .getFirst())
                    .startsWith("already blocked by nethergaze's 198.51.100.0/24 (")
                    .endsWith(" left): nothing to add");
            ipset.block(Cidr.parse("198.51.100.10"), null, "test"); // outlasts the prefix: held too
            assertThat(ns.exec("ipset", "save", "nethergaze4"))
                    .contains("add nethergaze4 198.51.100.10 timeout 0")
                    .doesNotContain("198.51.100.9 ");
        }
    }

    /**
     * ipset: our sets were made with ipset's default maxelem, 65,536, which one flood's addresses fill;
     * then ipset said only "Hash is full, cannot add more elements". A new set now holds a million, a
     * set that exists with other parameters (made before, or by hand) is kept and used rather than
     * failing every block on "create -exist", and a full one is named with what to do. Found filling
     * nethergaze4 with 65,536 addresses in a namespace.
     */
    @Test
    void ipsetSetsAreBigAndAFullOneIsNamed() throws Exception {
        String missing = Netns.missing("ipset", "iptables", "ip6tables");
        assumeTrue(missing == null, missing);
        try (Netns ns = Netns.create()) {
            Blocker ipset = blocker(ns, Backend.IPSET);
            ipset.block(Cidr.parse("2001:db8:1:2::7"), null, "test");
            assertThat(ns.exec("ipset", "list", "-t", "nethergaze6")).contains("maxelem 1048576");

            ns.exec("ipset", "create", "nethergaze4", "hash:net", "family", "inet", "timeout", "0", "maxelem", "2");
            ipset.block(Cidr.parse("192.0.2.1"), null, "test");
            ipset.block(Cidr.parse("192.0.2.2"), null, "test");
            assertThatThrownBy(() -> ipset.block(Cidr.parse("192.0.2.3"), null, "test"))
                    .isInstanceOf(ActionRefused.class)
                    .hasMessageStartingWith("block 192.0.2.3: ipset set nethergaze4 is full (2 entries, its maxelem):"
                            + " block prefixes rather than their addresses one by one")
                    .hasMessageContaining("the next block makes it anew with maxelem 1048576");
        }
    }

    /**
     * A timed block over a permanent one keeps the permanent one and says so (nftables and ipset);
     * a longer timed block over a shorter one extends it. Without the fix the permanent element got
     * the timeout, and the address was unblocked when it ran out.
     */
    @Test
    void aTimedBlockNeverShortensAPermanentOne() throws Exception {
        String missing = Netns.missing("nft", "ipset", "iptables");
        assumeTrue(missing == null, missing);
        try (Netns ns = Netns.create()) {
            Blocker nft = blocker(ns, Backend.NFTABLES);
            nft.block(Cidr.parse("198.51.100.77"), null, "test");
            Blocker.Outcome kept = nft.block(Cidr.parse("198.51.100.77"), Duration.ofSeconds(90), "test");
            assertThat(kept.notes())
                    .containsExactly("already blocked permanently by nethergaze: kept; unblock first to make it timed");
            assertThat(ns.exec("nft", "list", "set", "inet", "nethergaze", "blocked4"))
                    .contains("198.51.100.77")
                    .doesNotContain("timeout 1m30s");

            nft.block(Cidr.parse("198.51.100.78"), Duration.ofSeconds(90), "test");
            Blocker.Outcome extended = nft.block(Cidr.parse("198.51.100.78"), Duration.ofHours(2), "test");
            assertThat(extended.notes().getFirst()).contains("extended to 7200 s");
            assertThat(ns.exec("nft", "list", "set", "inet", "nethergaze", "blocked4"))
                    .contains("198.51.100.78 timeout 2h");
            Blocker.Outcome shorter = nft.block(Cidr.parse("198.51.100.78"), Duration.ofSeconds(60), "test");
            assertThat(shorter.notes().getFirst()).endsWith("longer than --for asks: kept");

            Blocker ipset = blocker(ns, Backend.IPSET);
            ipset.block(Cidr.parse("203.0.113.77"), null, "test");
            assertThat(ipset.block(Cidr.parse("203.0.113.77"), Duration.ofSeconds(90), "test")
                            .notes())
                    .containsExactly("already blocked permanently by nethergaze: kept; unblock first to make it timed");
            assertThat(ns.exec("ipset", "save", "nethergaze4")).contains("add nethergaze4 203.0.113.77 timeout 0");
        }
    }

    /**
     * nftables' interval sets refuse overlapping elements: a prefix over a blocked address replaces
     * it (one transaction), an address inside a blocked prefix is already blocked, and unblocking it
     * alone is refused in one line naming the prefix. Without the fix each was nft's raw error.
     */
    @Test
    void nftablesPrefixesAndTheAddressesInsideThem() throws Exception {
        String missing = Netns.missing("nft");
        assumeTrue(missing == null, missing);
        try (Netns ns = Netns.create()) {
            Blocker nft = blocker(ns, Backend.NFTABLES);
            nft.block(Cidr.parse("203.0.113.7"), null, "test");
            nft.block(Cidr.parse("203.0.113.9"), Duration.ofHours(1), "test");
            Blocker.Outcome wider = nft.block(Cidr.parse("203.0.113.0/24"), null, "test");
            assertThat(wider.notes())
                    .containsExactly("203.0.113.0/24 replaces nethergaze's blocks inside it: 203.0.113.7, 203.0.113.9");
            String set4 = ns.exec("nft", "list", "set", "inet", "nethergaze", "blocked4");
            assertThat(set4).contains("203.0.113.0/24").doesNotContain("203.0.113.7", "203.0.113.9");

            nft.block(Cidr.parse("2001:db8:1:2::1/64"), null, "test");
            Blocker.Outcome inside = nft.block(Cidr.parse("2001:db8:1:2::5"), null, "test");
            assertThat(inside.notes())
                    .containsExactly("already blocked by nethergaze's 2001:db8:1:2::/64: nothing to add (nftables"
                            + " cannot hold 2001:db8:1:2::5 inside it as well)");
            assertThat(inside.plan()).isEmpty();
            assertThatThrownBy(() -> nft.unblock(Cidr.parse("2001:db8:1:2::5"), "test"))
                    .isInstanceOf(ActionRefused.class)
                    .hasMessage("cannot unblock 2001:db8:1:2::5 alone: nethergaze blocks it as part of"
                            + " 2001:db8:1:2::/64; unblock 2001:db8:1:2::/64 to lift it");
            assertThat(ns.exec("nft", "list", "set", "inet", "nethergaze", "blocked6"))
                    .contains("2001:db8:1:2::/64");
            assertThat(nft.unblock(Cidr.parse("2001:db8:1:2::/64"), "test").notes())
                    .isEmpty();
            assertThat(nft.unblock(Cidr.parse("2001:db8:1:2::/64"), "test: again")
                            .notes())
                    .containsExactly("nethergaze holds no block of 2001:db8:1:2::/64: nothing to remove");
        }
    }

    /**
     * An address asked to be blocked longer than the timed prefix that holds it (permanently, or for
     * 2 h inside a 1 h prefix) is refused in one line naming the prefix and its end: before, it said
     * "already blocked ... nothing to add" with exit 0 and "confirmed", and the address was free
     * again when the prefix expired, though the user had asked for a permanent block. An address asked
     * for no longer than the prefix lasts is already blocked, as before.
     */
    @Test
    void nftablesAnAddressAskedLongerThanItsTimedPrefixIsRefused() throws Exception {
        String missing = Netns.missing("nft");
        assumeTrue(missing == null, missing);
        try (Netns ns = Netns.create()) {
            Blocker nft = blocker(ns, Backend.NFTABLES);
            nft.block(Cidr.parse("203.0.113.0/24"), Duration.ofHours(1), "test");
            for (Duration longer : new Duration[] {null, Duration.ofHours(2)}) {
                assertThatThrownBy(() -> nft.block(Cidr.parse("203.0.113.9"), longer, "test"))
                        .isInstanceOf(ActionRefused.class)
                        .hasMessageStartingWith("refusing to block 203.0.113.9"
                                + (longer == null ? " until unblocked" : " for 7200 s")
                                + ": nethergaze blocks it as part of 203.0.113.0/24, which ends in ")
                        .hasMessageEndingWith(" s; nftables cannot hold 203.0.113.9 inside it as well: block"
                                + " 203.0.113.0/24 at least as long, or unblock it first");
            }
            Blocker.Outcome shorter = nft.block(Cidr.parse("203.0.113.9"), Duration.ofMinutes(10), "test");
            assertThat(shorter.plan()).isEmpty();
            assertThat(shorter.notes())
                    .singleElement()
                    .asString()
                    .startsWith("already blocked by nethergaze's 203.0.113.0/24 (");
            assertThat(ns.exec("nft", "list", "set", "inet", "nethergaze", "blocked4"))
                    .contains("203.0.113.0/24")
                    .doesNotContain("203.0.113.9");
        }
    }
}
