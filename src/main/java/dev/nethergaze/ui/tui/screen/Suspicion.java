package dev.nethergaze.ui.tui.screen;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.TcpState;

/**
 * Which IPs suspicious mode ({@code !}) keeps. An IP with findings is always suspicious. Until the
 * detection issue lands, an INTERIM heuristic also flags: ≥ 5 half-open connections (SYN_RECV), ≥ 5
 * SSH authentication failures, or ≥ 3 4xx responses with no 2xx. Detection will replace the
 * heuristic with real findings; then {@link #heuristic} should go.
 */
public final class Suspicion {

    public static final int SYN_RECV_MIN = 5;
    public static final int AUTH_FAILURES_MIN = 5;
    public static final int CLIENT_ERRORS_MIN = 3;

    private Suspicion() {}

    public static boolean isSuspicious(IpView v) {
        return !v.findings().isEmpty() || heuristic(v) != null;
    }

    /** Why the interim heuristic flags {@code v}, or null when it does not. */
    public static String heuristic(IpView v) {
        int syn = v.connections().inState(TcpState.SYN_RECV);
        if (syn >= SYN_RECV_MIN) {
            return syn + " half-open connections (SYN_RECV ≥ " + SYN_RECV_MIN + ")";
        }
        if (v.auth().failures() >= AUTH_FAILURES_MIN) {
            return v.auth().failures() + " SSH auth failures (≥ " + AUTH_FAILURES_MIN + ")";
        }
        long c4 = v.status().getOrDefault("4xx", 0L);
        if (c4 >= CLIENT_ERRORS_MIN && v.status().getOrDefault("2xx", 0L) == 0) {
            return c4 + " 4xx responses and no 2xx (≥ " + CLIENT_ERRORS_MIN + ")";
        }
        return null;
    }

    /** The worst finding's severity, or null without findings. */
    public static Severity worst(IpView v) {
        Severity w = null;
        for (Finding f : v.findings()) {
            if (w == null || f.severity().compareTo(w) > 0) {
                w = f.severity();
            }
        }
        return w;
    }
}
