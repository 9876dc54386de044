package dev.nethergaze.act;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.Block;
import dev.nethergaze.model.BlockTable;
import dev.nethergaze.model.IpKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Recorded from real iptables 1.8.9 (nf_tables) and ipset 7 in a network namespace: fail2ban's
 * iptables-ipset layout (a chain jumped to for port 22, a set with a timed ban), nethergaze's own
 * sets and comment, a plain blocklist set, an address rule with a port, an accept, and ip6tables.
 */
class IptablesBlocksTest {

    private static final Instant NOW = Instant.parse("2026-12-05T18:30:00Z");

    private static String resource(String name) throws IOException {
        try (InputStream in = IptablesBlocksTest.class.getResourceAsStream("/act/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static BlockTable recorded(int[] rules) throws IOException {
        Map<String, IptablesBlocks.IpSet> sets = IptablesBlocks.sets(resource("ipset-save.txt"), NOW);
        List<BlockTable.Range> out = new ArrayList<>();
        assertThat(IptablesBlocks.parse(resource("iptables-save-nft.txt"), "ip", sets, out, rules))
                .isTrue();
        assertThat(IptablesBlocks.parse(resource("ip6tables-save-nft.txt"), "ip6", sets, out, rules))
                .isTrue();
        return BlockTable.of(out);
    }

    private static Block one(BlockTable t, String ip) {
        List<Block> all = t.find(IpKey.parse(ip));
        assertThat(all).as(ip).hasSize(1);
        return all.getFirst();
    }

    @Test
    void fail2bansSetHoldsOnlyThePortsItsChainIsJumpedToFor() throws IOException {
        BlockTable t = recorded(new int[1]);
        Block ban = one(t, "203.0.113.5");
        assertThat(ban.by()).isEqualTo("fail2ban sshd");
        assertThat(ban.only()).isEqualTo("-p tcp --dports 22");
        assertThat(ban.expires()).as("290 s left when saved").isEqualTo(NOW.plusSeconds(290));
        assertThat(ban.rule())
                .isEqualTo("iptables filter f2b-sshd: -m set --match-set f2b-sshd src -j REJECT"
                        + " --reject-with icmp-port-unreachable");
        assertThat(one(t, "203.0.113.6").expires())
                .as("timeout 0: until removed")
                .isNull();
    }

    @Test
    void ourSetsAndCommentAreOursAndOtherRulesAreNamedByTheirTool() throws IOException {
        int[] rules = new int[1];
        BlockTable t = recorded(rules);
        Block prefix = one(t, "198.51.100.77");
        assertThat(prefix.by()).isEqualTo("nethergaze");
        assertThat(prefix.whole()).isTrue();
        assertThat(prefix.matched()).isEqualTo("198.51.100.0/24");
        assertThat(one(t, "192.0.2.7").expires()).isEqualTo(NOW.plusSeconds(3590));
        assertThat(one(t, "2001:db8::9").rule())
                .isEqualTo("ip6tables filter INPUT: -m set --match-set nethergaze6 src -j DROP");
        assertThat(one(t, "203.0.113.9").by()).as("our comment").isEqualTo("nethergaze");
        assertThat(one(t, "203.0.113.9").whole())
                .as("a comment is not a condition")
                .isTrue();

        Block list = one(t, "10.20.3.4");
        assertThat(list.by()).isEqualTo("ipset");
        assertThat(list.matched()).isEqualTo("10.20.0.0/16");
        Block web = one(t, "203.0.113.10");
        assertThat(web.by()).isEqualTo("iptables");
        assertThat(web.only()).isEqualTo("-p tcp --dport 80");
        Block v6 = one(t, "2001:db8:bad:7::1");
        assertThat(v6.only()).isEqualTo("-i eth0");
        assertThat(v6.by()).as("the tool that lists and removes it").isEqualTo("ip6tables");

        assertThat(t.find(IpKey.parse("203.0.113.12"))).as("accepted").isEmpty();
        assertThat(t.find(IpKey.parse("192.0.2.99")))
                .as("in a set no rule names")
                .isEmpty();
        // f2b (2 entries), nethergaze4 (2), nethergaze6, blocklist, 203.0.113.9, .10, the /48
        assertThat(t.size()).isEqualTo(9);
        assertThat(rules[0]).isEqualTo(7);
    }

    @Test
    void theSaveSaysWhichBackendAndWhichTablesAreIptables() throws IOException {
        String save = resource("iptables-save-nft.txt");
        assertThat(IptablesBlocks.variant(save)).isEqualTo("nf_tables");
        assertThat(IptablesBlocks.variant("")).isEmpty();
        assertThat(IptablesBlocks.tables(save)).containsExactly("filter");
        assertThat(IptablesBlocks.setsNamed(save)).containsExactlyInAnyOrder("nethergaze4", "blocklist", "f2b-sshd");
    }

    @Test
    void negatedMatchesAndChainsNothingJumpsToBlockNothing() {
        String save = """
            *raw
            :PREROUTING ACCEPT [0:0]
            -A PREROUTING ! -s 10.0.0.0/8 -p tcp --dport 23 -j DROP
            -A PREROUTING -s 198.51.100.1,198.51.100.2 -j DROP
            -A orphan -s 198.51.100.3 -j DROP
            COMMIT
            *filter
            :INPUT ACCEPT [0:0]
            :LOGDROP - [0:0]
            :MAYBE - [0:0]
            -A INPUT -s 198.51.100.9/32 -j LOGDROP
            -A INPUT -s 198.51.100.10/32 -j MAYBE
            -A LOGDROP -m limit --limit 5/min -j LOG --log-prefix "dropped: "
            -A LOGDROP -j DROP
            -A MAYBE -p tcp --dport 22 -j ACCEPT
            -A MAYBE -j DROP
            COMMIT
            """;
        List<BlockTable.Range> out = new ArrayList<>();
        IptablesBlocks.parse(save, "ip", Map.of(), out, new int[1]);
        BlockTable t = BlockTable.of(out);
        assertThat(t.find(IpKey.parse("8.8.8.8"))).isEmpty();
        assertThat(one(t, "198.51.100.2").rule())
                .isEqualTo("iptables raw PREROUTING: -s 198.51.100.1,198.51.100.2 -j DROP");
        assertThat(t.find(IpKey.parse("198.51.100.3"))).isEmpty();
        assertThat(one(t, "198.51.100.9").rule())
                .as("a source sent to a chain that logs and drops everything")
                .isEqualTo("iptables filter INPUT: -s 198.51.100.9/32 -j LOGDROP");
        assertThat(t.find(IpKey.parse("198.51.100.10")))
                .as("its chain lets port 22 through")
                .isEmpty();
    }
}
