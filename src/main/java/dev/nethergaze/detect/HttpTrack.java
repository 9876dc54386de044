package dev.nethergaze.detect;

import dev.nethergaze.model.HttpHit;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One IP's access-log activity as the HTTP rules need it: windows, matches and their lines. */
final class HttpTrack {

    private static final int MAX_KINDS = 16;

    final WindowCounter burst;
    final WindowCounter total;
    /** Errors in the error window; null until the first 4xx/5xx (most clients never get one). */
    private WindowCounter errors;

    /**
     * The latest requests, the burst rule's evidence; null until the IP comes near a burst. A request
     * is kept only while the burst window holds at least {@link #recentFrom} of them: when the rule
     * fires with n &ge; threshold requests in its window, the k-th latest request was counted with at
     * least n - k + 1 of them in the window (the window at that time started no later), so every one of
     * the last {@code evidenceItems} was kept, and the ring holds exactly what it would hold had it kept
     * all. Most IPs never come near a burst and keep no ring at all.
     */
    private HitRing recent;

    private final long recentFrom;
    // the rings of rarer kinds are made on their first line: most IPs never fill them
    /**
     * The error rule's evidence, its latest 4xx/5xx answers: kept, as {@link #recent} is, only while the
     * error window holds at least {@link #errorLinesFrom} of them (the same argument: the rule fires
     * with at least its minimum of errors in its window). A site's ordinary 404s keep no ring.
     */
    private HitRing errorLines;

    private final long errorLinesFrom;
    /** Web login attempts in the login window; null until the first (most clients never log in). */
    private WindowCounter logins;
    /** The attempts, each labelled with what made it one. */
    private HitRing loginLines;
    /** Attempts made during a host-wide guess ({@link LoginSpray}); null until the first (most IPs never). */
    private WindowCounter sprayed;
    /**
     * Failed login attempts ({@link LoginPages#outcome}) in the spray window; null before the first.
     * When a host-wide guess is found after this IP's attempts ({@link #joinSpray}), they become its
     * attempts made during the guess.
     */
    private WindowCounter failedLogins;
    /** How many IPs were guessing at this IP's latest such attempt. */
    private int sprayIps;
    /** Attempts made during a slow host-wide guess (the long window); null until the first. */
    private WindowCounter slowSprayed;
    /** How many IPs were guessing in the long window at this IP's latest such attempt. */
    private int slowSprayIps;
    /** Failed login attempts in the slow-guessing window; null before the first. */
    private WindowCounter slowFailedLogins;
    /**
     * Of {@link #slowFailedLogins}, those made at the {@link HttpLoginRule} rate: a burst that is over
     * stays that rule's (ended) rather than turning into a day of slow guessing; null until one.
     */
    private WindowCounter burstFailedLogins;

    /** Requests that matched a probe, each labelled with what it matched and where. */
    private HitRing probeLines;

    private HitRing agentLines;
    private final int evidenceItems;
    private final int errorSeconds;
    private final int loginSeconds;
    private final int spraySeconds;
    private final int slowLoginSeconds;
    private final int loginAttempts;
    /** Kinds of probe seen, in order; allocated on the first probe. */
    Set<String> probeKinds = Set.of();
    /** {@link #probeKinds} joined, made again only when a kind is added. */
    private String probeKindsText;
    /** Weak-probe hits per probe id, counted only until they are promoted; allocated on the first. */
    private Map<String, Integer> weakHits = Map.of();

    long probes;
    /** The exploit rule's sentence, kept while {@link #probes} is still {@link #probeReasonCount}. */
    String probeReason;

    long probeReasonCount;
    Instant lastProbe;
    /**
     * Requests per scanner agent name, in the order first seen; allocated on the first (most IPs never
     * send one). At most {@link #MAX_KINDS} names; the hits of others count in {@link #agentHits} only.
     */
    Map<String, Long> agentCounts = Map.of();

