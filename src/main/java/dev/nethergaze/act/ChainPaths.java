package dev.nethergaze.act;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The ways a packet reaches a chain of a firewall (iptables' or nftables'): from a base chain (hooked
 * into the kernel's path: INPUT, or an nft chain with a hook), through the jumps and gotos of other
 * rules, each way with the conditions of the rules it took. A block in a chain holds only for what
 * reaches it: fail2ban's chain is jumped to for its ports; firewalld's zone chains per interface.
 * A jump that matches a source is not a way in for others (its own block, if any, is its business).
 */
final class ChainPaths {

    private static final int MAX_DEPTH = 8;

    private record Jump(String from, String conditions) {}

    private final Predicate<String> base;
    private final Map<String, List<Jump>> into = new HashMap<>();

    /** {@code base}: whether a chain (by the caller's key) is a base chain. */
    ChainPaths(Predicate<String> base) {
        this.base = base;
    }

    /** A rule in chain {@code from} jumps (or goes) to {@code to} when {@code conditions} hold. */
    void jump(String from, String to, String conditions) {
        into.computeIfAbsent(to, k -> new ArrayList<>()).add(new Jump(from, conditions));
    }

    /**
     * The conditions of each way into {@code chain} ("" for a way without any); empty when nothing
     * leads to it (then a rule there blocks nothing).
     */
    Set<String> ways(String chain) {
        Set<String> out = new LinkedHashSet<>();
        reach(chain, "", 0, out);
        return out;
    }

    /** The ways as one "only" text, before the rule's own conditions: "" when one way has none. */
    static String only(Set<String> ways, String own) {
        return join(ways.contains("") ? "" : String.join(" or ", ways), own);
    }

    static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + " " + b;
    }

    private void reach(String chain, String after, int depth, Set<String> out) {
        if (base.test(chain)) {
            out.add(after);
            return;
        }
        if (depth >= MAX_DEPTH) {
            return;
        }
        for (Jump j : into.getOrDefault(chain, List.of())) {
            reach(j.from(), join(j.conditions(), after), depth + 1, out);
        }
    }
}
