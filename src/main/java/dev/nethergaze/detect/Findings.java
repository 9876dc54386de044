package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Orderings of findings and of flagged IPs ("suspicious mode"). */
public final class Findings {

    /** Most severe first, then by rule id and subject, so output is stable. */
    public static final Comparator<Finding> MOST_SEVERE_FIRST = Comparator.comparing(Finding::severity)
            .reversed()
            .thenComparing(Finding::rule)
            .thenComparing(Finding::subject);

    private Findings() {}

    /** The worst severity of a view's findings, or null when it has none. */
    public static Severity worst(IpView v) {
        Severity w = null;
        for (Finding f : v.findings()) {
            if (w == null || f.severity().compareTo(w) > 0) {
                w = f.severity();
            }
        }
        return w;
    }

    /** Suspicious mode: only flagged IPs, worst severity first, then most findings, then most activity. */
    public static List<IpView> suspicious(List<IpView> views) {
        List<IpView> out = new ArrayList<>();
        for (IpView v : views) {
            if (!v.findings().isEmpty()) {
                out.add(v);
            }
        }
        out.sort(Comparator.comparing(Findings::worst)
                .reversed()
                .thenComparing(Comparator.<IpView>comparingInt(v -> v.findings().size())
                        .reversed())
                .thenComparing(
                        Comparator.<IpView>comparingLong(IpView::requests).reversed())
                .thenComparing(IpView::ip));
        return out;
    }
}
