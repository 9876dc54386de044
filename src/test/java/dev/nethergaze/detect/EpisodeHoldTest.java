package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A rule that stops firing and fires again within {@link IpTrack#HOLD_SECONDS} goes on with the same
 * episode: the same {@code since}, which is what history counts episodes by. A visitor fetching a page
 * and a missing stylesheet every 3 s sits at the error_burst threshold (20 errors and 50 % a minute)
 * and crossed it every few seconds: every crossing was a new episode (52 "flagged" in 8 minutes).
 */
class EpisodeHoldTest {

    private static final DetectSettings S = DetectSettings.defaults();
    private static final Instant T0 = Instant.parse("2026-12-05T22:50:00Z");
    private static final IpKey IP = IpKey.parse("2001:db8:2::10");

    private static HttpHit get(Instant t, String path, int status) {
        return new HttpHit("t", t, IP, IP, "GET", path, "HTTP/1.1", status, 1, "-", "Mozilla/5.0", "", false);
    }

    /**
     * A page and a missing stylesheet about every 3 s (at random, a fixed seed) for 15 minutes: the
     * errors in the minute hover around 20 and the rule stops and fires again, often within seconds. A
     * re-fire within the hold goes on with the episode; only a stop longer than the hold starts another.
     */
    @Test
    void aFindingThatFlapsAtItsThresholdKeepsItsEpisode() {
        Detector d = new Detector(S, Allowlist.EMPTY, 100);
        java.util.Random rnd = new java.util.Random(7);
        Set<Instant> since = new LinkedHashSet<>();
        int shortStops = 0;
        int episodes = 0;
        long lastFiring = Long.MIN_VALUE;
        for (int s = 0; s < 15 * 60; s++) {
            Instant t = T0.plusSeconds(s);
            if (rnd.nextInt(100) < 32) {
                d.observe(get(t, "/", 200));
                d.observe(get(t, "/missing.css", 404));
            }
            d.evaluate(t);
            Finding f = d.findings(IP).stream()
                    .filter(x -> x.rule().equals(ErrorBurstRule.ID))
                    .findFirst()
                    .orElse(null);
            if (f == null) {
                continue;
            }
            since.add(f.since());
            if (lastFiring == Long.MIN_VALUE) {
                episodes++;
            } else if (s > lastFiring + 1) { // it stopped at lastFiring + 1 and fires again now
                if (s - (lastFiring + 1) > IpTrack.HOLD_SECONDS) {
                    episodes++;
                } else {
                    shortStops++;
                }
            }
            lastFiring = s;
        }
        assertThat(shortStops)
                .as("the traffic sits at the threshold: the rule stops and fires again")
                .isPositive();
        assertThat(since)
                .as("one episode per stretch without a stop longer than the hold")
                .hasSize(episodes);
    }

    /** A stop longer than the hold ends the episode: firing again is a second one. */
    @Test
    void aLongerBreakIsANewEpisode() {
        Detector d = new Detector(S, Allowlist.EMPTY, 100);
        for (int i = 0; i < 25; i++) {
            d.observe(get(T0.plusSeconds(i), "/x" + i, 404));
        }
        d.evaluate(T0.plusSeconds(25));
        Instant first = Samples.finding(d, IP, ErrorBurstRule.ID).since();
        d.evaluate(T0.plusSeconds(200)); // the window emptied long before
        assertThat(d.findings(IP)).isEmpty();
        Instant back = T0.plusSeconds(400);
        for (int i = 0; i < 25; i++) {
            d.observe(get(back.plusSeconds(i), "/y" + i, 404));
        }
        d.evaluate(back.plusSeconds(25));
        assertThat(Samples.finding(d, IP, ErrorBurstRule.ID).since()).isAfter(first);
    }
}
