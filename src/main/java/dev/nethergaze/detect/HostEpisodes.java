package dev.nethergaze.detect;

import dev.nethergaze.model.Bounded;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.PastFinding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host-wide findings over time (a SYN flood over the whole table, full listen queues, the kernel's
 * SYN counters): each episode's peak while it fires, and the episodes that ended, so that a flood that
 * came and went at 3 a.m. still shows, with its peak and evidence, after it is over, and so does the
 * one before it. An episode that fires again within the hold ({@link HeldSince}: the same since) is
 * not an ended one: it goes on, with the higher of its peaks. Bounded: the {@link #KEPT} episodes that ended last. (Prefix findings are kept on the addresses they cover.)
 */
final class HostEpisodes {

    private static final int KEPT = 32;

    private final Map<String, Finding> peaks = new LinkedHashMap<>();
    private final Map<String, PastFinding> ended = Bounded.map(KEPT);

    /** The host findings as judged at {@code at}: those no longer among them ended then. */
    void judged(List<Finding> now, Instant at) {
        Set<String> live = new HashSet<>();
        for (Finding f : now) {
            String k = key(f);
            live.add(k);
            Finding peak = peaks.get(k);
            PastFinding paused = ended.remove(k + "\0" + f.since()); // it stopped, and went on within the hold
            if (paused != null && (peak == null || paused.finding().observed() > peak.observed())) {
                peak = paused.finding();
                peaks.put(k, peak);
            }
            if (peak == null || f.observed() > peak.observed()) {
                peaks.put(k, f);
            }
        }
        for (Iterator<Map.Entry<String, Finding>> it = peaks.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Finding> e = it.next();
            if (!live.contains(e.getKey())) { // each episode on its own: a second flood does not erase the first
                ended.put(e.getKey() + "\0" + e.getValue().since(), new PastFinding(e.getValue(), at));
                it.remove();
            }
        }
    }

    /**
     * The episodes that ended, each one (a rule firing again now is a new episode); most severe first;
     * those that stopped within the hold before {@code now} marked held.
     */
    List<PastFinding> earlier(Instant now) {
        List<PastFinding> out = new ArrayList<>(ended.size());
        for (PastFinding p : ended.values()) {
            out.add(EndedFindings.held(p, now));
        }
        out.sort(EndedFindings.EARLIER_ORDER);
        return List.copyOf(out);
    }

    private static String key(Finding f) {
        return f.rule() + "\0" + f.subject();
    }
}
