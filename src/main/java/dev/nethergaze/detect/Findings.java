package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Orderings of findings and of flagged IPs ("suspicious mode"). */
public final class Findings {

    /**
     * Most severe first, then by rule id and subject, so output is stable. Written out, not chained:
     * every judgement of an IP with two findings sorts them, and C1 calls each link through an interface.
     */
    public static final Comparator<Finding> MOST_SEVERE_FIRST = Findings::mostSevereFirst;

    private static int mostSevereFirst(Finding a, Finding b) {
        int c = b.severity().compareTo(a.severity());
        if (c == 0) {
            c = a.rule().compareTo(b.rule());
        }
        return c != 0 ? c : a.subject().compareTo(b.subject());
    }

    private Findings() {}

    /** How long a finding that stopped firing is held: fired again within it, the same episode goes on. */
    public static final long HOLD_SECONDS = IpTrack.HOLD_SECONDS;

    /**
     * The worst severity of a view's open findings, or null when it has none: those firing now and
     * those {@linkplain PastFinding#held held} (stopped less than the hold ago, their episode going on
     * should the rule fire again). An IP whose traffic sits at a threshold stays flagged while it does.
     */
    public static Severity worst(IpView v) {
        Severity w = null;
        for (Finding f : v.findings()) {
            w = worse(w, f.severity());
        }
        for (PastFinding p : v.earlierFindings()) {
            if (p.held()) {
                w = worse(w, p.finding().severity());
            }
        }
        return w;
    }

    /** How many of a view's findings are open: firing now, or held (see {@link #worst}). */
    public static int open(IpView v) {
        int n = v.findings().size();
        for (PastFinding p : v.earlierFindings()) {
            if (p.held()) {
                n++;
            }
        }
        return n;
    }

    /**
     * A view's open findings (firing or held, as {@link #open}) counted by severity, as one number that
     * sorts as they should: 4 bits a severity, {@code CRITICAL} highest, each count at most 15. Of two
     * views, the larger has more findings of the worst severity where they differ: equally bad at worst,
     * the next severity decides (critical and high before critical and medium), then how many.
     */
    public static long openBySeverity(IpView v) {
        long k = 0;
        for (Finding f : v.findings()) {
            k = addOne(k, f.severity());
        }
        for (PastFinding p : v.earlierFindings()) {
            if (p.held()) {
                k = addOne(k, p.finding().severity());
            }
        }
        return k;
    }

    private static long addOne(long counts, Severity s) {
        int shift = switch (s) {
            case INFO -> 0;
            case LOW -> 4;
            case MEDIUM -> 8;
            case HIGH -> 12;
            case CRITICAL -> 16;
        };
        return ((counts >>> shift) & 0xF) == 0xF ? counts : counts + (1L << shift);
    }

    /** The worst severity of a view's earlier findings whose episode is over, or null when it has none. */
    public static Severity worstEarlier(IpView v) {
        Severity w = null;
        for (PastFinding p : v.earlierFindings()) {
            if (!p.held()) {
                w = worse(w, p.finding().severity());
            }
        }
        return w;
    }

    private static Severity worse(Severity a, Severity b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }

    /**
     * The prefix a finding of {@code v} names as the source, of which {@code v}'s address is one (a
     * SYN flood from its /24, a guess rotating through its IPv6 /64), the widest first; null if none.
     * What a block should cover when one address of many is blocked in vain.
     */
    public static Cidr prefixOf(IpView v) {
        Cidr best = null;
        for (Finding f : v.findings()) {
            if (f.subject().indexOf('/') < 0) {
                continue;
            }
            try {
                Cidr c = Cidr.parse(f.subject());
                if (c.contains(v.ip()) && (best == null || c.bits() < best.bits())) {
                    best = c;
                }
            } catch (IllegalArgumentException e) {
                // a subject that is no prefix: not one to block
            }
        }
        return best;
    }

    /**
     * Whether suspicious mode keeps {@code v}: a rule fires for it now, or fired earlier in this session
     * or replay and stopped (an attack that is over is still what an abuse report asks about).
     */
    public static boolean flagged(IpView v) {
        return !v.findings().isEmpty() || !v.earlierFindings().isEmpty();
    }

    /**
     * Suspicious mode: only {@link #flagged} IPs. Those flagged now (or held, see {@link #worst}) come
     * first, by their findings' severities ({@link #openBySeverity}: the worst, then the next worst,
     * then how many), most activity; then those whose findings all ended, by their worst earlier
     * severity.
     */
    public static List<IpView> suspicious(List<IpView> views) {
        List<Ranked> ranked = new ArrayList<>();
        for (IpView v : views) {
            if (flagged(v)) {
                ranked.add(Ranked.of(v));
            }
        }
        // each view's measures worked out once, not in every comparison (watch --suspicious sorts
        // thousands of flagged IPs a second; the chained comparator walked their findings each time)
        ranked.sort(Ranked::compare);
        List<IpView> out = new ArrayList<>(ranked.size());
        for (Ranked r : ranked) {
            out.add(r.view);
        }
        return out;
    }

    /** A flagged view with the measures suspicious mode orders by (severities null when none). */
    private record Ranked(IpView view, long open, Severity worstEarlier) {

        static Ranked of(IpView v) {
            return new Ranked(v, Findings.openBySeverity(v), Findings.worstEarlier(v));
        }

        int compare(Ranked o) {
            int c = Long.compare(o.open, open);
            if (c == 0) {
                c = worseFirst(worstEarlier, o.worstEarlier);
            }
            if (c == 0) {
                c = Long.compare(o.view.requests(), view.requests());
            }
            return c != 0 ? c : view.ip().compareTo(o.view.ip());
        }

        private static int worseFirst(Severity a, Severity b) {
            if (a == null || b == null) {
                return a == b ? 0 : a == null ? 1 : -1;
            }
            return b.compareTo(a);
        }
    }
}
