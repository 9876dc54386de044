package dev.nethergaze.act;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.model.Block;
import dev.nethergaze.model.BlockTable;
import dev.nethergaze.model.IpKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * What an nftables ruleset blocks, from {@code nft -j list ruleset}: every rule whose verdict is
 * {@code drop} or {@code reject} and which matches the packet's source address ({@code ip saddr} /
 * {@code ip6 saddr}) against an address, a prefix, a range, an anonymous set or a named set, with
 * the set's elements (and their timeouts); and every verdict map on the source address ({@code ip
 * saddr vmap @blockmap}, {@code ip saddr vmap { 192.0.2.7 : drop }}), with its elements whose verdict
 * is drop or reject (an address mapped to accept or a jump is not blocked by it). This covers nftables itself, iptables-nft (Debian's
 * iptables since buster, ufw's rules with it) and fail2ban's nftables actions. The rule's other
 * conditions (a port, an interface), and those of the jumps and gotos that lead to its chain from a
 * base chain (firewalld's zones are chains reached by interface), are what it blocks {@code only}; a
 * rule in a chain nothing leads to blocks nothing; a negated source match ({@code ip saddr !=
 * 10.0.0.0/8}) names no address and is left out.
 */
public final class NftBlocks {

    /**
     * At most this many ranges are kept from one read (a country's blocklist has ~10k; each range
     * costs ~100 bytes while it is the latest read, so ~20 MB at most).
     */
    static final int MAX_RANGES = 200_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The table read, and how many rules gave it; {@code capped} when {@link #MAX_RANGES} was reached. */
    public record Read(BlockTable table, int rules, boolean capped) {}

    private NftBlocks() {}

    /** Parses nft's JSON ruleset; {@code now} dates the elements' expiry. Throws on text that is not one. */
    public static Read parse(String json, Instant now) throws java.io.IOException {
        List<BlockTable.Range> ranges = new ArrayList<>();
        int[] rules = {0};
        boolean capped = !parse(json, now, Set.of(), ranges, rules);
        return new Read(BlockTable.of(ranges), rules[0], capped);
    }

    /**
     * Adds the ranges of the ruleset to {@code out}, leaving out the tables in {@code skip} ("ip
     * filter": those iptables-nft keeps, which {@link IptablesBlocks} reads in iptables' own terms);
     * counts the rules that gave ranges in {@code counted}. False when the cap was reached.
     */
    static boolean parse(String json, Instant now, Set<String> skip, List<BlockTable.Range> ranges, int[] counted)
            throws java.io.IOException {
        // streamed: only rules become trees; a set's elements are read one at a time into compact
        // ranges (a set of 100k prefixes as one tree is ~40 MB, most of it promoted before it is dropped)
        Map<String, Elems> sets = new HashMap<>();
        List<JsonNode> rules = new ArrayList<>();
        Map<String, Boolean> based = new HashMap<>(); // chain -> hooked; a chain nft did not list counts as reached
        ChainPaths chains = new ChainPaths(k -> based.getOrDefault(k, true));
        try (JsonParser p = JSON.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notRuleset();
            }
            boolean found = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!"nftables".equals(field) || value != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                found = true;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String kind = p.currentName();
                        p.nextToken();
                        if ("rule".equals(kind)) {
                            rules.add(JSON.readTree(p));
                        } else if ("chain".equals(kind)) {
                            JsonNode c = JSON.readTree(p);
                            based.put(
                                    key(
                                            c.path("family").asText(),
                                            c.path("table").asText(),
                                            c.path("name").asText()),
                                    c.has("hook"));
                        } else if (("set".equals(kind) || "map".equals(kind))
                                && p.currentToken() == JsonToken.START_OBJECT) {
                            set(p, now, sets);
                        } else {
                            p.skipChildren();
                        }
                    }
                }
            }
            if (!found) {
                throw notRuleset();
            }
        }
        rules.forEach(r -> jumps(r, chains));
        for (JsonNode rule : rules) {
            if (skip.contains(
                    rule.path("family").asText() + " " + rule.path("table").asText())) {
                continue;
            }
            int before = ranges.size();
            if (!rule(rule, sets, chains, now, ranges)) {
                return false;
            }
            if (ranges.size() > before) {
                counted[0]++;
            }
        }
        return true;
    }

    private static IllegalArgumentException notRuleset() {
        return new IllegalArgumentException("not an nft JSON ruleset (no \"nftables\" array)");
    }

    /** A set's elements as read; {@code cut} when there were more than {@link #MAX_RANGES}. */
    private record Elems(List<Elem> list, boolean cut) {}

    /**
     * One element of a set: the addresses it holds, as nft wrote it, and when it expires (or null); in a
     * verdict map, what it maps them to ({@code drop}, {@code reject}, {@code accept}, {@code jump
     * chain}…), else null.
     */
    record Elem(IpKey first, IpKey last, String text, Instant expires, String verdict) {

        Elem(IpKey first, IpKey last, String text, Instant expires) {
            this(first, last, text, expires, null);
        }

        /** True for an element of a verdict map that drops or rejects what it holds. */
        boolean blocks() {
            return "drop".equals(verdict) || "reject".equals(verdict);
        }
    }

    /**
     * Reads one set or map object (its name, table, family and elements) from {@code p}, at its start;
     * a map's elements are {@code [key, value]} pairs, kept with their verdict.
     */
    private static void set(JsonParser p, Instant now, Map<String, Elems> sets) throws java.io.IOException {
        String family = "";
        String table = "";
        String name = "";
        List<Elem> elems = new ArrayList<>();
        boolean cut = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            switch (f) {
                case "family" -> family = p.getText();
                case "table" -> table = p.getText();
                case "name" -> name = p.getText();
                case "elem" -> {
                    if (v != JsonToken.START_ARRAY) {
                        p.skipChildren();
                        break;
                    }
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        JsonNode node = JSON.readTree(p);
                        Elem e = node.isArray() && node.size() == 2
                                ? mapped(node, now) // a map's [key, value]
                                : elem(node, now);
                        if (e != null && elems.size() < MAX_RANGES) {
                            elems.add(e);
                        } else if (e != null) {
                            cut = true;
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        sets.put(key(family, table, name), new Elems(elems, cut));
    }

    private static String key(String family, String table, String name) {
        return family + ' ' + table + ' ' + name;
    }

    /** Records {@code rule}'s jump or goto in {@code paths}, unless it matches a source. */
    private static void jumps(JsonNode rule, ChainPaths paths) {
        String target = null;
        StringJoiner cond = new StringJoiner(" ");
        for (JsonNode e : rule.path("expr")) {
            JsonNode j = e.has("jump") ? e.get("jump") : e.get("goto");
            if (j != null) {
                target = j.path("target").asText();
            } else if (e.has("match")) {
                if (isSourceAddress(e.get("match").path("left"))) {
                    return;
                }
                cond.add(describe(e.get("match")));
            }
        }
        if (target != null) {
            String family = rule.path("family").asText();
            String table = rule.path("table").asText();
            paths.jump(key(family, table, rule.path("chain").asText()), key(family, table, target), cond.toString());
        }
    }

    /** A verdict map's element, {@code [key, verdict]}: the key's addresses with the verdict; null if none. */
    private static Elem mapped(JsonNode pair, Instant now) {
        Elem key = elem(pair.get(0), now);
        return key == null ? null : new Elem(key.first(), key.last(), key.text(), key.expires(), verdict(pair.get(1)));
    }

    /** A verdict as nft writes it ({@code drop}, {@code jump extra}); null when it is none. */
    private static String verdict(JsonNode v) {
        for (String kind : List.of("drop", "reject", "accept", "continue", "return", "queue")) {
            if (v.has(kind)) {
                return kind;
            }
        }
        for (String kind : List.of("jump", "goto")) {
            if (v.has(kind)) {
                return kind + " " + v.get(kind).path("target").asText();
            }
        }
        return null;
    }

    /** Adds the ranges {@code rule} blocks; false when the cap was reached. */
    private static boolean rule(
            JsonNode rule, Map<String, Elems> sets, ChainPaths chains, Instant now, List<BlockTable.Range> out) {
        JsonNode exprs = rule.path("expr");
        String verdict = null;
        JsonNode source = null;
        JsonNode vmap = null;
        StringJoiner only = new StringJoiner(" ");
        for (JsonNode e : exprs) {
            if (e.has("vmap") && isSourceAddress(e.get("vmap").path("key"))) {
                vmap = e.get("vmap");
                break; // the map's verdict ends the rule
            } else if (e.has("drop")) {
                verdict = "drop";
            } else if (e.has("reject")) {
                verdict = "reject";
            } else if (e.has("accept") || e.has("jump") || e.has("goto") || e.has("return") || e.has("queue")) {
                return true; // not a block (what a jump leads to is not followed)
            } else if (e.has("match")) {
                JsonNode m = e.get("match");
                if (source == null && isSourceAddress(m.path("left")) && isEquality(m.path("op"))) {
                    source = m;
                } else {
                    only.add(describe(m));
                }
            } else if (e.has("limit")) {
                only.add("limit rate " + e.get("limit").path("rate").asText() + "/"
                        + e.get("limit").path("per").asText());
            } else if (e.has("xt")) {
                only.add("iptables " + e.get("xt").path("type").asText() + " "
                        + e.get("xt").path("name").asText());
            }
        }
        if (vmap == null && (verdict == null || source == null)) {
            return true;
        }
        String family = rule.path("family").asText();
        String table = rule.path("table").asText();
        String chain = rule.path("chain").asText();
        Set<String> ways = chains.ways(key(family, table, chain));
        if (ways.isEmpty()) {
            return true; // a chain no base chain leads to: it blocks nothing
        }
        String holds = ChainPaths.only(ways, only.toString());
        if (vmap != null) {
            return verdictMap(vmap, rule, sets, holds, only.toString(), now, out);
        }
        JsonNode right = source.get("right");
        String proto = source.path("left").path("payload").path("protocol").asText();
        String where = family + " " + table + " " + chain + ": " + proto + " saddr " + text(right)
                + (only.length() == 0 ? "" : " " + only) + " " + verdict;
        String comment = rule.path("comment").asText("");
        if (right.isTextual() && right.asText().startsWith("@")) {
            String setName = right.asText().substring(1);
            Elems set = sets.get(key(family, table, setName));
            if (set == null) {
                return true;
            }
            return addAll(set, by(table, chain, setName, comment), el -> where, holds, out);
        }
        String by = by(table, chain, "", comment);
        if (right.has("set")) {
            for (JsonNode el : right.get("set")) {
                if (!add(elem(el, now), by, where, holds, out)) {
                    return false;
                }
            }
            return true;
        }
        return add(elem(right, now), by, where, holds, out);
    }

    /**
     * Adds the elements of a verdict map on the source address that drop or reject: a named map's
     * ({@code "data": "@blockmap"}) or the rule's own ({@code "data": {"set": [[key, verdict]…]}}).
     */
    private static boolean verdictMap(
            JsonNode vmap,
            JsonNode rule,
            Map<String, Elems> sets,
            String holds,
            String only,
            Instant now,
            List<BlockTable.Range> out) {
        String family = rule.path("family").asText();
        String table = rule.path("table").asText();
        String chain = rule.path("chain").asText();
        JsonNode data = vmap.path("data");
        String head = family + " " + table + " " + chain + ": "
                + vmap.path("key").path("payload").path("protocol").asText() + " saddr vmap ";
        String tail = only.isEmpty() ? "" : " " + only;
        String comment = rule.path("comment").asText("");
        if (data.isTextual() && data.asText().startsWith("@")) {
            String mapName = data.asText().substring(1);
            Elems map = sets.get(key(family, table, mapName));
            if (map == null) {
                return true;
            }
            String where = head + data.asText() + tail + " (";
            return addAll(
                    map,
                    by(table, chain, mapName, comment),
                    el -> el.blocks() ? where + el.verdict() + ")" : null,
                    holds,
                    out);
        }
        String by = by(table, chain, "", comment);
        List<Elem> elems = new ArrayList<>();
        StringJoiner shown = new StringJoiner(", ", "{ ", " }");
        for (JsonNode pair : data.path("set")) {
            Elem el = pair.isArray() && pair.size() == 2 ? mapped(pair, now) : null;
            if (el != null) {
                elems.add(el);
                shown.add(el.text() + " : " + el.verdict());
            }
        }
        for (Elem el : elems) {
            if (el.blocks() && !add(el, by, head + shown + tail, holds, out)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSourceAddress(JsonNode left) {
        JsonNode p = left.path("payload");
        String proto = p.path("protocol").asText();
        return ("ip".equals(proto) || "ip6".equals(proto))
                && "saddr".equals(p.path("field").asText());
    }

    private static boolean isEquality(JsonNode op) {
        String o = op.asText("==");
        return "==".equals(o) || "in".equals(o);
    }

    /**
     * Who put a rule there, in a word: our own table or comment, fail2ban (its table, chains or sets,
     * with the jail), ufw (its chains), else nftables.
     */
    static String by(String table, String chain, String setName, String comment) {
        if (FirewallCommands.NFT_TABLE.equals(table) || FirewallCommands.TAG.equals(comment)) {
            return "nethergaze";
        }
        if (setName.startsWith("addr-set-")) {
            return "fail2ban " + setName.substring("addr-set-".length());
        }
        if (chain.startsWith("f2b-") && !"f2b-chain".equals(chain)) {
            return "fail2ban " + chain.substring("f2b-".length());
        }
        if (table.startsWith("f2b-") || chain.startsWith("f2b-")) {
            return "fail2ban";
        }
        if (chain.startsWith("ufw")) {
            return "ufw";
        }
        return "nftables";
    }

    /**
     * Adds the ranges of a named set's (or map's) elements for which {@code where} names the rule
     * (null: the element blocks nothing); false when the cap was reached or the set was cut.
     */
    private static boolean addAll(
            Elems set,
            String by,
            java.util.function.Function<Elem, String> where,
            String only,
            List<BlockTable.Range> out) {
        for (Elem el : set.list()) {
            String w = where.apply(el);
            if (w != null && !add(el, by, w, only, out)) {
                return false;
            }
        }
        return !set.cut();
    }

    /** Adds one element's range (nothing for null: not an address); false when the cap was reached. */
    private static boolean add(Elem el, String by, String where, String only, List<BlockTable.Range> out) {
        if (el == null) {
            return true; // not an address (a concatenation, a port): nothing of ours
        }
        if (out.size() >= MAX_RANGES) {
            return false;
        }
        out.add(new BlockTable.Range(el.first(), el.last(), new Block(by, where, only, el.text(), el.expires())));
        return true;
    }

    /** An element: an address, a prefix, a range, or one of those with a timeout; null for anything else. */
    static Elem elem(JsonNode el, Instant now) {
        Instant expires = null;
        JsonNode val = el;
        if (el.has("elem")) {
            JsonNode inner = el.get("elem");
            val = inner.path("val");
            if (inner.has("expires")) {
                expires = now.plusSeconds(inner.get("expires").asLong());
            }
        }
        IpKey first = null;
        IpKey last = null;
        if (val.isTextual()) {
            first = last = IpKey.tryParse(val.asText());
        } else if (val.has("prefix")) {
            IpKey net = IpKey.tryParse(val.get("prefix").path("addr").asText());
            int len = val.get("prefix").path("len").asInt(-1);
            if (net != null && len >= 0 && len <= (net.isV4() ? 32 : 128)) {
                first = net.prefix(len);
                last = net.prefixEnd(len);
            }
        } else if (val.has("range") && val.get("range").size() == 2) {
            IpKey a = IpKey.tryParse(val.get("range").get(0).asText());
            IpKey b = IpKey.tryParse(val.get("range").get(1).asText());
            if (a != null && b != null && a.isV4() == b.isV4() && a.compareTo(b) <= 0) {
                first = a;
                last = b;
            }
        }
        return first == null ? null : new Elem(first, last, text(val), expires);
    }

    /** A match's other condition as nft writes it: "tcp dport 22", "iifname \"eth0\"", "ct state new". */
    private static String describe(JsonNode m) {
        String op = m.path("op").asText("==");
        return text(m.path("left")) + ("==".equals(op) || "in".equals(op) ? "" : " " + op) + " "
                + text(m.path("right"));
    }

    /** An expression's value as nft's text syntax would give it, as far as a one-line summary needs. */
    static String text(JsonNode v) {
        if (v.isValueNode()) {
            return v.asText();
        }
        if (v.has("prefix")) {
            return v.get("prefix").path("addr").asText() + "/"
                    + v.get("prefix").path("len").asText();
        }
        if (v.has("range")) {
            return text(v.get("range").path(0)) + "-" + text(v.get("range").path(1));
        }
        if (v.has("elem")) {
            return text(v.get("elem").path("val"));
        }
        if (v.has("set")) {
            StringJoiner j = new StringJoiner(", ", "{ ", " }");
            v.get("set").forEach(x -> j.add(text(x)));
            return j.toString();
        }
        if (v.has("payload")) {
            return v.get("payload").path("protocol").asText() + " "
                    + v.get("payload").path("field").asText();
        }
        if (v.has("meta")) {
            return v.get("meta").path("key").asText();
        }
        if (v.has("ct")) {
            return "ct " + v.get("ct").path("key").asText();
        }
        if (v.isArray()) {
            StringJoiner j = new StringJoiner(",");
            v.forEach(x -> j.add(text(x)));
            return j.toString();
        }
        return v.toString();
    }
}
