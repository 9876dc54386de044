package dev.nethergaze.detect;

import dev.nethergaze.model.HttpHit;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** One IP's access-log activity as the HTTP rules need it: windows, matches and their lines. */
final class HttpTrack {

    private static final int MAX_KINDS = 16;

    final WindowCounter burst;
    final WindowCounter total;
    final WindowCounter errors;
    /** A request that matched a probe, with what it matched and where. */
    record Probed(HttpHit hit, String label) {
        String line() {
            return Evidence.of(hit) + "  [" + label + "]";
        }
    }

    final EvidenceRing<HttpHit> recent;
    final EvidenceRing<HttpHit> errorLines;
    final EvidenceRing<Probed> probeLines;
    final EvidenceRing<HttpHit> agentLines;
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
        int n = s.evidenceItems();
        burst = WindowCounter.of(s.http().burstSeconds(), 10);
        total = WindowCounter.of(s.http().errorSeconds(), 12);
        errors = WindowCounter.of(s.http().errorSeconds(), 12);
        recent = new EvidenceRing<>(n);
        errorLines = new EvidenceRing<>(n);
        probeLines = new EvidenceRing<>(n);
        agentLines = new EvidenceRing<>(n);
    }

    void hit(HttpHit h, DetectSettings s, ScannerAgents agents, QuietStrings quiet) {
        long sec = h.time().getEpochSecond();
        burst.add(sec);
        total.add(sec);
        recent.add(h);
        lastRequest = later(lastRequest, h.time());
        if (h.status() >= 400 && h.status() <= 599) {
            errors.add(sec);
            errorLines.add(h);
        }
        String a = agents.match(h.userAgent());
        if (a != null) {
            agent = a;
            agentHits++;
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
            probeLines.add(new Probed(h, m.probe().name() + " in " + m.field()));
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
