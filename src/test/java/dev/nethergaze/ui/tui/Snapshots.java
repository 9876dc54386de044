package dev.nethergaze.ui.tui;

import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.model.AuthSummary;
import dev.nethergaze.model.ConnSummary;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.HistoryInfo;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.RequestView;
import dev.nethergaze.model.ServiceCount;
import dev.nethergaze.model.ServiceNames;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.model.TcpState;
import dev.nethergaze.model.Totals;
import dev.nethergaze.model.WhoisInfo;
import dev.nethergaze.source.demo.DemoSource;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fixed snapshots for golden frames, key tests and the benchmark. */
public final class Snapshots {

    public static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");

    private Snapshots() {}

    public static EngineSettings settings() {
        return new EngineSettings(false, 100_000, Duration.ofMinutes(15), 8, "web-1.example", ServiceNames::name);
    }

    /**
     * The demo scenario after {@code seconds} steps, through the real engine, as the live console
     * would see it (one snapshot per step, all of them in order).
     */
    public static List<Snapshot> demo(int seconds) {
        Engine e = new Engine(settings());
        DemoSource demo = new DemoSource(InstantSource.fixed(T0), Duration.ofSeconds(1), 42);
        List<Snapshot> out = new ArrayList<>();
        List<SourceHealth> health = List.of(
                new SourceHealth("demo", "demo", SourceStatus.OK, "synthetic traffic", 0, 0),
                new SourceHealth("authlog", "auth", SourceStatus.PERMISSION_DENIED, "permission denied", 0, 0));
        try {
            for (int i = 0; i < seconds; i++) {
                Instant t = T0.plusSeconds(i);
                demo.step(t, e::apply);
                e.maintain(t);
                out.add(e.snapshot(health));
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        return out;
    }

    /** One client behind NAT64 (64:ff9b::/96 carrying 81.2.69.160), with its IPv4 address's geo. */
    public static Snapshot nat64() {
        Instant now = T0.plusSeconds(600);
        IpView v = ip(
                "64:ff9b::5102:45a0",
                new ConnSummary(1, 1, 0, Map.of(TcpState.ESTABLISHED, 1)),
                List.of(new ServiceCount(443, "https", 1)),
                List.of(req(now, "GET", "/", 200)),
                AuthSummary.NONE,
                new GeoInfo("GB", "United Kingdom", "London", null, null, null, 20712L, "Andrews & Arnold", null),
                null,
                null,
                List.of(),
                now);
        Totals totals = new Totals(1, 1, Map.of(TcpState.ESTABLISHED, 1), 0, 1, 1, 0, 1, 1, 0, 0);
        return new Snapshot(now, "test", List.of(), totals, List.of(v), List.of(), List.of(), List.of());
    }

    /** A snapshot with everything the later issues add: geo, whois, history, findings, IPv6. */
    public static Snapshot enriched() {
        Instant now = T0.plusSeconds(600);
        List<IpView> ips = new ArrayList<>();
        Finding brute = new Finding(
                "ssh-bruteforce",
                Severity.HIGH,
                "2001:db8:bad:1::22",
                "42 failed SSH logins in 60 s (threshold 10)",
                42,
                10,
                Duration.ofSeconds(60),
                now.minusSeconds(60),
                List.of(
                        "sshd[4242]: Invalid user admin from 2001:db8:bad:1::22 port 52000 ssh2",
                        "sshd[4242]: Failed password for root from 2001:db8:bad:1::22 port 52001 ssh2"));
        ips.add(ip(
                "2001:db8:bad:1::22",
                new ConnSummary(1, 1, 0, Map.of(TcpState.ESTABLISHED, 1)),
                List.of(new ServiceCount(22, "ssh", 1)),
                List.of(),
                new AuthSummary(42, 30, 0, 5, 0, List.of("root", "admin", "oracle")),
                new GeoInfo("NL", "Netherlands", "Amsterdam", null, null, null, 64500L, "Example Hosting BV", null),
                new WhoisInfo(
                        "EXAMPLE-NET",
                        "2001:db8:bad::/48",
                        "Example Hosting BV",
                        "NL",
                        "abuse@example.net",
                        "rdap",
                        null,
                        null),
                new HistoryInfo(4, T0.minus(Duration.ofDays(20)), 0, 3),
                List.of(brute),
                now));
        ips.add(ip(
                "192.0.2.77",
                new ConnSummary(2, 2, 0, Map.of(TcpState.ESTABLISHED, 2)),
                List.of(new ServiceCount(443, "https", 2)),
                List.of(
                        req(now, "GET", "/blog/page/1", 200),
                        new RequestView(
                                now,
                                "GET",
                                "/blog/page/2",
                                200,
                                5120,
                                "Mozilla/5.0",
                                false,
                                "blog.example:443",
                                "/var/log/nginx/blog.access.log")),
                AuthSummary.NONE,
                new GeoInfo(
                        "US", "United States", null, null, null, null, 15169L, "Google LLC", LocalDate.of(2026, 11, 1)),
                null,
                new HistoryInfo(0, null, 0, 0), // what the history store says of an IP it never saw
                List.of(),
                now));
        Finding probes = new Finding(
                "exploit",
                Severity.HIGH,
                "203.0.113.9",
                "2 exploit probes (.env secrets file, WordPress login)",
                2,
                1,
                Duration.ofHours(1),
                now.minusSeconds(400),
                List.of("GET /.env 404", "GET /wp-login.php 404"));
        ips.add(ip(
                        "203.0.113.9",
                        new ConnSummary(
                                12,
                                12,
                                0,
                                Map.of(TcpState.SYN_RECV, 9, TcpState.ESTABLISHED, 1, TcpState.TIME_WAIT, 2)),
                        List.of(new ServiceCount(443, "https", 12)),
                        List.of(
                                req(now, "GET", "/.env", 404),
                                req(now, "GET", "/wp-login.php", 404),
                                req(now, "POST", "/xmlrpc.php", 500)),
                        AuthSummary.NONE,
                        null,
                        null,
                        null,
                        List.of(),
                        now)
                .withEarlierFindings(List.of(new PastFinding(probes, now.minusSeconds(120)))));
        Totals totals = new Totals(
                15,
                4,
                Map.of(TcpState.ESTABLISHED, 4, TcpState.SYN_RECV, 9, TcpState.TIME_WAIT, 2),
                0,
                3,
                3,
                0,
                7,
                5,
                90_000,
                42);
        return new Snapshot(
                now,
                "web-1.example",
                List.of(new SourceHealth("conn", "conn", SourceStatus.OK, "", 10, 0)),
                totals,
                ips,
                List.of(),
                List.of(),
                List.of());
    }

    /**
     * One IP whose finding has a reason and evidence longer than any panel (the dogfood's login after
     * guessing), and a long whois org: what the detail wraps.
     */
    public static Snapshot longReason() {
        Instant now = T0.plusSeconds(600);
        List<String> evidence = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            evidence.add("2026-11-22T03:0" + i % 10 + ":09Z sshd[4242]: Failed password for invalid user oracle from"
                    + " 2001:db8:bad::6 port " + (57780 + i) + " ssh2 [auth-E.log:" + (i + 1) + "]");
        }
        evidence.add("2026-11-22T03:09:59Z sshd[4243]: Accepted publickey for root from 2001:db8:bad::6 port"
                + " 57799 ssh2: ED25519 SHA256:LAST-EVIDENCE-LINE");
        Finding login = new Finding(
                "ssh_login_after_guessing",
                Severity.HIGH,
                "2001:db8:bad::6",
                "SSH login accepted (publickey for root) at 2026-11-22T03:09:59Z after 20 failed SSH logins"
                        + " in the 600 s before it (threshold 5): END-OF-REASON",
                20,
                5,
                Duration.ofMinutes(10),
                now.minusSeconds(1),
                evidence);
        IpView v = ip(
                "2001:db8:bad::6",
                new ConnSummary(1, 1, 0, Map.of(TcpState.ESTABLISHED, 1)),
                List.of(new ServiceCount(22, "ssh", 1)),
                List.of(),
                new AuthSummary(20, 20, 1, 0, 0, List.of("root", "oracle")),
                null,
                new WhoisInfo(
                        "EXAMPLE-VERY-LONG-NETWORK-NAME",
                        "2001:db8:bad::/48",
                        "Example Hosting and Colocation Services of the Netherlands BV",
                        "NL",
                        "abuse@example.net",
                        "rdap",
                        null,
                        null),
                null,
                List.of(login),
                now);
        Totals totals = new Totals(1, 1, Map.of(TcpState.ESTABLISHED, 1), 0, 1, 1, 0, 0, 0, 0, 20);
        return new Snapshot(
                now,
                "web-1.example",
                List.of(new SourceHealth("conn", "conn", SourceStatus.OK, "", 10, 0)),
                totals,
                List.of(v),
                List.of(),
                List.of(),
                List.of());
    }

    /** {@code n} synthetic IPs with busy fields: for the frame-time benchmark. */
    public static Snapshot many(int n) {
        List<IpView> ips = new ArrayList<>(n);
        Instant now = T0;
        for (int i = 0; i < n; i++) {
            int v4 = 0xC6336400 + i; // 198.51.100.0 + i
            List<RequestView> reqs = List.of(
                    req(now, "GET", "/page/" + i, 200 + (i % 4) * 100), req(now, "GET", "/img/" + i + ".png", 200));
            ips.add(new IpView(
                    IpKey.ofV4(v4),
                    now.minusSeconds(i % 600),
                    now,
                    new ConnSummary(
                            1 + i % 7, 1 + i % 7, 0, Map.of(TcpState.ESTABLISHED, 1 + i % 5, TcpState.SYN_RECV, i % 3)),
                    List.of(new ServiceCount(443, "https", 1 + i % 7)),
                    i * 3L,
                    i * 1000L,
                    Map.of("2xx", (long) i, "4xx", (long) (i % 5)),
                    Map.of("GET", (long) i),
                    i % 120,
                    (i % 10) / 10.0,
                    reqs,
                    AuthSummary.NONE,
                    null,
                    null,
                    null,
                    List.of()));
        }
        Totals totals =
                new Totals(n * 4, n * 3, Map.of(TcpState.ESTABLISHED, n * 3), 0, n, n, 0, n * 3L, n, n * 1000L, 0);
        return new Snapshot(now, "bench", List.of(), totals, ips, List.of(), List.of(), List.of());
    }

    private static IpView ip(
            String ip,
            ConnSummary c,
            List<ServiceCount> svc,
            List<RequestView> reqs,
            AuthSummary auth,
            GeoInfo geo,
            WhoisInfo whois,
            HistoryInfo history,
            List<Finding> findings,
            Instant now) {
        Map<String, Long> status = new java.util.TreeMap<>();
        long bytes = 0;
        for (RequestView r : reqs) {
            status.merge(dev.nethergaze.model.StatusClass.of(r.status()), 1L, Long::sum);
            bytes += r.bytes();
        }
        return new IpView(
                IpKey.parse(ip),
                now.minusSeconds(300),
                now,
                c,
                svc,
                reqs.size(),
                bytes,
                status,
                Map.of(),
                reqs.size(),
                0.5,
                reqs,
                auth,
                geo,
                whois,
                history,
                findings);
    }

    private static RequestView req(Instant t, String method, String target, int status) {
        return new RequestView(
                t,
                method,
                target,
                status,
                status == 200 ? 5120 : 162,
                "Mozilla/5.0",
                false,
                "",
                "/var/log/nginx/access.log");
    }
}
