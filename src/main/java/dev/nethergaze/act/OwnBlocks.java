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
 * ipset's {@code nethergaze4/6}), read before a block or an unblock: the addresses and prefixes
 * with when they expire. A block decides from it whether it adds, keeps, extends or replaces.
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

    /** The read-only command that lists our set for {@code target}'s family on {@code b} (nftables or ipset). */
    static List<String> command(Backend b, Cidr target) {
        return b == Backend.NFTABLES
                ? List.of(
                        "nft", "-j", "list", "set", "inet", FirewallCommands.NFT_TABLE, FirewallCommands.nftSet(target))
                : List.of("ipset", "save", FirewallCommands.ipset(target));
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
            return b == Backend.NFTABLES ? nft(r.stdout(), now) : ipset(r.stdout(), now);
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
