package dev.nethergaze.act;

import dev.nethergaze.detect.Cidr;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a block or an unblock does about what nethergaze's own set already holds: a block never
 * shortens one of ours (a timed block over a permanent one, or over a longer one, keeps it; a longer
 * one extends it), an address inside a prefix we block is already blocked (asked to be blocked longer
 * than the prefix lasts, it is refused: nftables cannot hold both), a prefix over addresses we
 * block replaces them (nftables' interval sets refuse overlapping elements), and an address inside a
 * blocked prefix cannot be unblocked alone.
 */
final class Overlaps {

    /**
     * The firewall steps to run instead of the usual ones, or null for the usual ones; {@code note}
     * says why, for people (null when there is nothing to say).
     */
    record Decision(List<Step> steps, String note) {
        static Decision usual() {
            return new Decision(null, null);
        }

        static Decision none(String note) {
            return new Decision(List.of(), note);
        }
    }

    private Overlaps() {}

    static Decision block(Backend b, Cidr target, Duration ttl, List<OwnBlocks.Held> held, Instant now) {
        Instant until = ttl == null ? null : now.plus(ttl);
        for (OwnBlocks.Held h : held) {
            if (h.same(target)) {
                if (!longer(until, h.expires())) {
                    return Decision.none(
                            h.expires() == null
                                    ? ttl == null
                                            ? "already blocked by nethergaze until unblocked: nothing to add"
                                            : "already blocked permanently by nethergaze: kept; unblock first to make"
                                                    + " it timed"
                                    : "already blocked by nethergaze for " + left(h.expires(), now)
                                            + ", longer than --for asks: kept");
                }
                String note = "nethergaze's block of " + target + " (" + left(h.expires(), now) + " left) extended "
                        + (ttl == null ? "to until unblocked" : "to " + ttl.toSeconds() + " s");
                return b == Backend.NFTABLES
                        ? new Decision(replace(target, ttl, List.of(h)), note)
                        : new Decision(null, note); // ipset's add -exist sets the new timeout
            }
        }
        if (b != Backend.NFTABLES) {
            // iptables rules and an ipset hash:net set hold an address and a prefix around it alike: one
            // that would outlast the prefix is added; one inside it for no longer is already blocked
            for (OwnBlocks.Held h : held) {
                if (h.contains(target) && !longer(until, h.expires())) {
                    return Decision.none(alreadyInside(h, now) + ": nothing to add");
                }
            }
            return Decision.usual();
        }
        List<OwnBlocks.Held> inside = new ArrayList<>();
        for (OwnBlocks.Held h : held) {
            if (h.contains(target)) {
                if (longer(until, h.expires())) { // the address would be free again when the prefix ends
                    throw new ActionRefused("refusing to block " + target
                            + (ttl == null ? " until unblocked" : " for " + ttl.toSeconds() + " s")
                            + ": nethergaze blocks it as part of " + h.text() + ", which ends in "
                            + left(h.expires(), now) + "; nftables cannot hold " + target
                            + " inside it as well: block " + h.text() + " at least as long, or unblock it first");
                }
                return Decision.none(alreadyInside(h, now) + ": nothing to add (nftables cannot hold " + target
                        + " inside it as well)");
            }
            if (h.inside(target)) {
                if (longer(h.expires(), until)) {
                    throw new ActionRefused("refusing to block " + target
                            + (ttl == null ? "" : " for " + ttl.toSeconds() + " s") + ": nethergaze blocks " + h.text()
                            + " inside it "
                            + (h.expires() == null ? "until unblocked" : "for " + left(h.expires(), now))
                            + ", longer; block " + target + " at least as long, or unblock " + h.text() + " first");
                }
                inside.add(h);
            } else if (h.overlaps(target)) {
                throw new ActionRefused("refusing to block " + target + ": it overlaps nethergaze's block of "
                        + h.text() + "; unblock that first");
            }
        }
        if (inside.isEmpty()) {
            return Decision.usual();
        }
        return new Decision(
                replace(target, ttl, inside),
                target + " replaces nethergaze's blocks inside it: " + String.join(", ", texts(inside)));
    }

    static Decision unblock(Backend b, Cidr target, List<OwnBlocks.Held> held) {
        boolean same = held.stream().anyMatch(h -> h.same(target));
        List<OwnBlocks.Held> inside = new ArrayList<>();
        for (OwnBlocks.Held h : held) {
            if (h.same(target)) {
                continue;
            }
            if (h.contains(target) && !same) {
                throw new ActionRefused("cannot unblock " + target + " alone: nethergaze blocks it as part of "
                        + h.text() + "; unblock " + h.text() + " to lift it");
            }
            if (h.inside(target)) {
                inside.add(h);
            }
        }
        if (inside.isEmpty()) {
            // iptables' usual unblock checks for itself, every copy, and shows the command to paste
            return same || b == Backend.IPTABLES
                    ? Decision.usual()
                    : Decision.none("nethergaze holds no block of " + target + ": nothing to remove");
        }
        // iptables and ipset hold a prefix and addresses inside it at once: the prefix's unblock lifts them all
        List<Step> steps = new ArrayList<>(same ? FirewallCommands.unblock(b, target) : List.of());
        if (b == Backend.NFTABLES) {
            List<String> argv = new ArrayList<>(List.of("nft"));
            for (OwnBlocks.Held h : inside) {
                if (argv.size() > 1) {
                    argv.add(";");
                }
                argv.addAll(nftElement("delete", target, h.text()));
            }
            steps.add(new Step(argv, List.of()));
        } else {
            inside.forEach(h -> steps.addAll(FirewallCommands.unblock(b, Cidr.parse(h.text()))));
        }
        return new Decision(
                steps, "unblocks nethergaze's blocks inside " + target + ": " + String.join(", ", texts(inside)));
    }

    private static String alreadyInside(OwnBlocks.Held h, Instant now) {
        return "already blocked by nethergaze's " + h.text()
                + (h.expires() == null ? "" : " (" + left(h.expires(), now) + " left)");
    }

    /** Whether an end {@code a} comes after {@code b} (null: never ends). */
    private static boolean longer(Instant a, Instant b) {
        return b != null && (a == null || a.isAfter(b));
    }

    private static String left(Instant expires, Instant now) {
        return expires == null
                ? "until unblocked"
                : Duration.between(now, expires).toSeconds() + " s";
    }

    private static List<String> texts(List<OwnBlocks.Held> held) {
        return held.stream().map(OwnBlocks.Held::text).toList();
    }

    /**
     * One nft command (one transaction: all or nothing) that deletes {@code old} and adds {@code
     * target}: the kernel never holds both, which an interval set refuses, nor neither.
     */
    private static List<Step> replace(Cidr target, Duration ttl, List<OwnBlocks.Held> old) {
        List<String> argv = new ArrayList<>(List.of("nft"));
        for (OwnBlocks.Held h : old) {
            argv.addAll(nftElement("delete", target, h.text()));
            argv.add(";");
        }
        argv.addAll(nftElement("add", target, target + (ttl == null ? "" : " timeout " + ttl.toSeconds() + "s")));
        List<Step> out = new ArrayList<>(FirewallCommands.nftSetup());
        out.add(new Step(argv, List.of()));
        return out;
    }

    private static List<String> nftElement(String verb, Cidr family, String element) {
        return List.of(
                verb,
                "element",
                "inet",
                FirewallCommands.NFT_TABLE,
                FirewallCommands.nftSet(family),
                "{ " + element + " }");
    }
}
