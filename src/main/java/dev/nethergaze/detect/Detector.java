package dev.nethergaze.detect;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.Bounded;
import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Direction;
import dev.nethergaze.model.Enriched;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.FirewallBlocks;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SynCounters;
import dev.nethergaze.model.WireDelta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs every rule over the events the engine applies. Owned by the engine thread (not
 * thread-safe). Per-IP state is bounded: at most {@code maxTracked} IPs (least recently seen
 * evicted), and small rings and windows per IP. Allowlisted addresses are never tracked.
 */
public final class Detector {

    private static final long SWEEP_SECONDS = 60;

    private final DetectSettings settings;
    private final Allowlist allowlist;
    private final int maxTracked;
    private final ScannerAgents agents;
    private final LoginPages loginPages;
    private final ProbeMemo quiet = new ProbeMemo();
    /** An array, not a list: replay runs C1 only, which allocates an iterator per for-each over a list. */
    private final Rule[] rules;

    private final PrefixFloods prefixes;
    /** IPv6 prefixes judged as one client too; null when {@code detect.ipv6_prefix} is 128 (off). */
    private final V6Prefixes v6;
    /** The rules a prefix's track is judged by: those of log events (its track gets no others). */
    private final Rule[] prefixRules;

    private final HostRules host;
    private final HostEpisodes hostEpisodes = new HostEpisodes();
    /** Host-wide guessing per user; null once {@link #handOverGuessedUsers} gave it to a replay's reader. */
    private GuessedUsers guessedUsers;
    /** Host-wide web login guessing; null once {@link #handOverLoginSpray} gave it to a replay's reader. */
    private LoginSpray loginSpray;

    private final Tracks tracks = new Tracks();
    /** The earliest {@link Rule#quietAt} of the rules that fired in the last {@link #evaluate}. */
    private long quietAt = Rule.UNKNOWN;

    /** IPs whose state changed since the last evaluation, each once (its track's flag says so). */
    private ArrayList<IpTrack> dirty = new ArrayList<>();

    private ArrayList<IpTrack> spare = new ArrayList<>();
    /**
     * Flagged IPs re-judged without new events, so windows can expire: (epoch second, track), earliest
     * first. An entry whose time is no longer its track's {@link IpTrack#recheckAt}, or whose track is
     * gone, is stale and skipped.
     */
    private final java.util.PriorityQueue<Recheck> schedule = new java.util.PriorityQueue<>();

    /**
     * Per IP, the last finding of each rule that stopped firing, kept after the IP's track is gone (a
     * replay reports attacks that ended before the log did). Bounded: a fifth of the tracking cap, the
     * IPs whose findings ended longest ago dropped first.
     */
    private final Map<IpKey, Map<String, PastFinding>> ended;

    private Set<IpKey> inTable = new HashSet<>();
    private boolean logsFlowing;
    private long evicted;
    private Instant lastSweep = Instant.EPOCH;

    public Detector(DetectSettings settings, Allowlist allowlist, int maxTracked) {
        this.settings = settings;
        this.allowlist = allowlist;
        this.maxTracked = maxTracked;
        int endedCap = Math.max(100, maxTracked / 5);
        this.ended = Bounded.map(endedCap);
        this.agents = new ScannerAgents(settings.http().scannerAgents());
        this.loginPages = new LoginPages(settings.http().loginPaths());
        this.prefixes = new PrefixFloods(settings);
        this.v6 = settings.ipv6Prefix() >= 128 ? null : new V6Prefixes(settings.ipv6Prefix(), maxTracked);
        this.host = new HostRules(settings);
        this.guessedUsers = new GuessedUsers(settings);
        this.loginSpray = new LoginSpray(settings, loginPages, allowlist);
        this.rules = new Rule[] {
            new SynFloodRule(settings),
            new ConnHogRule(settings),
            new RequestBurstRule(settings),
            new ErrorBurstRule(settings),
            new ScannerAgentRule(settings),
            new ExploitProbeRule(settings),
            new HttpLoginRule(settings),
            new HttpLoginSprayRule(settings),
            HttpLoginSprayRule.slow(settings),
            new HttpSlowLoginRule(settings),
            new SshBruteForceRule(settings),
            new SshUserSprayRule(settings),
            new SshSlowGuessRule(settings),
            new SshHandshakeRule(settings),
            SshLoginAfterGuessingRule.own(settings),
            SshLoginAfterGuessingRule.distributed(settings),
            new PortScanRule(settings),
            new HighPpsRule(settings),
            new SynScanRule(settings),
            new RequestlessRule(settings, () -> logsFlowing)
        };
        this.prefixRules = java.util.Arrays.stream(rules)
                .filter(r -> PREFIX_RULES.contains(r.id()))
                .toArray(Rule[]::new);
    }

