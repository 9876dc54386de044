package dev.nethergaze.store;

import dev.nethergaze.model.AuthSummary;
import dev.nethergaze.model.ConnSummary;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.HistoryInfo;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.RequestView;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.TcpState;
import dev.nethergaze.model.Totals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builders for the snapshots the history writer and reader consume. */
final class Snaps {

    static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");
    static final SessionInfo SESSION = new SessionInfo("test-host", "0.3.0-test");

    private Snaps() {}

    /** One IP's cumulative counters at one moment of one engine incarnation. */
    record Ip(
            String ip, Instant firstSeen, Instant lastSeen, long requests, long auth, int synRecv, List<String> rules) {

        static Ip of(String ip, Instant firstSeen, long requests) {
            return new Ip(ip, firstSeen, firstSeen.plusSeconds(requests), requests, 0, 0, List.of());
        }

        Ip auth(long n) {
            return new Ip(ip, firstSeen, lastSeen, requests, n, synRecv, rules);
        }

        Ip syn(int n) {
            return new Ip(ip, firstSeen, lastSeen, requests, auth, n, rules);
        }

        Ip rules(String... r) {
            return new Ip(ip, firstSeen, lastSeen, requests, auth, synRecv, List.of(r));
        }

        IpView view(HistoryInfo history) {
            List<Finding> findings = new ArrayList<>();
            for (String r : rules) {
                findings.add(
                        new Finding(r, Severity.HIGH, ip, "test", 1, 1, Duration.ofMinutes(1), firstSeen, List.of()));
            }
            Map<TcpState, Integer> states = synRecv > 0 ? Map.of(TcpState.SYN_RECV, synRecv) : Map.of();
            List<RequestView> last = requests == 0
                    ? List.of()
                    : List.of(
                            new RequestView(lastSeen, "GET", "/p" + requests, 200, 10, "ua", false, "", "access.log"));
            return new IpView(
                    IpKey.parse(ip),
                    firstSeen,
                    lastSeen,
                    new ConnSummary(synRecv, synRecv, 0, states),
                    List.of(),
                    requests,
                    requests * 10,
                    Map.of(),
                    Map.of(),
                    0,
                    0,
                    last,
                    new AuthSummary(auth, 0, 0, 0, 0, List.of()),
                    new GeoInfo("NL", null, null, null, null, null, 64500L, "Example AS", null),
                    null,
                    history,
                    findings);
        }
    }

    static Snapshot snapshot(Instant at, List<Ip> ips) {
        List<IpView> views = new ArrayList<>();
        for (Ip ip : ips) {
            views.add(ip.view(null));
        }
        return of(at, views);
    }

    static Snapshot of(Instant at, List<IpView> views) {
        Totals totals = new Totals(0, 0, Map.of(), 0, views.size(), views.size(), 0, 0, 0, 0, 0);
        return new Snapshot(at, "test-host", List.of(), totals, views, List.of(), List.of(), List.of());
    }

    static HistoryOptions options() {
        return new HistoryOptions(Duration.ofHours(1), Duration.ofDays(180), 1_000_000, 200_000);
    }
}