    long agentHits;
    Instant lastAgent;
    /** The scanner rule's sentence, kept while {@link #agentHits} is still {@link #agentReasonHits}. */
    String agentReason;

    long agentReasonHits;
    Instant lastRequest;

    /** A prefix's track: its evidence keeps each request's client. */
    private final boolean keepClients;

    HttpTrack(DetectSettings s) {
        this(s, false);
    }

    HttpTrack(DetectSettings s, boolean keepClients) {
        this.keepClients = keepClients;
        evidenceItems = s.evidenceItems();
        errorSeconds = s.http().errorSeconds();
        loginSeconds = s.http().loginSeconds();
        spraySeconds = s.http().loginSpraySeconds();
        slowLoginSeconds = s.http().slowLoginWindowSeconds();
        loginAttempts = s.http().loginAttempts();
        burst = WindowCounter.covering(s.http().burstSeconds(), 10);
        total = WindowCounter.covering(errorSeconds, 12);
        recentFrom = (long) s.http().burstRequests() - evidenceItems + 1;
        errorLinesFrom = (long) s.http().errorMin() - evidenceItems + 1;
    }

    /** The burst rule's evidence: the latest requests. */
    List<String> recentEvidence(String client) {
        return recent == null ? List.of() : recent.toList(client);
    }

    /** The 4xx/5xx window; null before the first error. */
    WindowCounter errors() {
        return errors;
    }

    /** 4xx/5xx answers within the error window ending at {@code epochSecond}. */
    long errorsWithin(long epochSecond) {
        return errors == null ? 0 : errors.sum(epochSecond);
    }

    List<String> errorEvidence(String client) {
        return errorLines == null ? List.of() : errorLines.toList(client);
    }

    /** The login window; null before the first attempt. */
    WindowCounter logins() {
        return logins;
    }

    /** Failed logins in the slow-guessing window; null before the first. */
    WindowCounter slowFailedLogins() {
        return slowFailedLogins;
    }

    /** Failed logins in the slow-guessing window that were not made at the {@link HttpLoginRule} rate. */
    long slowFailedOnly(long sec) {
        return slowFailedLogins == null
                ? 0
                : slowFailedLogins.sum(sec) - (burstFailedLogins == null ? 0 : burstFailedLogins.sum(sec));
    }

    /** Login attempts made during a host-wide guess; null before the first. */
    WindowCounter sprayed() {
        return sprayed;
    }

    /**
     * A host-wide guess was found ({@link LoginSpray}) after this IP's last failed attempt, while it
     * was still in the window, {@code ips} IPs taking part: its failed attempts in the window count as
     * made during the guess (those after are marked as they come).
     */
    void joinSpray(int ips, boolean slow) {
        if (failedLogins == null) {
            return;
        }
        // (any attempt marked before is out of the window: an IP marked within it is not handed on)
        if (slow) {
            slowSprayed = slowFailedLogins.copy();
            slowSprayIps = ips;
        } else {
            sprayed = failedLogins.copy();
            sprayIps = ips;
        }
    }

    /** How many IPs were guessing at this IP's latest attempt made during a host-wide guess. */
    int sprayIps() {
        return sprayIps;
    }

    /** Login attempts made during a slow host-wide guess; null before the first. */
    WindowCounter slowSprayed() {
        return slowSprayed;
    }

    /** How many IPs were guessing in the long window at this IP's latest attempt made during a slow guess. */
    int slowSprayIps() {
        return slowSprayIps;
    }

    List<String> loginEvidence(String client) {
        return loginLines == null ? List.of() : loginLines.toList(client);
    }

    List<String> probeEvidence(String client) {
        return probeLines == null ? List.of() : probeLines.toList(client);
    }

    List<String> agentEvidence(String client) {
        return agentLines == null ? List.of() : agentLines.toList(client);
    }

    private HitRing ring(HitRing r) {
        return r != null ? r : new HitRing(evidenceItems, keepClients);
    }

