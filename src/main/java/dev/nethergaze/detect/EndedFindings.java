package dev.nethergaze.detect;

import dev.nethergaze.model.Bounded;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.PastFinding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per IP, the last finding of each rule that stopped firing, kept after the IP's track is gone (a
 * replay reports attacks that ended before the log did). Bounded: a fifth of the tracking cap, the
 * IPs whose findings ended longest ago dropped first. Also how a track's findings carry on between
 * judgements: its peaks, and the same objects while judged the same. Owned by the engine thread (not
 * thread-safe).
 */
final class EndedFindings {

    private final Map<IpKey, Map<String, PastFinding>> ended;
    private final Tracks tracks;

    EndedFindings(int maxTracked, Tracks tracks) {
        int endedCap = Math.max(100, maxTracked / 5);
        this.ended = Bounded.map(endedCap);
        this.tracks = tracks;
    }

    /** The ended findings of {@code ip} by rule, or null if none. */
    Map<String, PastFinding> of(IpKey ip) {
        return ended.get(ip);
    }

    /** Whether {@code ip} has ended findings (an IP back after its track went). */
    boolean has(IpKey ip) {
        return !ended.isEmpty() && ended.containsKey(ip);
    }

    /**
     * The findings in {@code m} (an IP's ended ones) whose rule is not in {@code firing}, most severe
     * first (then most recently ended); those that stopped within the hold before {@code now} are marked
     * {@linkplain PastFinding#held held}.
     */
    static List<PastFinding> earlier(Map<String, PastFinding> m, List<Finding> firing, Instant now) {
        List<PastFinding> out = new ArrayList<>(m.size());
        for (Map.Entry<String, PastFinding> e : m.entrySet()) {
            PastFinding p = e.getValue();
            if (!Detector.fires(firing, p.finding().rule())) {
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
    void ended(IpKey ip, List<Finding> before, List<Finding> after, Instant at) {
        for (Finding b : before) {
            if (!Detector.fires(after, b.rule())) {
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
}
