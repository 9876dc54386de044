package dev.nethergaze.source.demo;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Direction;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Listener;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.model.TcpState;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.SourceStats;
import dev.nethergaze.source.StatusReporter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic traffic through the real pipeline (rootless): one step per second emits a full kernel
 * table, the access-log hits and the sshd lines of {@link DemoScenario}. Deterministic for a seed.
 */
public final class DemoSource implements Source {

    private static final String NAME = "demo";

    private final InstantSource clock;
    private final Duration period;
    private final SplittableRandom random;
    private final SourceStats stats = new SourceStats(NAME, "demo", StatusReporter.silent());
    private int step;

    public DemoSource(InstantSource clock, Duration period, long seed) {
        this.clock = clock;
        this.period = period;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SourceHealth health() {
        return stats.health();
    }

    @Override
    public void run(EventSink sink) throws InterruptedException {
        stats.status(SourceStatus.OK, "synthetic traffic");
        while (!Thread.currentThread().isInterrupted()) {
            step(clock.instant(), sink);
            Thread.sleep(period);
        }
    }

    /** Emits one second of the scenario at time {@code now}. */
    public void step(Instant now, EventSink sink) throws InterruptedException {
        List<Connection> conns = new ArrayList<>();
        List<IpKey> visitors = DemoScenario.visitors();
        for (int i = 0; i < visitors.size(); i++) {
            IpKey v = visitors.get(i);
            conns.add(inbound(v, 40000 + i * 7 + (step / 5), 443, TcpState.ESTABLISHED));
            if (random.nextInt(3) == 0) {
                emitHit(
                        sink,
                        now,
                        v,
                        "GET",
                        pick(DemoScenario.PAGES),
                        random.nextInt(8) == 0 ? 304 : 200,
                        DemoScenario.BROWSER_UA);
            }
        }
        conns.add(inbound(DemoScenario.CRAWLER, 51000, 443, TcpState.ESTABLISHED));
        for (int k = 0; k < 3; k++) {
            emitHit(
                    sink,
                    now,
                    DemoScenario.CRAWLER,
                    "GET",
                    "/blog/page/" + (step * 3 + k),
                    200,
                    DemoScenario.CRAWLER_UA);
        }
        conns.add(inbound(DemoScenario.SCANNER, 33000 + step, 80, TcpState.TIME_WAIT));
        conns.add(inbound(DemoScenario.SCANNER, 33100 + step, 80, TcpState.ESTABLISHED));
        for (int k = 0; k < 2; k++) {
            String probe = DemoScenario.PROBES.get((step * 2 + k) % DemoScenario.PROBES.size());
            emitHit(sink, now, DemoScenario.SCANNER, "GET", probe, 404, DemoScenario.SCANNER_UA);
        }
        conns.add(inboundV6(DemoScenario.BRUTE_FORCER, 52000 + step, 22, TcpState.ESTABLISHED));
        for (int k = 0; k < 4; k++) {
            String user = DemoScenario.USERS.get((step * 4 + k) % DemoScenario.USERS.size());
            AuthKind kind = user.equals("root") ? AuthKind.FAILED_PASSWORD : AuthKind.INVALID_USER;
            String line = "sshd[4242]: "
                    + (kind == AuthKind.INVALID_USER ? "Invalid user " + user : "Failed password for " + user)
                    + " from " + DemoScenario.BRUTE_FORCER + " port " + (52000 + step) + " ssh2";
            sink.emit(new AuthAttempt(NAME, now, DemoScenario.BRUTE_FORCER, user, kind, line));
            stats.line();
        }
        if (step == DemoScenario.BREAK_IN_STEP) {
            sink.emit(new AuthAttempt(
                    NAME,
                    now,
                    DemoScenario.BRUTE_FORCER,
                    "root",
                    AuthKind.ACCEPTED,
                    "sshd[4243]: Accepted password for root from " + DemoScenario.BRUTE_FORCER + " port "
                            + (52000 + step) + " ssh2"));
            stats.line();
        }
        if (step >= DemoScenario.FLOOD_START_STEP) {
            List<IpKey> flood = DemoScenario.floodIps();
            for (int i = 0; i < flood.size(); i++) {
                for (int k = 0; k < DemoScenario.SYN_RECV_PER_FLOOD_IP; k++) {
                    int port = 1024 + ((i * 131 + k * 17 + step * 7) % 60000);
                    conns.add(inbound(flood.get(i), port, 443, TcpState.SYN_RECV));
                }
            }
        }
        conns.add(new Connection(
                DemoScenario.SERVER_V4,
                45678,
                DemoScenario.DATABASE,
                5432,
                TcpState.ESTABLISHED,
                Direction.OUTBOUND,
                0,
                0,
                null));
        sink.emit(new ConnTable(NAME, now, conns, listeners()));
        stats.line();
        step++;
    }

    private static List<Listener> listeners() {
        List<Listener> l = new ArrayList<>();
        for (int port : new int[] {22, 80, 443}) {
            l.add(new Listener(IpKey.parse("0.0.0.0"), port, 0, 4096));
            l.add(new Listener(IpKey.parse("::"), port, 0, 4096));
        }
        return l;
    }

    private void emitHit(EventSink sink, Instant now, IpKey ip, String method, String target, int status, String ua)
            throws InterruptedException {
        long bytes = status == 200 ? 1200 + random.nextInt(40000) : status == 404 ? 162 : 0;
        sink.emit(new HttpHit(NAME, now, ip, ip, method, target, "HTTP/1.1", status, bytes, "-", ua, "", false));
        stats.line();
    }

    private String pick(List<String> l) {
        return l.get(random.nextInt(l.size()));
    }

    private static Connection inbound(IpKey remote, int remotePort, int localPort, TcpState st) {
        return new Connection(
                DemoScenario.SERVER_V4,
                localPort,
                remote,
                remotePort,
                st,
                Direction.INBOUND,
                st == TcpState.SYN_RECV ? 0 : 100000 + remotePort,
                33,
                null);
    }

    private static Connection inboundV6(IpKey remote, int remotePort, int localPort, TcpState st) {
        return new Connection(
                DemoScenario.SERVER_V6,
                localPort,
                remote,
                remotePort,
                st,
                Direction.INBOUND,
                100000 + remotePort,
                0,
                null);
    }
}