    void hit(HttpHit h, DetectSettings s, ScannerAgents agents, LoginPages loginPages, ProbeMemo quiet) {
        long sec = h.time().getEpochSecond();
        burst.add(sec);
        total.add(sec);
        if (burst.sum(sec) >= recentFrom) {
            recent = ring(recent);
            recent.add(h);
        }
        lastRequest = later(lastRequest, h.time());
        if (h.status() >= 400 && h.status() <= 599) {
            if (errors == null) {
                errors = WindowCounter.covering(errorSeconds, 12);
            }
            errors.add(sec);
            if (errors.sum(sec) >= errorLinesFrom) {
                errorLines = ring(errorLines);
                errorLines.add(h);
            }
        }
        String login = loginPages.attempt(h);
        if (login != null) {
            if (logins == null) {
                logins = WindowCounter.covering(loginSeconds, 12);
            }
            logins.add(sec);
            loginLines = ring(loginLines);
            loginLines.add(h, login);
            if (loginPages.outcome(h) == LoginPages.Outcome.FAILED) {
                if (failedLogins == null) {
                    failedLogins = WindowCounter.covering(spraySeconds, 12);
                }
                failedLogins.add(sec);
                if (slowFailedLogins == null) {
                    slowFailedLogins = WindowCounter.covering(slowLoginSeconds, 24);
                }
                slowFailedLogins.add(sec);
                if (logins.sum(sec) >= loginAttempts) {
                    if (burstFailedLogins == null) {
                        burstFailedLogins = WindowCounter.covering(slowLoginSeconds, 24);
                    }
                    burstFailedLogins.add(sec);
                }
            }
            if (h.loginSpray() > 0) {
                if (sprayed == null) {
                    sprayed = WindowCounter.covering(spraySeconds, 12);
                }
                sprayed.add(sec);
                sprayIps = h.loginSpray();
            }
            if (h.slowLoginSpray() > 0) {
                if (slowSprayed == null) {
                    slowSprayed = WindowCounter.covering(slowLoginSeconds, 24);
                }
                slowSprayed.add(sec);
                slowSprayIps = h.slowLoginSpray();
            }
        }
        String a = agents.match(h.userAgent());
        if (a != null) {
            if (agentCounts.isEmpty()) {
                agentCounts = new java.util.LinkedHashMap<>(4);
            }
            if (agentCounts.size() < MAX_KINDS || agentCounts.containsKey(a)) {
                agentCounts.merge(a, 1L, Long::sum);
            }
            agentHits++;
            agentLines = ring(agentLines);
            agentLines.add(h);
            lastAgent = later(lastAgent, h.time());
        }
        ProbePatterns.Match m = ProbePatterns.match(h, s.http().allowPaths(), quiet);
        if (m != null && counts(m, h, s)) {
            probes++;
            if (probeKinds.isEmpty()) {
                probeKinds = new LinkedHashSet<>();
            }
            if (probeKinds.size() < MAX_KINDS && probeKinds.add(m.probe().name())) {
                probeKindsText = null;
            }
            probeLines = ring(probeLines);
            probeLines.add(h, m.probe().name() + " in " + m.field());
            lastProbe = later(lastProbe, h.time());
        }
    }

    /** The kinds of probe seen, in the order first seen: "env file, git metadata". */
    String probeKindsText() {
        if (probeKindsText == null) {
            probeKindsText = String.join(", ", probeKinds);
        }
        return probeKindsText;
    }

    /** A strong probe always counts; a weak one when refused/missing (4xx) or hit often. */
    private boolean counts(ProbePatterns.Match m, HttpHit h, DetectSettings s) {
        if (!m.probe().weak() || (h.status() >= 400 && h.status() < 500)) {
            return true;
        }
        if (weakHits.size() >= MAX_KINDS && !weakHits.containsKey(m.probe().id())) {
            return false;
        }
        if (weakHits.isEmpty()) {
            weakHits = new HashMap<>();
        }
        return weakHits.merge(m.probe().id(), 1, Integer::sum) >= s.http().weakProbeHits();
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
