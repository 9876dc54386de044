package dev.nethergaze.model;

import java.util.Arrays;

/**
 * One IP's latest {@value #CAP} handshake answer times and their median: the engine's wire state
 * keeps one for the snapshot's {@code handshake_rtt_ms_p50}, the capture one for its own totals
 * ({@code ctl status}), fed the same samples (those a {@link WireDelta} carries), so both say the same.
 */
public final class RttSamples {

    public static final int CAP = 64;

    private final long[] nanos = new long[CAP];
    private int count;
    private int next;

    public void add(long ns) {
        nanos[next] = ns;
        next = (next + 1) % CAP;
        count = Math.min(CAP, count + 1);
    }

    /** The median in milliseconds; NaN when there is none. */
    public double medianMillis() {
        if (count == 0) {
            return Double.NaN;
        }
        long[] s = Arrays.copyOf(nanos, count);
        Arrays.sort(s);
        double ns = (count % 2 == 1) ? (double) s[count / 2] : (s[count / 2 - 1] + (double) s[count / 2]) / 2;
        return ns / 1_000_000.0;
    }

    /** Milliseconds as the JSON gives them: three decimals (a microsecond); null for NaN (none). */
    public static Double json(double millis) {
        return Double.isNaN(millis) ? null : Math.round(millis * 1000) / 1000.0;
    }
}
