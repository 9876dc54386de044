package dev.nethergaze.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** IP views holding capture figures, for tests of what reads them (filters, control replies). */
public final class WiredViews {

    private WiredViews() {}

    /** {@code ip} seen at {@code t} with only {@code wire} (null: no capture) and {@code auth}. */
    public static IpView of(String ip, Instant t, WireSummary wire, AuthSummary auth) {
        return of(ip, t, wire, auth, null);
    }

    /** As above, with the kernel's tcp_info figures of its sockets. */
    public static IpView of(String ip, Instant t, WireSummary wire, AuthSummary auth, TcpQuality tcp) {
        return new IpView(
                IpKey.parse(ip),
                t,
                t,
                ConnSummary.NONE,
                List.of(),
                0,
                0,
                Map.of(),
                Map.of(),
                0,
                0,
                List.of(),
                auth,
                null,
                null,
                null,
                List.of(),
                wire,
                tcp,
                List.of(),
                List.of(),
                List.of(),
                null,
                List.of());
    }
}
