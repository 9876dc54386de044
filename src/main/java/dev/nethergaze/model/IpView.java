package dev.nethergaze.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one remote IP at one tick, immutable. Rates are over the engine's rolling
 * windows: {@code requestsPerMin} over the last 60 s, {@code newConnsPerSec} averaged over 10 s.
 * {@code geo}, {@code whois} and {@code history} are null until a lookup has answered; {@code wire}
 * is null unless a packet capture saw the IP.
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
        WireSummary wire) {

    public IpView {
        services = List.copyOf(services);
        status = Map.copyOf(status);
        methods = Map.copyOf(methods);
        lastRequests = List.copyOf(lastRequests);
        findings = List.copyOf(findings);
    }
}
