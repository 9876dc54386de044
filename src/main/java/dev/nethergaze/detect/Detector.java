package dev.nethergaze.detect;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Enriched;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.FirewallBlocks;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.WireDelta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs every rule over the events the engine applies. Owned by the engine thread (not
 * thread-safe). Per-IP state is bounded: at most {@code maxTracked} IPs (least recently seen
 * evicted), and small rings and windows per IP. Allowlisted addresses are never tracked.
 */
public final class Detector {

    private final DetectSettings settings;
    private final Allowlist allowlist;
    private final ScannerAgents agents;
    private final LoginPages loginPages;
    private final ProbeMemo quiet = new ProbeMemo();
    /** An array, not a list: replay runs C1 only, which allocates an iterator per for-each over a list. */
    private final Rule[] rules;

    private final PrefixFloods prefixes;
    /** IPv6 prefixes judged as one client too; null when {@code detect.ipv6_prefix} is 128 (off). */
    private final V6Prefixes v6;

    private final PrefixJudge prefix;

    private final HostJudge host;
    /** Host-wide guessing per user; null once {@link #handOverGuessedUsers} gave it to a replay's reader. */
    private GuessedUsers guessedUsers;
    /** Host-wide web login guessing; null once {@link #handOverLoginSpray} gave it to a replay's reader. */
    private LoginSpray loginSpray;

    private final Tracks tracks = new Tracks();
    /** The earliest {@link Rule#quietAt} of the rules that fired in the last {@link #evaluate}. */
    private long quietAt = Rule.UNKNOWN;

    private final TrackKeeper keeper;
    private final Rechecks rechecks = new Rechecks();
    private final EndedFindings ended;

    private boolean logsFlowing;

    public Detector(DetectSettings settings, Allowlist allowlist, int maxTracked) {
        this.settings = settings;
        this.allowlist = allowlist;
        this.ended = new EndedFindings(maxTracked, tracks);
        this.agents = new ScannerAgents(settings.http().scannerAgents());
        this.loginPages = new LoginPages(settings.http().loginPaths());
        this.prefixes = new PrefixFloods(settings);
        this.v6 = settings.ipv6Prefix() >= 128 ? null : new V6Prefixes(settings.ipv6Prefix(), maxTracked);
        this.keeper = new TrackKeeper(tracks, allowlist, maxTracked, settings, v6, ended);
        this.host = new HostJudge(settings, prefixes, v6);
        this.guessedUsers = new GuessedUsers(settings);
        this.loginSpray = new LoginSpray(settings, loginPages, allowlist);
        this.rules = RuleBook.ipRules(settings, () -> logsFlowing);
        this.prefix = new PrefixJudge(v6, rules, tracks);
    }

    /** What a rule's id ends with when it fired on an IPv6 prefix's track. */
    public static final String PREFIX = "_prefix";

    /** Every rule id a finding can carry (for the filter language and documentation). */
    public static List<String> ruleIds() {
        return RuleBook.ids();
    }

    /**
     * For a replay that splits IPs across detectors: the host-wide judge of guessed users, which the
     * reader then feeds with every auth event before the split (each detector sees only its IPs), and
     * which this detector no longer feeds. Accepted logins reach the detectors already judged.
     */
    public GuessedUsers handOverGuessedUsers() {
        GuessedUsers g = guessedUsers;
        guessedUsers = null;
        return g;
    }

    /**
     * A host-wide web guess was just found ({@link LoginSpray#takeJoined}): its IP, which failed to
     * log in within the guess's window before, is flagged with it (so many IPs taking part). Its
     * recency is left as it was: this is no event of its own.
     */
    public void joinLoginSpray(LoginSpray.Joined j) {
        IpTrack t = tracks.peek(j.ip());
        if (t != null && t.http != null) {
            t.http.joinSpray(j.ips(), j.slow());
            keeper.markDirty(t);
        }
    }

    /**
     * For a replay that splits IPs across detectors: the host-wide judge of web logins, which the
     * reader then feeds with every hit before the split, as {@link #handOverGuessedUsers}.
     */
    public LoginSpray handOverLoginSpray() {
        LoginSpray s = loginSpray;
        loginSpray = null;
        return s;
    }

    public DetectSettings settings() {
        return settings;
    }

    public Allowlist allowlist() {
        return allowlist;
    }

    public void observe(SourceEvent event) {
        observe(event, null);
    }

