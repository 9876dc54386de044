package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Why one IP is flagged in a snapshot ({@code explain IP}, here or over the control socket): its
 * view (null: not seen), its findings with those of a prefix flood covering it that it took no part
 * in, most severe first, and those that ended.
 */
public record Explanation(IpView view, List<Finding> findings, List<PastFinding> earlier) {

    public static Explanation of(Snapshot s, IpKey ip) {
        IpView v = s.ips().stream().filter(x -> x.ip().equals(ip)).findFirst().orElse(null);
        List<Finding> findings = new ArrayList<>(v == null ? List.of() : v.findings());
        for (Finding host : s.findings()) {
            if (!host.subject().equals("host") && Cidr.parse(host.subject()).contains(ip) && !findings.contains(host)) {
                findings.add(host);
            }
        }
        findings.sort(Findings.MOST_SEVERE_FIRST);
        return new Explanation(v, List.copyOf(findings), v == null ? List.of() : v.earlierFindings());
    }

    /** The same with another view of the IP (one the local geo databases added to). */
    public Explanation withView(IpView other) {
        return new Explanation(other, findings, earlier);
    }
}
