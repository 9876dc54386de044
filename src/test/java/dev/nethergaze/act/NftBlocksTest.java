package dev.nethergaze.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.model.Block;
import dev.nethergaze.model.IpKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ruleset is one recorded from a real nft 1.0.6 (in a network namespace): nethergaze's own table
 * with a timed prefix and a range, a fail2ban-style table (its nftables action's names), iptables-style
 * rules with an anonymous set, an accept, a negated match, and an IPv6 rule with an interface.
 */
class NftBlocksTest {

    private static final Instant NOW = Instant.parse("2026-12-05T18:00:00Z");

    private static NftBlocks.Read recorded() throws IOException {
        try (InputStream in = NftBlocksTest.class.getResourceAsStream("/act/nft-ruleset.json")) {
            return NftBlocks.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), NOW);
        }
    }

    private static List<Block> find(NftBlocks.Read r, String ip) {
        return r.table().find(IpKey.parse(ip));
    }

    @Test
    void ourOwnSetsWithTheirPrefixRangeAndTimeout() throws IOException {
        NftBlocks.Read r = recorded();
        Block single = find(r, "192.0.2.7").getFirst();
        assertThat(single.by()).isEqualTo("nethergaze");
        assertThat(single.rule()).isEqualTo("inet nethergaze input: ip saddr @blocked4 drop");
        assertThat(single.only()).isEmpty();
        assertThat(single.expires()).isNull();

        Block prefix = find(r, "198.51.100.200").getFirst();
        assertThat(prefix.matched()).isEqualTo("198.51.100.0/24");
        assertThat(prefix.expires())
                .as("as many seconds after the read as nft said were left")
                .isEqualTo(NOW.plusSeconds(3435));
        assertThat(find(r, "198.51.101.0")).isEmpty();

        assertThat(find(r, "10.0.0.3").getFirst().matched()).isEqualTo("10.0.0.1-10.0.0.5");
        assertThat(find(r, "10.0.0.6")).isEmpty();

        Block v6 = find(r, "2001:db8::1234").getFirst();
        assertThat(v6.rule()).isEqualTo("inet nethergaze input: ip6 saddr @blocked6 drop");
        assertThat(find(r, "2001:db8:0:1::1")).as("outside the /64").isEmpty();
    }

    @Test
    void fail2banNamesItsJailAndAConditionIsWhatItBlocksOnly() throws IOException {
        Block f2b = find(recorded(), "203.0.113.5").getFirst();
        assertThat(f2b.by()).isEqualTo("fail2ban sshd");
        assertThat(f2b.only()).isEqualTo("tcp dport 22");
        assertThat(f2b.whole()).isFalse();
        assertThat(f2b.rule()).isEqualTo("inet f2b-table f2b-chain: ip saddr @addr-set-sshd tcp dport 22 reject");
    }

    @Test
    void plainRulesAnonymousSetsAndWhatIsNotABlock() throws IOException {
        NftBlocks.Read r = recorded();
        assertThat(find(r, "203.0.113.9").getFirst().rule()).isEqualTo("ip filter INPUT: ip saddr 203.0.113.9 drop");
        assertThat(find(r, "203.0.113.11").getFirst().rule())
                .isEqualTo("ip filter INPUT: ip saddr { 203.0.113.10, 203.0.113.11 } drop");
        assertThat(find(r, "203.0.113.12")).as("accepted, not blocked").isEmpty();
        assertThat(find(r, "10.1.2.3"))
                .as("in nothing but a negated match's network")
                .isEmpty();
        assertThat(find(r, "8.8.8.8")).as("a negated match names no address").isEmpty();

        Block v6 = find(r, "2001:db8:bad:1::9").getFirst();
        assertThat(v6.by()).isEqualTo("nftables");
        assertThat(v6.only()).isEqualTo("iifname eth0");
        assertThat(v6.rule()).isEqualTo("ip6 filter6 input: ip6 saddr 2001:db8:bad::/48 iifname eth0 reject");
        // blocked4 (3 elements), blocked6, f2b, 203.0.113.9, two of the anonymous set, the /48
        assertThat(r.table().size()).isEqualTo(9);
        assertThat(r.rules()).isEqualTo(6);
        assertThat(r.capped()).isFalse();
    }

    @Test
    void anIpv4AddressIsNeverFoundInAnIpv6Range() throws Exception {
        String all = """
            {"nftables": [{"rule": {"family": "ip6", "table": "t", "chain": "c",
              "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "ip6", "field": "saddr"}},
              "right": {"prefix": {"addr": "::", "len": 0}}}}, {"drop": null}]}}]}\
            """;
        NftBlocks.Read r = NftBlocks.parse(all, NOW);
        assertThat(r.table().find(IpKey.parse("2001:db8::1"))).hasSize(1);
        assertThat(r.table().find(IpKey.parse("192.0.2.1")))
                .as("v4 keys sit inside ::/0 as numbers")
                .isEmpty();
    }

    /**
     * Chains reached by jumps and gotos (recorded from nft in firewalld's layout: a zone is a chain
     * reached by interface): the block holds the conditions of the way in; a chain nothing leads to
     * blocks nothing.
     */
    @Test
    void aRuleInAJumpedToChainHoldsTheConditionsOfTheWayIn() throws IOException {
        NftBlocks.Read r;
        try (InputStream in = NftBlocksTest.class.getResourceAsStream("/act/nft-jumps.json")) {
            r = NftBlocks.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), NOW);
        }
        Block deny = find(r, "203.0.113.50").getFirst();
        assertThat(deny.only()).isEqualTo("iifname eth0");
        assertThat(deny.rule()).isEqualTo("inet firewalld filter_IN_public_deny: ip saddr 203.0.113.50 reject");
        assertThat(find(r, "203.0.113.51")).as("in a chain nothing jumps to").isEmpty();
        assertThat(r.rules()).isEqualTo(1);
    }

    /** A blocklist beyond the cap is kept in part, and the read says so (memory stays bounded). */
    @Test
    void aSetBeyondTheCapIsKeptInPart() throws Exception {
        StringBuilder elems = new StringBuilder();
        for (int i = 0; i <= NftBlocks.MAX_RANGES; i++) {
            elems.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(IpKey.ofV4(0x0A000000 + i))
                    .append('"');
        }
        String json = """
            {"nftables": [
             {"set": {"family": "inet", "name": "big", "table": "t", "type": "ipv4_addr", "elem": [%s]}},
             {"rule": {"family": "inet", "table": "t", "chain": "c", "expr": [{"match": {"op": "==",
               "left": {"payload": {"protocol": "ip", "field": "saddr"}}, "right": "@big"}}, {"drop": null}]}}]}\
            """.formatted(elems);
        NftBlocks.Read r = NftBlocks.parse(json, NOW);
        assertThat(r.capped()).isTrue();
        assertThat(r.table().size()).isEqualTo(NftBlocks.MAX_RANGES);
        assertThat(r.table().find(IpKey.ofV4(0x0A000001))).hasSize(1);
    }

    @Test
    void anEmptyRulesetBlocksNothingAndJunkIsRefused() throws Exception {
        assertThat(NftBlocks.parse("{\"nftables\": [{\"metainfo\": {}}]}", NOW)
                        .table()
                        .size())
                .isZero();
        assertThatThrownBy(() -> NftBlocks.parse("{\"nftables\": [", NOW)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> NftBlocks.parse("{}", NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nftables");
    }

    /**
     * Verdict maps, recorded from a real nft 1.0.6 (in a network namespace): a named map with an
     * address, a timed prefix and an accept; an IPv6 one; anonymous maps with a jump, and one behind a
     * port. Before, none of these addresses was seen as blocked.
     */
    @Test
    void verdictMapsBlockWhatTheyMapToDropOrReject() throws IOException {
        NftBlocks.Read r;
        try (InputStream in = NftBlocksTest.class.getResourceAsStream("/act/nft-vmap-ruleset.json")) {
            r = NftBlocks.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), NOW);
        }
        Block named = find(r, "192.0.2.7").getFirst();
        assertThat(named.by()).isEqualTo("nftables");
        assertThat(named.rule()).isEqualTo("inet t input: ip saddr vmap @blockmap (drop)");
        assertThat(named.only()).isEmpty();
        assertThat(named.expires()).isNull();

        Block timed = find(r, "198.51.100.20").getFirst();
        assertThat(timed.matched()).isEqualTo("198.51.100.0/24");
        assertThat(timed.expires()).isEqualTo(NOW.plusSeconds(3599));
        assertThat(find(r, "203.0.113.9")).as("mapped to accept").isEmpty();

        assertThat(find(r, "2001:db8::7").getFirst().rule()).isEqualTo("inet t input: ip6 saddr vmap @block6 (drop)");

        assertThat(find(r, "192.0.2.50").getFirst().rule())
                .isEqualTo("inet t input: ip saddr vmap { 192.0.2.50 : drop, 192.0.2.52 : jump extra }");
        assertThat(find(r, "192.0.2.52")).as("mapped to a jump").isEmpty();
        assertThat(find(r, "192.0.2.53"))
                .as("a drop in a chain only 192.0.2.52 is sent to")
                .isEmpty();

        Block port = find(r, "192.0.2.60").getFirst();
        assertThat(port.only()).isEqualTo("tcp dport 22");
        assertThat(r.rules()).isEqualTo(4);
    }
}
