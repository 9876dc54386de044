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

    final HitRing recent;
    // the rings of rarer kinds are made on their first line: most IPs never fill them
    private HitRing errorLines;
    /** Requests that matched a probe, each labelled with what it matched and where. */
    private HitRing probeLines;

    private HitRing agentLines;
    private final int evidenceItems;
    private final int errorSeconds;
    /** Kinds of probe seen, in order; allocated on the first probe. */
    Set<String> probeKinds = Set.of();
    /** Weak-probe hits per probe id, counted only until they are promoted; allocated on the first. */
    private Map<String, Integer> weakHits = Map.of();

    long probes;
    /** The exploit rule's sentence, kept while {@link #probes} is still {@link #probeReasonCount}. */
    String probeReason;

    long probeReasonCount;
    Instant lastProbe;
    String agent;
    long agentHits;
    Instant lastAgent;
    Instant lastRequest;

    HttpTrack(DetectSettings s) {
        evidenceItems = s.evidenceItems();
        errorSeconds = s.http().errorSeconds();
        burst = WindowCounter.of(s.http().burstSeconds(), 10);
        total = WindowCounter.of(errorSeconds, 12);
        recent = new HitRing(evidenceItems);
    }

    /** 4xx/5xx answers within the error window ending at {@code epochSecond}. */
    long errorsWithin(long epochSecond) {
        return errors == null ? 0 : errors.sum(epochSecond);
    }

    List<String> errorEvidence() {
        return errorLines == null ? List.of() : errorLines.toList();
    }

    List<String> probeEvidence() {
        return probeLines == null ? List.of() : probeLines.toList();
    }

    List<String> agentEvidence() {
        return agentLines == null ? List.of() : agentLines.toList();
    }

    private HitRing ring(HitRing r) {
        return r != null ? r : new HitRing(evidenceItems);
    }

    void hit(HttpHit h, DetectSettings s, ScannerAgents agents, ProbeMemo quiet) {
        long sec = h.time().getEpochSecond();
        burst.add(sec);
        total.add(sec);
        recent.add(h);
        lastRequest = later(lastRequest, h.time());
        if (h.status() >= 400 && h.status() <= 599) {
            if (errors == null) {
                errors = WindowCounter.of(errorSeconds, 12);
            }
            errors.add(sec);
            errorLines = ring(errorLines);
            errorLines.add(h);
        }
        String a = agents.match(h.userAgent());
        if (a != null) {
            agent = a;
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
            if (probeKinds.size() < MAX_KINDS) {
                probeKinds.add(m.probe().name());
            }
            probeLines = ring(probeLines);
            probeLines.add(h, m.probe().name() + " in " + m.field());
            lastProbe = later(lastProbe, h.time());
        }
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