    /**
     * Observes an event about one IP whose track the caller may hold from an earlier event ({@code
     * known}, or null), and returns the track now in use (null when the IP is not tracked, e.g.
     * allowlisted), for the caller to hand back next time.
     */
    public IpTrack observe(SourceEvent event, IpTrack known) {
        switch (event) {
            case HttpHit read -> {
                logsFlowing = true;
                HttpHit h = loginSpray == null ? read : loginSpray.observe(read);
                IpTrack t = keeper.track(h.client(), h.time(), known);
                if (t != null) {
                    t.http(settings).hit(h, settings, agents, loginPages, quiet);
                    IpTrack p = prefixTrack(h.client(), h.time(), h);
                    if (p != null) {
                        p.http(settings).hit(h, settings, agents, loginPages, quiet);
                    }
                }
                if (loginSpray != null) {
                    for (LoginSpray.Joined j : loginSpray.takeJoined()) {
                        joinLoginSpray(j);
                    }
                }
                return t;
            }
            case AuthAttempt read -> {
                AuthAttempt a = guessedUsers == null ? read : guessedUsers.observe(read);
                IpTrack t = keeper.track(a.ip(), a.time(), known);
                if (t != null) {
                    t.auth(settings).attempt(a);
                    IpTrack p = prefixTrack(a.ip(), a.time(), a);
                    if (p != null) {
                        p.auth(settings).attempt(a);
                    }
                }
                return t;
            }
            case ConnTable table -> host.table(table, keeper.table(table));
            case Enriched e -> {}
            case FirewallBlocks f -> {}
            case PacketTick p -> {
                packets(p);
                host.packets(p);
            }
        }
        return null;
    }

    /** A capture tick: each IP that sent (or whose SYNs went unanswered) feeds its wire windows. */
    private void packets(PacketTick p) {
        if (p.reset()) { // the capture forgot its counters: wire windows start afresh, rules re-judge
            for (IpTrack t = tracks.eldest(); t != null; t = t.newer()) {
                if (t.wire != null) {
                    t.wire = null;
                    keeper.markDirty(t);
                }
            }
        }
        for (WireDelta d : p.ips()) {
            if (d.packets() == 0 && d.unansweredSyn() == 0) {
                continue; // only received: nothing the wire rules judge
            }
            IpTrack t = keeper.track(d.ip(), p.time());
            if (t != null) {
                t.wire().delta(d, p.time(), settings);
            }
        }
    }

    /** A reading of the host's SYN counters (syncookies, listen drops). */
    public void observe(TcpCounters counters) {
        host.counters(counters);
    }

    /**
     * Re-evaluates the IPs whose state changed, and flagged IPs whose windows may have expired (each
     * is re-judged after an eighth of its shortest decaying window, so a finding ends at most that late).
     */
    public void evaluate(Instant now) {
        judge(now, true);
    }

    /**
     * Judges, each at its own time, the flagged IPs whose re-judgement fell due before {@code until}:
     * after a quiet spell in a replay, their findings end when they would have ended live, not when
     * the next line comes. Nothing else is judged (the caller has just evaluated), and idle IPs are
     * swept only by {@link #evaluate}, on the ticks every engine of a replay shares.
     */
    public void catchUp(Instant until) {
        long end = until.getEpochSecond();
        while (rechecks.dueBefore(end)) {
            judge(Instant.ofEpochSecond(rechecks.first()), false);
        }
    }

    private void judge(Instant now, boolean sweep) {
        long sec = now.getEpochSecond();
        ArrayList<IpTrack> candidates = keeper.takeDirty();
        rechecks.due(sec, candidates);
        for (int i = 0; i < candidates.size(); i++) {
            IpTrack t = candidates.get(i);
            t.dirty = false;
            if (t.gone) {
                continue; // evicted or swept after it changed: its findings went with it
            }
            java.util.Map<String, Set<IpKey>> took = t.contributors;
            List<Finding> f = t.prefix ? prefix.evaluatePrefix(t, now) : evaluate(t, now);
            if (t.prefix) {
                prefix.rejudgeMembers(t, f, took, candidates);
            } else if (!t.current.isEmpty()) { // a prefix's ended findings are kept on its addresses
                ended.ended(t.ip, t.peaks, f, now);
            }
            if (f.isEmpty()) {
                if (!t.current.isEmpty()) { // only flagged IPs have findings and rechecks to drop
                    t.recheckAt = 0;
                    t.current = List.of();
                    t.peaks = List.of();
                }
            } else {
                f = EndedFindings.sameAsBefore(t.current, f);
                t.peaks = EndedFindings.peaks(t.peaks, f);
                t.current = f;
                rechecks.schedule(t, f, sec, t.prefix ? prefix.quietAt : quietAt);
            }
            if (t.prefix) {
                v6.judged(t);
            }
        }
        candidates.clear();
        if (sweep) {
            keeper.sweepIfDue(now);
        }
    }

