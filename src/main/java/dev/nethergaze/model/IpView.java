package dev.nethergaze.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one remote IP at one tick, immutable. Rates are over the engine's rolling
 * windows: {@code requestsPerMin} over the last 60 s, {@code newConnsPerSec} averaged over 10 s.
 * {@code geo}, {@code whois} and {@code history} are null until a lookup has answered; {@code wire}
 * is null unless a packet capture saw the IP. {@code tcp} is null when no socket of the IP reports
 * tcp_info; {@code processes} lists the local processes holding its connections (most first,
 * capped), empty when owners are not resolved.
 * {@code via} lists the trusted proxies this client's requests came through (the TCP peers, and the
 * trusted hops of their forwarded chains), empty when direct. {@code earlierFindings} are findings of this IP that stopped firing (the last one per
 * rule not firing now), most severe first. {@code group} is null for one address; for a row of the
 * console's grouping by prefix, {@code ip} is the prefix's network address and {@code group} holds
 * the prefix length and the members (see {@link IpGroup}). {@code blocked} lists the firewall rules
 * that drop or reject the address now (empty when none does, or the firewall is not read).
 */
public record IpView(
        IpKey ip,
        Instant firstSeen,
        Instant lastSeen,
        ConnSummary connections,
        List<ServiceCount> services,
        long requests,
        long bytes,
        Map<String, Long> status,
        Map<String, Long> methods,
        long requestsPerMin,
        double newConnsPerSec,
        List<RequestView> lastRequests,
        AuthSummary auth,
        GeoInfo geo,
        WhoisInfo whois,
        HistoryInfo history,
        List<Finding> findings,
        WireSummary wire,
        TcpQuality tcp,
        List<ProcessCount> processes,
        List<IpKey> via,
        List<PastFinding> earlierFindings,
        IpGroup group,
        List<Block> blocked) {

    /** A view without capture data, TCP quality and process owners. */
    public IpView(
            IpKey ip,
            Instant firstSeen,
            Instant lastSeen,
            ConnSummary connections,
            List<ServiceCount> services,
            long requests,
            long bytes,
            Map<String, Long> status,
            Map<String, Long> methods,
            long requestsPerMin,
            double newConnsPerSec,
            List<RequestView> lastRequests,
            AuthSummary auth,
            GeoInfo geo,
            WhoisInfo whois,
            HistoryInfo history,
            List<Finding> findings) {
        this(
                ip,
                firstSeen,
                lastSeen,
                connections,
                services,
                requests,
                bytes,
                status,
                methods,
                requestsPerMin,
                newConnsPerSec,
                lastRequests,
                auth,
                geo,
                whois,
                history,
                findings,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                null,
                List.of());
    }

    public IpView {
        processes = List.copyOf(processes);
        via = List.copyOf(via);
        services = List.copyOf(services);
        status = CountMap.copyOf(status);
        methods = CountMap.copyOf(methods);
        lastRequests = RecentRequests.copyOf(lastRequests);
        findings = List.copyOf(findings);
        earlierFindings = List.copyOf(earlierFindings);
        blocked = List.copyOf(blocked);
    }

    /** This view with {@code earlier} as its findings that ended (the rest unchanged). */
    public IpView withEarlierFindings(List<PastFinding> earlier) {
        return with(earlier, blocked, geo);
    }

    /** This view with {@code rules} as the firewall rules that block it (the rest unchanged). */
    public IpView withBlocked(List<Block> rules) {
        return with(earlierFindings, rules, geo);
    }

    /** This view with {@code place} as where it comes from (the rest unchanged). */
    public IpView withGeo(GeoInfo place) {
        return with(earlierFindings, blocked, place);
    }

    /**
     * This view with other rates (the rest unchanged): an IP whose counts did not change since its last
     * view, while its windows move on.
     */
    public IpView withRates(long perMin, double connsPerSec) {
        return with(earlierFindings, blocked, geo, perMin, connsPerSec);
    }

    private IpView with(List<PastFinding> earlier, List<Block> rules, GeoInfo place) {
        return with(earlier, rules, place, requestsPerMin, newConnsPerSec);
    }

    private IpView with(List<PastFinding> earlier, List<Block> rules, GeoInfo place, long perMin, double connsPerSec) {
        return new IpView(
                ip,
                firstSeen,
                lastSeen,
                connections,
                services,
                requests,
                bytes,
                status,
                methods,
                perMin,
                connsPerSec,
                lastRequests,
                auth,
                place,
                whois,
                history,
                findings,
                wire,
                tcp,
                processes,
                via,
                earlier,
                group,
                rules);
    }
}
