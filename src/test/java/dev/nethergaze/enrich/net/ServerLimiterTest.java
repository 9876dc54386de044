package dev.nethergaze.enrich.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pacing and the "too many requests" backoff of one server, on a clock the test moves. */
class ServerLimiterTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final ServerLimiter limiter = new ServerLimiter(Duration.ofMillis(250), Duration.ofSeconds(10), clock::get);

    private void advance(long nanos) {
        clock.addAndGet(nanos);
    }

    /** Requests already on their way when the first 429 comes back are answered 429 too: one episode. */
    @Test
    void repliesToRequestsSentBeforeTheBackoffDoNotDoubleIt() {
        assertThat(limiter.reserve("s")).isZero();
        long firstSent = limiter.now();
        advance(SECOND);
        assertThat(limiter.reserve("s")).isZero();
        long secondSent = limiter.now();
        advance(SECOND);
        assertThat(limiter.backoff("s", null, firstSent)).isEqualTo(60 * SECOND);
        advance(SECOND);
        assertThat(limiter.backoff("s", null, secondSent)).isEqualTo(59 * SECOND);
        advance(59 * SECOND);
        assertThat(limiter.reserve("s")).isZero(); // the probe
        long probeSent = limiter.now();
        advance(SECOND);
        assertThat(limiter.backoff("s", null, probeSent)).isEqualTo(120 * SECOND); // a new 429: doubled
    }

    /**
     * When the wait is over one request goes out first; the others wait for its answer (at most the
     * hold) rather than all going at once and all being answered 429 again.
     */
    @Test
    void afterTheWaitOneProbeGoesOutAndTheOthersWaitForIt() {
        assertThat(limiter.reserve("s")).isZero();
        long sent = limiter.now();
        limiter.backoff("s", Duration.ofSeconds(30), sent);
        assertThat(limiter.backingOff("s")).isTrue();
        advance(30 * SECOND);
        assertThat(limiter.reserve("s")).isZero();
        long probe = limiter.now();
        assertThat(limiter.reserve("s")).isEqualTo(10 * SECOND);
        assertThat(limiter.backingOff("s")).isTrue();
        advance(SECOND);
        limiter.succeeded("s", probe);
        assertThat(limiter.backingOff("s")).isFalse();
        assertThat(limiter.reserve("s")).isZero();
        assertThat(limiter.reserve("s")).isEqualTo(Duration.ofMillis(250).toNanos()); // plain pacing again
    }

    /** A probe that fails otherwise (timeout, 5xx) lets the next request be the probe at once. */
    @Test
    void aProbeThatFailsOtherwiseReleasesTheServer() {
        limiter.reserve("s");
        limiter.backoff("s", null, limiter.now());
        advance(60 * SECOND);
        assertThat(limiter.reserve("s")).isZero();
        long probe = limiter.now();
        advance(SECOND);
        limiter.released("s", probe);
        assertThat(limiter.reserve("s")).isZero(); // another probe, not a ten-second wait
        assertThat(limiter.reserve("s")).isEqualTo(10 * SECOND);
    }

    /** A success of a request sent before the 429 does not end the episode. */
    @Test
    void aLateSuccessOfAnEarlierRequestDoesNotEndTheBackoff() {
        limiter.reserve("s");
        long early = limiter.now();
        advance(SECOND);
        limiter.reserve("s");
        limiter.backoff("s", null, limiter.now());
        advance(SECOND);
        limiter.succeeded("s", early);
        assertThat(limiter.backingOff("s")).isTrue();
        assertThat(limiter.reserve("s")).isGreaterThan(50 * SECOND);
    }
}
