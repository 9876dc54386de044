package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why one IP, or one prefix a finding names, is flagged in a snapshot ({@code explain IP|PREFIX}, here
 * or over the control socket).
 *
 * @param view one IP's view (null: not seen; always null for a prefix)
 * @param findings for one IP, its findings with those of a prefix flood covering it that it took no part
 *     in; for a prefix, the findings naming it (host-wide ones and those its addresses carry); most severe
 *     first
 * @param earlier those that ended (for a prefix, each rule's at its peak, from the addresses that kept it)
 * @param addresses for a prefix, its addresses in the report; null for one IP
 */
public record Explanation(IpView view, List<Finding> findings, List<PastFinding> earlier, List<String> addresses) {

    public static Explanation of(Snapshot s, IpKey ip) {
        IpView v = s.ips().stream().filter(x -> x.ip().equals(ip)).findFirst().orElse(null);
        List<Finding> findings = new ArrayList<>(v == null ? List.of() : v.findings());
        for (Finding host : s.findings()) {
            if (!host.subject().equals("host") && Cidr.parse(host.subject()).contains(ip) && !findings.contains(host)) {
                findings.add(host);
            }
        }
        findings.sort(Findings.MOST_SEVERE_FIRST);
        return new Explanation(v, List.copyOf(findings), v == null ? List.of() : v.earlierFindings(), null);
    }

    /** The findings about {@code prefix} (a /64 rotating through its addresses, a /24 flood), and its addresses. */
    public static Explanation of(Snapshot s, Cidr prefix) {
        String name = prefix.toString();
        List<IpView> members =
                s.ips().stream().filter(x -> prefix.contains(x.ip())).toList();
        List<Finding> findings = new ArrayList<>();
        for (Finding f : s.findings()) {
            if (f.subject().equals(name)) {
                findings.add(f);
            }
        }
        Map<String, PastFinding> ended = new LinkedHashMap<>();
        for (IpView v : members) {
            for (Finding f : v.findings()) {
                if (f.subject().equals(name) && !Detector.fires(findings, f.rule())) {
                    findings.add(f);
                }
            }
            for (PastFinding p : v.earlierFindings()) {
                if (p.finding().subject().equals(name)) {
                    ended.merge(p.finding().rule(), p, Explanation::peak);
                }
            }
        }
        findings.sort(Findings.MOST_SEVERE_FIRST);
        List<PastFinding> earlier = ended.values().stream()
                .filter(p -> !Detector.fires(findings, p.finding().rule()))
                .toList();
        return new Explanation(
                null,
                List.copyOf(findings),
                earlier,
                members.stream().map(v -> v.ip().toString()).toList());
    }

    /** Of two copies of one ended episode, the one at the higher count (then the later end). */
    private static PastFinding peak(PastFinding a, PastFinding b) {
        if (a.finding().observed() != b.finding().observed()) {
            return a.finding().observed() > b.finding().observed() ? a : b;
        }
        return a.ended().isAfter(b.ended()) ? a : b;
    }

    /** The same with another view of the IP (one the local geo databases added to). */
    public Explanation withView(IpView other) {
        return new Explanation(other, findings, earlier, addresses);
    }
}
