package dev.nethergaze.act;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.detect.Cidr;
import dev.nethergaze.model.Block;
import dev.nethergaze.model.BlockTable;
import dev.nethergaze.model.IpKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What nethergaze's own set holds for one family (nftables' {@code inet nethergaze blocked4/6},
 * ipset's {@code nethergaze4/6}, iptables' rules with our comment in INPUT), read before a block or
 * an unblock: the addresses and prefixes with when they expire. A block decides from it whether it adds, keeps, extends or replaces.
 */
final class OwnBlocks {

    /** One element: the addresses {@code first}..{@code last}, as the firewall wrote them; {@code expires} null: never. */
    record Held(IpKey first, IpKey last, String text, Instant expires) {

        boolean contains(Cidr c) {
            return first.compareTo(c.network()) <= 0
                    && last.compareTo(c.network().prefixEnd(c.bits())) >= 0;
        }

        boolean inside(Cidr c) {
            return c.contains(first) && c.contains(last);
        }

        boolean same(Cidr c) {
            return first.equals(c.network()) && last.equals(c.network().prefixEnd(c.bits()));
        }

        boolean overlaps(Cidr c) {
            return first.compareTo(c.network().prefixEnd(c.bits())) <= 0 && last.compareTo(c.network()) >= 0;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private OwnBlocks() {}

    /** The read-only command that lists our set (or rules) for {@code target}'s family on {@code b}. */
    static List<String> command(Backend b, Cidr target) {
        return switch (b) {
            case NFTABLES ->
                List.of(
                        "nft",
                        "-j",
                        "list",
                        "set",
                        "inet",
                        FirewallCommands.NFT_TABLE,
                        FirewallCommands.nftSet(target));
            case IPTABLES -> List.of(target.isV4() ? "iptables" : "ip6tables", "-w", "-S", "INPUT");
            default -> List.of("ipset", "save", FirewallCommands.ipset(target));
        };
    }

    /**
     * The elements, from the command's answer; empty when the set does not exist yet (nothing
     * blocked); null when it could not be read (no root, not installed, an answer not understood).
     */
    static List<Held> parse(Backend b, CommandRunner.Result r, Instant now) {
        if (!r.ok()) {
            String e = r.stderr();
            boolean absent = e.contains("No such file or directory") || e.contains("does not exist");
            return r.started() && !r.timedOut() && absent ? List.of() : null;
        }
        try {
            return switch (b) {
                case NFTABLES -> nft(r.stdout(), now);
                case IPTABLES -> iptables(r.stdout());
                default -> ipset(r.stdout(), now);
            };
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static List<Held> nft(String json, Instant now) throws java.io.IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.path("nftables").isArray()) {
            throw new IllegalArgumentException("not nft's JSON");
        }
        List<Held> out = new ArrayList<>();
        for (JsonNode item : root.path("nftables")) {
            for (JsonNode el : item.path("set").path("elem")) {
                NftBlocks.Elem e = NftBlocks.elem(el, now);
                if (e != null) {
                    out.add(new Held(e.first(), e.last(), e.text(), e.expires()));
                }
            }
        }
        return out;
    }

    /**
     * Our rules in {@code iptables -S INPUT}: exactly the rule block inserts ({@code -A INPUT -s ADDR -m
     * comment --comment nethergaze -j DROP}), each with its source as iptables writes it ("…/32").
     */
    private static List<Held> iptables(String rules) {
        List<Held> out = new ArrayList<>();
        for (String line : rules.split("\n")) {
            String[] t = line.strip().split("\\s+");
            if (t.length == 10
                    && List.of(t[0], t[1], t[2], t[4], t[5], t[6], t[7], t[8], t[9])
                            .equals(List.of(
                                    "-A",
                                    "INPUT",
                                    "-s",
                                    "-m",
                                    "comment",
                                    "--comment",
                                    FirewallCommands.TAG,
                                    "-j",
                                    "DROP"))) {
                BlockTable.Range r = IptablesBlocks.range(t[3], new Block("nethergaze", "", "", t[3], null));
                if (r != null) {
                    out.add(new Held(r.first(), r.last(), t[3], null));
                }
            }
        }
        return out;
    }

    private static List<Held> ipset(String save, Instant now) {
        List<Held> out = new ArrayList<>();
        for (IptablesBlocks.IpSet set : IptablesBlocks.sets(save, now).values()) {
            for (Map.Entry<String, Instant> e : set.entries().entrySet()) {
                BlockTable.Range r =
                        IptablesBlocks.range(e.getKey(), new Block("nethergaze", "", "", e.getKey(), null));
                if (r != null) {
                    out.add(new Held(r.first(), r.last(), e.getKey(), e.getValue()));
                }
            }
        }
        return out;
    }
}
