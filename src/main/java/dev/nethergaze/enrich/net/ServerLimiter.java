package dev.nethergaze.enrich.net;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Per-server pacing: at least {@code interval} between two requests to one server, and an
 * exponential backoff (1 min doubling to 1 h) after an HTTP 429 or a "rate limit" notice. It never
 * sleeps: {@link #reserve} answers how long the caller must wait, so a lookup can give its slot
 * back and be retried later.
 */
public final class ServerLimiter {

    private static final long MIN_BACKOFF = Duration.ofMinutes(1).toNanos();
    private static final long MAX_BACKOFF = Duration.ofHours(1).toNanos();

    private record State(long nextAllowed, long backoff) {}

    private final long interval;
    private final LongSupplier nanoTime;
    private final Map<String, State> servers = new HashMap<>();

    public ServerLimiter(Duration interval, LongSupplier nanoTime) {
        this.interval = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Takes the server's next turn and returns 0, or returns the nanoseconds until its next turn. */
    public synchronized long reserve(String server) {
        long now = nanoTime.getAsLong();
        State s = servers.get(server);
        if (s != null && s.nextAllowed() - now > 0) {
            return s.nextAllowed() - now;
        }
        servers.put(server, new State(now + interval, s == null ? 0 : s.backoff()));
        if (servers.size() > 10_000) {
            servers.entrySet().removeIf(e -> e.getValue().nextAllowed() - now < 0);
        }
        return 0;
    }

    /**
     * The server said "too many requests": nothing goes there for {@code retryAfter} (when the server
     * gave one) or for a doubling backoff. Returns the wait in nanoseconds.
     */
    public synchronized long backoff(String server, Duration retryAfter) {
        long now = nanoTime.getAsLong();
        State s = servers.get(server);
        long next = s == null || s.backoff() == 0 ? MIN_BACKOFF : Math.min(MAX_BACKOFF, s.backoff() * 2);
        long wait = retryAfter != null ? Math.max(retryAfter.toNanos(), interval) : next;
        servers.put(server, new State(now + wait, next));
        return wait;
    }

    /**
     * Whether the server's next turn is later than now because it said "too many requests" (rather
     * than by our own pacing): the wait it asked for is not over.
     */
    public synchronized boolean backingOff(String server) {
        State s = servers.get(server);
        return s != null && s.backoff() != 0 && s.nextAllowed() - nanoTime.getAsLong() > interval;
    }

    /** A success ends the backoff series. */
    public synchronized void succeeded(String server) {
        State s = servers.get(server);
        if (s != null && s.backoff() != 0) {
            servers.put(server, new State(s.nextAllowed(), 0));
        }
    }
}