    /**
     * The findings of {@code set}'s rules that fire on {@code t} now, or null when none does (most IPs:
     * nothing is allocated for them); notes {@link #quietAt} and forgets the episodes that ended.
     */
    private List<Finding> fire(Rule[] set, IpTrack t, Instant now) {
        List<Finding> out = null;
        quietAt = Rule.UNKNOWN;
        for (Rule r : set) {
            Finding f = r.evaluate(t, now);
            if (f != null) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(f);
                quietAt = Math.min(quietAt, r.quietAt(t, now.getEpochSecond()));
            }
        }
        t.keepSince(out == null ? List.of() : out, now);
        return out;
    }

    private List<Finding> evaluate(IpTrack t, Instant now) {
        List<Finding> out = fire(rules, t, now);
        if (t.conn != null && t.conn.synRecv > 0) {
            Finding p = prefixes.forIp(t.ip);
            if (p != null) {
                if (out == null) {
                    out = new ArrayList<>(1);
                }
                out.add(p);
            }
        }
        IpTrack pt = v6 == null ? null : v6.trackOf(t.ip);
        if (pt != null && !pt.current.isEmpty()) { // the findings of its IPv6 prefix it took part in
            for (Finding f : pt.current) {
                Set<IpKey> took = pt.contributors.get(f.rule());
                if (took != null && took.contains(t.ip)) {
                    if (out == null) {
                        out = new ArrayList<>(pt.current.size());
                    }
                    out.add(f);
                }
            }
        }
        if (out == null) {
            return List.of();
        }
        if (out.size() == 1) { // most flagged IPs: nothing to order (C1 calls each comparator link)
            return List.of(out.getFirst());
        }
        out.sort(Findings.MOST_SEVERE_FIRST);
        return List.copyOf(out);
    }

    /** The findings of one IP at the last evaluation, most severe first; empty if none. */
    public List<Finding> findings(IpKey ip) {
        return findings(ip, null);
    }

    /**
     * As {@link #findings(IpKey)}, with the track {@link #observe} returned for the IP last ({@code
     * known}, or null): while it is still the IP's, no lookup (a replay's report asks for every IP).
     */
    public List<Finding> findings(IpKey ip, IpTrack known) {
        IpTrack t = known != null && !known.gone && known.ip.equals(ip) ? known : tracks.peek(ip);
        return t == null ? List.of() : prefix.withCurrentPrefix(t);
    }

    /**
     * Findings of one IP that stopped firing: the last one per rule, without the rules firing now,
     * most severe first (then most recently ended); empty if none. Those that stopped within the hold
     * before {@code now} are marked {@linkplain PastFinding#held held}: their episode may go on.
     */
    public List<PastFinding> earlier(IpKey ip, Instant now) {
        return earlier(ip, null, now);
    }

    /**
     * As {@link #earlier(IpKey, Instant)}, with the track {@link #observe} returned for the IP last
     * ({@code known}, or null): while it is still the IP's, an IP with no ended finding costs no lookup.
     */
    public List<PastFinding> earlier(IpKey ip, IpTrack known, Instant now) {
        if (known != null && !known.gone && !known.mayHaveEnded && known.ip.equals(ip)) {
            return List.of();
        }
        Map<String, PastFinding> m = ended.of(ip);
        if (m == null) {
            return List.of();
        }
        return EndedFindings.earlier(m, findings(ip, known), now);
    }

    /** True if {@code findings} hold one of {@code rule}. */
    public static boolean fires(List<Finding> findings, String rule) {
        for (int i = 0; i < findings.size(); i++) {
            if (findings.get(i).rule().equals(rule)) {
                return true;
            }
        }
        return false;
    }

    /** Every flagged IP at the last evaluation. */
    public Set<IpKey> flagged() {
        Set<IpKey> out = new HashSet<>();
        for (IpTrack t = tracks.eldest(); t != null; t = t.newer()) {
            if (!t.current.isEmpty()) {
                out.add(t.ip);
            }
        }
        return Set.copyOf(out);
    }

    /** Findings about prefixes and the host as a whole, most severe first. */
    public List<Finding> hostFindings() {
        return host.findings();
    }

    /**
     * Host-wide findings that stopped firing (most severe first, then most recently ended), each with
     * its peak, without those firing again now; those that stopped within the hold before {@code now}
     * marked held.
     */
    public List<PastFinding> earlierHostFindings(Instant now) {
        return host.earlier(now);
    }

    public int tracked() {
        return tracks.size();
    }

    public long evicted() {
        return keeper.evicted();
    }

    /**
     * The track of {@code ip}'s IPv6 prefix to feed with {@code event} too (queued for judgement), or
     * null. A track made by this event first gets the events its first address had alone.
     */
    private IpTrack prefixTrack(IpKey ip, Instant t, SourceEvent event) {
        IpTrack p = v6 == null ? null : v6.feed(ip, t, event);
        if (p != null) {
            keeper.markDirty(p);
            for (SourceEvent e : v6.takeSeed()) {
                if (e instanceof HttpHit h) {
                    p.http(settings).hit(h, settings, agents, loginPages, quiet);
                } else if (e instanceof AuthAttempt a) {
                    p.auth(settings).attempt(a);
                }
            }
        }
        return p;
    }
}
