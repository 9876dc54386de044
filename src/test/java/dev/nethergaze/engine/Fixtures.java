package dev.nethergaze.engine;

import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Direction;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Listener;
import dev.nethergaze.model.TcpState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Small builders for engine tests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");
    static final IpKey LOCAL = IpKey.parse("192.0.2.1");

    private Fixtures() {}

    static EngineSettings settings() {
        return new EngineSettings(
                false, 1000, Duration.ofMinutes(15), 3, "test-host", p -> p == 443 ? "https" : String.valueOf(p));
    }

    static HttpHit hit(String ip, Instant t, int status, String target) {
        IpKey k = IpKey.parse(ip);
        return new HttpHit("test", t, k, k, "GET", target, "HTTP/1.1", status, 100, "-", "ua", "", false);
    }

    static Connection in(String ip, int rport, TcpState st) {
        return new Connection(LOCAL, 443, IpKey.parse(ip), rport, st, Direction.INBOUND, 1, 0, null);
    }

    static Connection out(String ip, int rport) {
        return new Connection(
                LOCAL, 50000 + rport, IpKey.parse(ip), rport, TcpState.ESTABLISHED, Direction.OUTBOUND, 1, 0, null);
    }

    static ConnTable table(Instant t, Connection... c) {
        return new ConnTable("test", t, List.of(c), List.of(new Listener(IpKey.parse("0.0.0.0"), 443, 0, 511)));
    }
}
