package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges IPv6 prefixes as one client too: a prefix's track by the rules of log events, its findings
 * shown on the addresses that took part. Owned by the engine thread (not thread-safe).
 */
final class PrefixJudge {

    /** The rules judged per IPv6 prefix as well; their findings there carry the id with {@link Detector#PREFIX}. */
    private static final List<String> PREFIX_RULES = List.of(
            RequestBurstRule.ID,
            ErrorBurstRule.ID,
            ScannerAgentRule.ID,
            ExploitProbeRule.ID,
            HttpLoginRule.ID,
            HttpSlowLoginRule.ID,
            SshBruteForceRule.ID,
            SshUserSprayRule.ID,
            SshSlowGuessRule.ID,
            SshHandshakeRule.ID,
            SshLoginAfterGuessingRule.ID);

    private static final String PREFIX = Detector.PREFIX;

    /** IPv6 prefixes judged as one client too; null when {@code detect.ipv6_prefix} is 128 (off). */
    private final V6Prefixes v6;
    /** The rules a prefix's track is judged by: those of log events (its track gets no others). */
    private final Rule[] prefixRules;

    private final Tracks tracks;

    /** The earliest {@link Rule#quietAt} of the rules that fired in the last {@link #evaluatePrefix}. */
    long quietAt = Rule.UNKNOWN;

    PrefixJudge(V6Prefixes v6, Rule[] rules, Tracks tracks) {
        this.v6 = v6;
        this.prefixRules = java.util.Arrays.stream(rules)
                .filter(r -> PREFIX_RULES.contains(r.id()))
                .toArray(Rule[]::new);
        this.tracks = tracks;
    }

    /**
     * Judges an IPv6 prefix's track by the rules of log events; each finding is named as the prefix's
     * ({@code ssh_bruteforce_prefix}, subject {@code 2001:db8:1:2::/64}) and says from how many of its
     * addresses. A rule fires on the prefix only when two or more of its addresses take part (have
     * events the rule counts now): one address alone has its own finding, and its neighbours did
     * nothing. Notes those addresses in the track's {@link IpTrack#contributors}.
     */
    List<Finding> evaluatePrefix(IpTrack t, Instant now) {
        List<Finding> firing = null;
        List<Finding> named = null;
        Map<String, Set<IpKey>> took = Map.of();
        quietAt = Rule.UNKNOWN;
        for (Rule r : prefixRules) {
            Finding f = r.evaluate(t, now);
            if (f == null) {
                continue;
            }
            Set<IpKey> from = contributors(r, t, now);
            if (from.size() < 2) {
                if (!Detector.fires(t.current, f.rule() + PREFIX)) {
                    t.forgetSince(f.rule()); // no episode of the prefix's began: not from now on
                }
                continue;
            }
            if (named == null) {
                firing = new ArrayList<>(2);
                named = new ArrayList<>(2);
                took = new java.util.HashMap<>(4);
            }
            firing.add(f);
            quietAt = Math.min(quietAt, r.quietAt(t, now.getEpochSecond()));
            int n = from.size();
            String count = n >= V6Prefixes.MEMBERS && v6.count(t) > n ? n + "+" : String.valueOf(n);
            named.add(new Finding(
                    f.rule() + PREFIX,
                    f.severity(),
                    f.subject(),
                    f.reason() + ", from " + count + " addresses of " + t.subject(),
                    f.observed(),
                    f.threshold(),
                    f.window(),
                    f.since(),
                    f.evidence()));
            took.put(f.rule() + PREFIX, from);
        }
        t.keepSince(firing == null ? List.of() : firing, now);
        t.contributors = took;
        if (named == null) {
            return List.of();
        }
        named.sort(Findings.MOST_SEVERE_FIRST);
        return List.copyOf(named);
    }

    /** The addresses of a prefix's track (those remembered) whose own events {@code r} counts now. */
    private Set<IpKey> contributors(Rule r, IpTrack prefix, Instant now) {
        Set<IpKey> out = new HashSet<>();
        for (IpKey m : v6.members(prefix)) {
            IpTrack mt = tracks.peek(m);
            if (mt != null && r.counts(mt, now)) {
                out.add(m);
            }
        }
        return out;
    }

    /** True if both lists hold findings of the same rules. */
    private static boolean sameRules(List<Finding> a, List<Finding> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Finding f : a) {
            if (!Detector.fires(b, f.rule())) {
                return false;
            }
        }
        return true;
    }

    /**
     * An address's findings with those of its IPv6 prefix as the prefix has them now: the address keeps
     * the copy it was last judged with (for its history), and a prefix's counts move on between its
     * addresses' judgements, so every address of it shows the same finding as the host's findings do.
     */
    List<Finding> withCurrentPrefix(IpTrack t) {
        List<Finding> cur = t.current;
        IpTrack p = null;
        for (int i = 0; i < cur.size(); i++) {
            if (!cur.get(i).rule().endsWith(PREFIX)) {
                continue;
            }
            p = p != null ? p : v6 == null ? null : v6.trackOf(t.ip);
            if (p == null) {
                return cur;
            }
            for (Finding now : p.current) {
                if (now.rule().equals(cur.get(i).rule()) && !now.equals(cur.get(i))) {
                    List<Finding> out = new ArrayList<>(cur);
                    out.set(i, now);
                    cur = out;
                }
            }
        }
        return cur;
    }

    /**
     * After {@code t}, a prefix's track, was judged ({@code f}, its contributors before were {@code
     * took}): its addresses that took part show its findings, so when those changed they are added to
     * {@code candidates} to be judged again.
     */
    void rejudgeMembers(IpTrack t, List<Finding> f, Map<String, Set<IpKey>> took, List<IpTrack> candidates) {
        // its addresses that took part show its findings: judge them again
        if (!sameRules(t.current, f) || !took.equals(t.contributors)) {
            for (IpKey member : v6.members(t)) {
                IpTrack m = tracks.peek(member);
                if (m != null) {
                    TrackKeeper.markDirty(candidates, m);
                }
            }
        }
    }
}
