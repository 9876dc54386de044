package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Many distinct invalid user names from one IP: guessing accounts, not mistyping one. */
final class SshUserSprayRule implements Rule {

    static final String ID = "ssh_user_spray";
    private static final int NAMES_SHOWN = 8;

    private final int threshold;
    private final int seconds;
    /** The window as findings carry it (made once: a flagged IP is judged after each of its events). */
    private final Duration window;

    SshUserSprayRule(DetectSettings s) {
        this.threshold = s.ssh().invalidUsers();
        this.seconds = s.ssh().sprayWindowSeconds();
        this.window = Duration.ofSeconds(this.seconds);
    }

    @Override
    public String id() {
        return ID;
    }

    /** When the threshold-th most recent name leaves the window, fewer than the threshold are left in it. */
    @Override
    public long quietAt(IpTrack t, long sec) {
        return Rule.thinsOut(t.auth.invalidUsers, threshold, seconds);
    }

    @Override
    public boolean counts(IpTrack t, Instant now) {
        return t.auth != null && t.auth.invalidUsersSince(now.minusSeconds(seconds)) > 0;
    }

    @Override
    public Finding evaluate(IpTrack t, Instant now) {
        if (t.auth == null) {
            return null;
        }
        Instant cutoff = now.minusSeconds(seconds);
        int n = t.auth.invalidUsersSince(cutoff);
        if (n < threshold) {
            return null;
        }
        AuthTrack a = t.auth;
        // re-judged on every attempt while it sprays: the names change only with a new try or an
        // expiry, and an expiry changes the count
        if (a.sprayReason == null || a.sprayTouches != a.invalidUsers.touches() || a.sprayCount != n) {
            // a name tried again moves, but the first ones shown mostly stay: the sentence is made
            // again only when they or the count changed
            List<String> names = a.invalidUsers.keysSince(cutoff, NAMES_SHOWN);
            if (a.sprayReason == null || a.sprayCount != n || !names.equals(a.sprayNames)) {
                a.sprayNames = names;
                List<String> shown = new ArrayList<>(names);
                shown.replaceAll(Evidence::clip);
                a.sprayReason = n + " distinct invalid SSH user names in " + seconds + " s (threshold " + threshold
                        + "): " + String.join(", ", shown) + (n > names.size() ? ", …" : "");
            }
            a.sprayTouches = a.invalidUsers.touches();
            a.sprayCount = n;
        }
        String reason = a.sprayReason;
        return new Finding(
                ID,
                Severity.MEDIUM,
                t.subject(),
                reason,
                n,
                threshold,
                window,
                t.since(ID, now),
                t.auth.invalidLines.toList(AuthTrack::line));
    }
}