    /** The rules judged per IPv6 prefix as well; their findings there carry the id with {@link #PREFIX}. */
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

    /** What a rule's id ends with when it fired on an IPv6 prefix's track. */
    public static final String PREFIX = "_prefix";

    /** Every rule id a finding can carry (for the filter language and documentation). */
    public static List<String> ruleIds() {
        return List.of(
                SynFloodRule.ID,
                PrefixFloods.ID,
                HostRules.SYN_HOST,
                HostRules.SYN_COUNTERS,
                HostRules.LISTEN_FULL,
                ConnHogRule.ID,
                RequestBurstRule.ID,
                ErrorBurstRule.ID,
                ScannerAgentRule.ID,
                ExploitProbeRule.ID,
                HttpLoginRule.ID,
                HttpLoginSprayRule.ID,
                HttpLoginSprayRule.SLOW_ID,
                HttpSlowLoginRule.ID,
                SshBruteForceRule.ID,
                SshUserSprayRule.ID,
                SshSlowGuessRule.ID,
                SshHandshakeRule.ID,
                SshLoginAfterGuessingRule.ID,
                SshLoginAfterGuessingRule.DISTRIBUTED_ID,
                PortScanRule.ID,
                HighPpsRule.ID,
                SynScanRule.ID,
                RequestlessRule.ID,
                RequestBurstRule.ID + PREFIX,
                ErrorBurstRule.ID + PREFIX,
                ScannerAgentRule.ID + PREFIX,
                ExploitProbeRule.ID + PREFIX,
                HttpLoginRule.ID + PREFIX,
                HttpSlowLoginRule.ID + PREFIX,
                SshBruteForceRule.ID + PREFIX,
                SshUserSprayRule.ID + PREFIX,
                SshSlowGuessRule.ID + PREFIX,
                SshHandshakeRule.ID + PREFIX,
                SshLoginAfterGuessingRule.ID + PREFIX);
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
            markDirty(dirty, t);
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

    private Instant lastSynTable;
    private double cookiesSent;
    private double listenDrops;
    private double listenOverflows;

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
                IpTrack t = track(h.client(), h.time(), known);
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
                IpTrack t = track(a.ip(), a.time(), known);
                if (t != null) {
                    t.auth(settings).attempt(a);
                    IpTrack p = prefixTrack(a.ip(), a.time(), a);
                    if (p != null) {
                        p.auth(settings).attempt(a);
                    }
                }
                return t;
            }
            case ConnTable table -> {
                table(table);
                synRates(table);
            }
            case Enriched e -> {}
            case FirewallBlocks f -> {}
            case PacketTick p -> packets(p);
        }
        return null;
    }

    /** A capture tick: each IP that sent (or whose SYNs went unanswered) feeds its wire windows. */
    private void packets(PacketTick p) {
        if (p.reset()) { // the capture forgot its counters: wire windows start afresh, rules re-judge
            for (IpTrack t = tracks.eldest(); t != null; t = t.newer()) {
                if (t.wire != null) {
                    t.wire = null;
                    markDirty(dirty, t);
                }
            }
        }
        for (WireDelta d : p.ips()) {
            if (d.packets() == 0 && d.unansweredSyn() == 0) {
                continue; // only received: nothing the wire rules judge
            }
            IpTrack t = track(d.ip(), p.time());
            if (t != null) {
                t.wire().delta(d, p.time(), settings);
            }
        }
    }

    /**
     * The connection source reports the kernel counters as per-second rates over the interval since
     * its previous reading; the host rule judges counts over a window, so the rates are integrated
     * back into running counts (rate × that interval). The first rates already cover an interval: it
     * is judged from a reading at its start (before, the first interval was dropped, and a flood that
     * fell in it was missed). A table read once is counted once.
     */
    private void synRates(ConnTable table) {
        SynCounters r = table.syn();
        Instant t = table.time();
        if (r == null || !r.hasRates() || (lastSynTable != null && !t.isAfter(lastSynTable))) {
            return;
        }
        if (lastSynTable == null) {
            observe(new TcpCounters(t.minusNanos(Math.round(r.intervalS() * 1e9)), 0, 0, 0));
        }
        cookiesSent += r.syncookiesSentPerS() * r.intervalS();
        listenDrops += r.listenDropsPerS() * r.intervalS();
        listenOverflows += r.listenOverflowsPerS() * r.intervalS();
        lastSynTable = t;
        observe(new TcpCounters(t, Math.round(cookiesSent), Math.round(listenDrops), Math.round(listenOverflows)));
    }

    /** A reading of the host's SYN counters (syncookies, listen drops). */
    public void observe(TcpCounters counters) {
        host.counters(counters);
        hostEpisodes.judged(host.findings(), counters.time());
    }

    private void table(ConnTable table) {
        Instant t = table.time();
        Set<IpKey> present = new HashSet<>();
        List<Connection> inbound = new ArrayList<>();
        for (Connection c : table.connections()) {
            if (c.direction() != Direction.INBOUND) {
                continue;
            }
            IpTrack tr = track(c.remote(), t);
            if (tr == null) {
                continue;
            }
            inbound.add(c);
            if (present.add(c.remote())) {
                tr.conn().reset();
            }
            tr.conn.row(c, t, settings);
        }
        for (IpKey gone : inTable) {
            IpTrack tr = present.contains(gone) ? null : tracks.get(gone);
            if (tr != null && tr.conn != null) {
                tr.conn.reset();
                tr.conn.finish(t);
                markDirty(dirty, tr);
            }
        }
        for (Iterator<IpKey> it = present.iterator(); it.hasNext(); ) {
            IpKey ip = it.next();
            IpTrack tr = tracks.get(ip);
            if (tr == null) { // evicted by this very table: more remotes than the cap
                it.remove();
                continue;
            }
            tr.conn().finish(t);
            markDirty(dirty, tr);
        }
        inTable = present;
        prefixes.table(inbound, t);
        host.table(table);
        hostEpisodes.judged(host.findings(), t);
    }

    private record Recheck(long at, IpTrack track) implements Comparable<Recheck> {
        @Override
        public int compareTo(Recheck o) {
            return Long.compare(at, o.at);
        }
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
        while (!schedule.isEmpty() && schedule.peek().at() < end) {
            judge(Instant.ofEpochSecond(schedule.peek().at()), false);
        }
    }

    private void judge(Instant now, boolean sweep) {
        long sec = now.getEpochSecond();
        ArrayList<IpTrack> candidates = dirty; // swapped, not copied: the spare list is empty again below
        dirty = spare;
        spare = candidates;
        while (!schedule.isEmpty() && schedule.peek().at() <= sec) {
            Recheck r = schedule.poll();
            IpTrack t = r.track();
            if (!t.gone && t.recheckAt == r.at()) {
                t.recheckAt = 0;
                markDirty(candidates, t);
            }
        }
        for (int i = 0; i < candidates.size(); i++) {
            IpTrack t = candidates.get(i);
            t.dirty = false;
            if (t.gone) {
                continue; // evicted or swept after it changed: its findings went with it
            }
            java.util.Map<String, Set<IpKey>> took = t.contributors;
            List<Finding> f = t.prefix ? evaluatePrefix(t, now) : evaluate(t, now);
            if (t.prefix) {
                // its addresses that took part show its findings: judge them again
                if (!sameRules(t.current, f) || !took.equals(t.contributors)) {
                    for (IpKey member : v6.members(t)) {
                        IpTrack m = tracks.peek(member);
                        if (m != null) {
                            markDirty(candidates, m);
                        }
                    }
                }
            } else if (!t.current.isEmpty()) { // a prefix's ended findings are kept on its addresses
                ended(t.ip, t.peaks, f, now);
            }
            if (f.isEmpty()) {
                if (!t.current.isEmpty()) { // only flagged IPs have findings and rechecks to drop
                    t.recheckAt = 0;
                    t.current = List.of();
                    t.peaks = List.of();
                }
            } else {
                f = sameAsBefore(t.current, f);
                t.peaks = peaks(t.peaks, f);
                t.current = f;
                scheduleRecheck(t, f, sec);
            }
            if (t.prefix) {
                v6.judged(t);
            }
        }
        candidates.clear();
        if (sweep && now.getEpochSecond() - lastSweep.getEpochSecond() >= SWEEP_SECONDS) {
            sweep(now);
            lastSweep = now;
        }
    }

    /**
     * {@code now}, with each finding that says the same as one of {@code before} ({@link
     * #sameJudgement}) replaced by that one, and {@code before} itself when all are: a finding judged
     * the same stays the same object, which a view and a watch's writer keep as they are without
     * looking inside.
     */
    static List<Finding> sameAsBefore(List<Finding> before, List<Finding> now) {
        if (before.isEmpty()) {
            return now;
        }
        Finding[] out = null;
        for (int i = 0; i < now.size(); i++) {
            Finding n = now.get(i);
            for (int j = 0; j < before.size(); j++) {
                Finding b = before.get(j);
                if (sameJudgement(b, n)) {
                    if (out == null) {
                        out = now.toArray(new Finding[0]);
                    }
                    out[i] = b;
                    break;
                }
            }
        }
        if (out == null) {
            return now;
        }
        return inOrder(out, before) ? before : List.of(out);
    }

    /** Whether {@code a} holds the very objects of {@code b}, in its order. */
    @SuppressWarnings("ReferenceEquality") // the same findings, not equal ones
    private static boolean inOrder(Finding[] a, List<Finding> b) {
        if (a.length != b.size()) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether two findings say the same, their evidence the same list object: the rings hand out the
     * same list while nothing is added, and comparing lists made apart would make deferred evidence
     * lines (a replay's brute force, judged at every attempt: 40 % slower).
     */
    @SuppressWarnings("ReferenceEquality") // the same evidence object, not equal lines: see above
    private static boolean sameJudgement(Finding a, Finding b) {
        return a.evidence() == b.evidence()
                && a.observed() == b.observed()
                && a.threshold() == b.threshold()
                && a.severity() == b.severity()
                && a.rule().equals(b.rule())
                && a.subject().equals(b.subject())
                && a.since().equals(b.since())
                && a.window().equals(b.window())
                && a.reason().equals(b.reason());
    }

    private void scheduleRecheck(IpTrack t, List<Finding> f, long sec) {
        long shortest = Long.MAX_VALUE;
        for (int i = 0; i < f.size(); i++) {
            long w = f.get(i).window().toSeconds();
            if (w > 0) { // window 0: table-driven; every kernel table re-judges the IP anyway
                shortest = Math.min(shortest, w);
            }
        }
        if (shortest == Long.MAX_VALUE) {
            t.recheckAt = 0;
            return;
        }
        // at an eighth of the shortest window, or sooner when a finding is known to end sooner: then
        // exactly when it ends, so its end time is when it stopped
        long at = Math.min(sec + Math.max(1, shortest / 8), Math.max(sec + 1, quietAt));
        long current = t.recheckAt;
        if (current == 0 || current > at || current <= sec) {
            t.recheckAt = at;
            schedule.add(new Recheck(at, t));
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

    /**
     * Judges an IPv6 prefix's track by the rules of log events; each finding is named as the prefix's
     * ({@code ssh_bruteforce_prefix}, subject {@code 2001:db8:1:2::/64}) and says from how many of its
     * addresses. A rule fires on the prefix only when two or more of its addresses take part (have
     * events the rule counts now): one address alone has its own finding, and its neighbours did
     * nothing. Notes those addresses in the track's {@link IpTrack#contributors}.
     */
    private List<Finding> evaluatePrefix(IpTrack t, Instant now) {
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
                if (!fires(t.current, f.rule() + PREFIX)) {
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
            if (!fires(b, f.rule())) {
                return false;
            }
        }
        return true;
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
        return t == null ? List.of() : withCurrentPrefix(t);
    }

    /**
     * An address's findings with those of its IPv6 prefix as the prefix has them now: the address keeps
     * the copy it was last judged with (for its history), and a prefix's counts move on between its
     * addresses' judgements, so every address of it shows the same finding as the host's findings do.
     */
    private List<Finding> withCurrentPrefix(IpTrack t) {
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
        Map<String, PastFinding> m = ended.get(ip);
        if (m == null) {
            return List.of();
        }
        List<PastFinding> out = new ArrayList<>(m.size());
        List<Finding> firing = findings(ip, known);
        for (Map.Entry<String, PastFinding> e : m.entrySet()) {
            PastFinding p = e.getValue();
            if (!fires(firing, p.finding().rule())) {
                PastFinding h = held(p, now);
                if (h.held() != p.held()) {
                    e.setValue(h); // the same object while it stays held (or not): a writer's copy of it holds
                }
                out.add(h);
            }
        }
        out.sort(EARLIER_ORDER);
        return out.isEmpty() ? List.of() : List.copyOf(out);
    }

    /** {@code p}, marked held when it stopped within the hold before {@code now}. */
    static PastFinding held(PastFinding p, Instant now) {
        boolean held = !IpTrack.heldPast(p.ended(), now);
        return held == p.held() ? p : new PastFinding(p.finding(), p.ended(), held);
    }

    static final Comparator<PastFinding> EARLIER_ORDER = Comparator.comparing(
                    PastFinding::finding, Findings.MOST_SEVERE_FIRST)
            .thenComparing(PastFinding::ended, Comparator.reverseOrder());

    /**
     * Remembers the findings in {@code before} whose rule is not in {@code after} as ended at {@code
     * at}. An episode that went on after a short stop ({@link IpTrack#HOLD_SECONDS}: the same since)
     * ends again with the higher of its peaks.
     */
    private void ended(IpKey ip, List<Finding> before, List<Finding> after, Instant at) {
        for (Finding b : before) {
            if (!fires(after, b.rule())) {
                Map<String, PastFinding> m = ended.get(ip);
                if (m == null) {
                    m = new LinkedHashMap<>(4);
                    ended.put(ip, m);
                    IpTrack t = tracks.peek(ip);
                    if (t != null) {
                        t.mayHaveEnded = true;
                    }
                }
                PastFinding old = m.get(b.rule());
                Finding peak = old != null
                                && old.finding().since().equals(b.since())
                                && old.finding().observed() > b.observed()
                        ? old.finding()
                        : b;
                m.put(b.rule(), new PastFinding(peak, at));
            }
        }
    }

    /**
     * {@code now}, except that a rule whose finding in {@code peaks} had a higher observed value keeps
     * that one: an episode ends reporting its peak. No copy while every count is at its peak.
     */
    static List<Finding> peaks(List<Finding> peaks, List<Finding> now) {
        List<Finding> out = null;
        for (int i = 0; i < now.size() && !peaks.isEmpty(); i++) {
            Finding n = now.get(i);
            for (int j = 0; j < peaks.size(); j++) {
                Finding p = peaks.get(j);
                if (p.rule().equals(n.rule()) && p.observed() > n.observed()) {
                    if (out == null) {
                        out = new ArrayList<>(now);
                    }
                    out.set(i, p);
                }
            }
        }
        return out == null ? now : out;
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
        List<Finding> all = new ArrayList<>(host.findings());
        all.addAll(prefixes.all());
        if (v6 != null) {
            for (IpTrack t : v6.flagged()) {
                all.addAll(t.current);
            }
        }
        all.sort(Findings.MOST_SEVERE_FIRST);
        return List.copyOf(all);
    }

    /**
     * Host-wide findings that stopped firing (most severe first, then most recently ended), each with
     * its peak, without those firing again now; those that stopped within the hold before {@code now}
     * marked held.
     */
    public List<PastFinding> earlierHostFindings(Instant now) {
        return hostEpisodes.earlier(now);
    }

    public int tracked() {
        return tracks.size();
    }

    public long evicted() {
        return evicted;
    }

    private IpTrack track(IpKey ip, Instant t) {
        return track(ip, t, null);
    }

    /**
     * The track of {@code ip}'s IPv6 prefix to feed with {@code event} too (queued for judgement), or
     * null. A track made by this event first gets the events its first address had alone.
     */
    private IpTrack prefixTrack(IpKey ip, Instant t, SourceEvent event) {
        IpTrack p = v6 == null ? null : v6.feed(ip, t, event);
        if (p != null) {
            markDirty(dirty, p);
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

    /** The track of {@code ip}, made most recently used (created if new); null if allowlisted. */
    private IpTrack track(IpKey ip, Instant t, IpTrack known) {
        IpTrack tr;
        if (known != null && !known.gone && known.ip.equals(ip)) {
            tr = known; // an allowlisted IP never got a track, so this one is not allowlisted
            tracks.touch(tr);
        } else if (allowlist.contains(ip)) {
            return null;
        } else {
            tr = tracks.get(ip);
        }
        if (tr == null) {
            tr = new IpTrack(ip, t);
            tr.mayHaveEnded = !ended.isEmpty() && ended.containsKey(ip); // back after its track went
            tracks.add(tr);
            if (tracks.size() > maxTracked) {
                IpTrack gone = tracks.eldest();
                tracks.untrack(gone);
                IpKey victim = gone.ip;
                ended(victim, gone.peaks, List.of(), t);
                inTable.remove(victim);
                evicted++;
            }
        }
        tr.seen(t);
        markDirty(dirty, tr);
        return tr;
    }

    private static void markDirty(List<IpTrack> list, IpTrack t) {
        if (!t.dirty) {
            t.dirty = true;
            list.add(t);
        }
    }

    /** Drops IPs idle for longer than the longest window, so quiet addresses do not pile up. */
    private void sweep(Instant now) {
        DetectSettings.Ssh ssh = settings.ssh();
        long keep = java.util.stream.IntStream.of(
                        ssh.slowWindowSeconds(),
                        ssh.windowSeconds(),
                        ssh.sprayWindowSeconds(),
                        settings.http().memorySeconds(),
                        settings.wire().scanSeconds())
                .max()
                .orElseThrow();
        Instant cutoff = now.minusSeconds(keep);
        if (v6 != null) {
            v6.sweep(cutoff);
        }
        for (IpTrack t = tracks.eldest(); t != null; ) {
            IpTrack next = t.newer();
            if (!t.lastSeen.isBefore(cutoff)) {
                break; // least recently used first: the rest are newer (approximately; the cap bounds the rest)
            }
            if ((t.conn == null || t.conn.isEmpty()) && !inTable.contains(t.ip)) {
                tracks.untrack(t);
                ended(t.ip, t.peaks, List.of(), now);
            }
            t = next;
        }
    }
}
