package dev.nethergaze.detect;

import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import java.util.Comparator;
import java.util.List;

/**
 * The host's rates and its heaviest clients over the engine's decaying 60 s window: requests/s,
 * new connections/s, and the top N IPs by request rate and by connection count.
 */
public record TopOffenders(
        double requestsPerSec, double newConnsPerSec, List<IpView> byRequestRate, List<IpView> byConnections) {

    public TopOffenders {
        byRequestRate = List.copyOf(byRequestRate);
        byConnections = List.copyOf(byConnections);
    }

    public static TopOffenders of(Snapshot s, int n) {
        double newConns = 0;
        for (IpView v : s.ips()) {
            newConns += v.newConnsPerSec();
        }
        List<IpView> byRate = s.ips().stream()
                .filter(v -> v.requestsPerMin() > 0)
                .sorted(Comparator.comparingLong(IpView::requestsPerMin)
                        .reversed()
                        .thenComparing(IpView::ip))
                .limit(n)
                .toList();
        List<IpView> byConns = s.ips().stream()
                .filter(v -> v.connections().total() > 0)
                .sorted(Comparator.<IpView>comparingInt(v -> v.connections().total())
                        .reversed()
                        .thenComparing(IpView::ip))
                .limit(n)
                .toList();
        return new TopOffenders(s.totals().requestsPerMin() / 60.0, newConns, byRate, byConns);
    }
}
