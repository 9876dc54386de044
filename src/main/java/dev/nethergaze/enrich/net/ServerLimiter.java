package dev.nethergaze.enrich.net;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Per-server pacing: at least {@code interval} between two requests to one server, and an
 * exponential backoff (1 min doubling to 1 h) after an HTTP 429 or a "rate limit" notice. It never
 * sleeps: {@link #reserve} answers how long the caller must wait, so a lookup can give its slot
 * back and be retried later. Shared by all lookups (thread-safe): the replies to requests that were
 * already on their way when a server first said "too many requests" are one episode, not a doubling
 * each; when the wait is over one request (the probe) goes first, and the others wait for its
 * answer (at most {@code probeHold}) instead of all going at once.
 */
public final class ServerLimiter {

    private static final long MIN_BACKOFF = Duration.ofMinutes(1).toNanos();
    private static final long MAX_BACKOFF = Duration.ofHours(1).toNanos();

    /**
     * @param backoff the current step of the backoff series, 0 when the server is not backing off
     * @param since when the current backoff began (meaningful while {@code backoff != 0})
     */
    private record State(long nextAllowed, long backoff, long since) {}

    private final long interval;
    private final long probeHold;
    private final LongSupplier nanoTime;
    private final Map<String, State> servers = new HashMap<>();

    /** @param probeHold how long the others wait for the probe's answer at most: its request's timeout */
    public ServerLimiter(Duration interval, Duration probeHold, LongSupplier nanoTime) {
        this.interval = interval.toNanos();
        this.probeHold = Math.max(this.interval, probeHold.toNanos());
        this.nanoTime = nanoTime;
    }

    /** The limiter's clock: what a caller passes back as the time its request was sent. */
    public long now() {
        return nanoTime.getAsLong();
    }

    /**
     * Takes the server's next turn and returns 0, or returns the nanoseconds until its next turn. The
     * first turn after a backoff is the probe: the next one waits for its answer.
     */
    public synchronized long reserve(String server) {
        long now = nanoTime.getAsLong();
        State s = servers.get(server);
        if (s != null && s.nextAllowed() - now > 0) {
            return s.nextAllowed() - now;
        }
        boolean probe = s != null && s.backoff() != 0;
        servers.put(
                server, probe ? new State(now + probeHold, s.backoff(), s.since()) : new State(now + interval, 0, 0));
        if (servers.size() > 10_000) {
            servers.entrySet().removeIf(e -> e.getValue().nextAllowed() - now < 0);
        }
        return 0;
    }

    /**
     * The server said "too many requests" to a request sent at {@code sentAt}: nothing goes there for
     * {@code retryAfter} (when the server gave one) or for a doubling backoff. A request sent before
     * the current backoff began is answered by it (no doubling). Returns the wait in nanoseconds.
     */
    public synchronized long backoff(String server, Duration retryAfter, long sentAt) {
        long now = nanoTime.getAsLong();
        State s = servers.get(server);
        if (s != null && s.backoff() != 0 && s.since() - sentAt >= 0) {
            long until = retryAfter == null ? s.nextAllowed() : Math.max(s.nextAllowed(), now + retryAfter.toNanos());
            servers.put(server, new State(until, s.backoff(), s.since()));
            return Math.max(0, until - now);
        }
        long next = s == null || s.backoff() == 0 ? MIN_BACKOFF : Math.min(MAX_BACKOFF, s.backoff() * 2);
        long wait = retryAfter != null ? Math.max(retryAfter.toNanos(), interval) : next;
        servers.put(server, new State(now + wait, next, now));
        return wait;
    }

    /**
     * Whether the server's next turn is later than now because it said "too many requests" (rather
     * than by our own pacing): the wait it asked for, or its probe's answer, is not over.
     */
    public synchronized boolean backingOff(String server) {
        State s = servers.get(server);
        return s != null && s.backoff() != 0 && s.nextAllowed() - nanoTime.getAsLong() > interval;
    }

    /** A success of a request sent at {@code sentAt} ends the backoff series, unless it was sent before it began. */
    public synchronized void succeeded(String server, long sentAt) {
        State s = servers.get(server);
        if (s != null && s.backoff() != 0 && sentAt - s.since() > 0) {
            servers.put(server, new State(Math.min(s.nextAllowed(), sentAt + interval), 0, 0));
        }
    }

    /**
     * A request sent at {@code sentAt} ended otherwise (timeout, server error, unusable reply): if it
     * was the probe, the next request may be the probe at once rather than after the hold.
     */
    public synchronized void released(String server, long sentAt) {
        State s = servers.get(server);
        if (s != null && s.backoff() != 0 && sentAt - s.since() > 0) {
            servers.put(server, new State(Math.min(s.nextAllowed(), sentAt + interval), s.backoff(), s.since()));
        }
    }
}
