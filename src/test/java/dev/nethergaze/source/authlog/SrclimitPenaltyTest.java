package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OpenSSH 9.8+ (PerSourcePenalties) logs, from the listener, that it set a penalty on an address or
 * prefix: {@code srclimit_penalise: ipv4: new H/32 active penalty of 10.000 seconds for penalty: failed
 * authentication} (INFO; "deferred" at VERBOSE), {@code srclimit_penalise: H/24: activating ipv4 penalty
 * of …} and {@code srclimit_penalise: ipv4 penalty table full, cannot penalise …} (srclimit.c). Each is
 * the consequence of an attempt the connection's own lines count, so it counts nothing; but it is
 * sshd's line, not an unparsed one, in an {@code sshd -E} file too.
 */
class SrclimitPenaltyTest {

    static final List<String> PENALTIES = List.of(
            "srclimit_penalise: ipv4: new 203.0.113.7/32 active penalty of 10.000 seconds for penalty: failed authentication",
            "srclimit_penalise: ipv4: new 203.0.113.7/32 deferred penalty of 1.000 seconds for penalty: connections without attempting authentication",
            "srclimit_penalise: 203.0.113.0/24: activating ipv4 penalty of 30.000 seconds for penalty: attempted authentication by invalid user",
            "srclimit_penalise: ipv6: new 2001:db8:bad::/64 active penalty of 600.000 seconds for penalty: exceeded LoginGraceTime",
            "srclimit_penalise: ipv4 penalty table full, cannot penalise 198.51.100.0/24 for penalty: caused crash");

    private static AuthLineParser.Outcome parse(AuthLineParser p, String line, List<AuthAttempt> out)
            throws InterruptedException {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return p.parse(b, 0, b.length, out::add);
    }

    @Test
    void aPenaltyLineCountsNothingAndTheFailureBeforeItCountsOnce() throws InterruptedException {
        AuthLineParser p = new AuthLineParser("auth.log", Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
        List<AuthAttempt> out = new ArrayList<>();
        assertThat(parse(
                        p,
                        "Dec  6 10:00:00 web sshd-session[9]: Failed password for root from 203.0.113.7 port 5555 ssh2",
                        out))
                .isEqualTo(AuthLineParser.Outcome.ATTEMPTS);
        for (String m : PENALTIES) {
            assertThat(parse(p, "Dec  6 10:00:01 web sshd[123]: " + m, out))
                    .as(m)
                    .isEqualTo(AuthLineParser.Outcome.OTHER);
        }
        assertThat(out).singleElement().extracting(AuthAttempt::kind).isEqualTo(AuthKind.FAILED_PASSWORD);
    }

    @Test
    void inAFollowedSshdEFileAPenaltyLineIsSshdsNotUnparsed() throws InterruptedException {
        Instant read = Instant.parse("2026-12-07T01:00:00Z");
        AuthLineParser live =
                new AuthLineParser("auth:e.log", read, ZoneOffset.UTC).timingBareLinesBy(InstantSource.fixed(read));
        List<AuthAttempt> out = new ArrayList<>();
        for (String m : PENALTIES) {
            assertThat(parse(live, m + "\r", out)).as(m).isEqualTo(AuthLineParser.Outcome.OTHER);
        }
        assertThat(out).isEmpty();
    }

    /**
     * Replayed, a penalty note has no time, and needs none: it counts nothing, so it is an sshd line, not
     * an unparsed one "without a time", as followed (before, it was one of the file's unparsed lines).
     */
    @Test
    void inAReplayedSshdEFileAPenaltyLineIsSshdsNotUnparsed() throws InterruptedException {
        AuthLineParser replay = new AuthLineParser("e.log", Instant.EPOCH, ZoneOffset.UTC);
        List<AuthAttempt> out = new ArrayList<>();
        for (String m : PENALTIES) {
            assertThat(parse(replay, m, out)).as(m).isEqualTo(AuthLineParser.Outcome.OTHER);
        }
        assertThat(out).isEmpty();
        assertThat(replay.untimed()).isZero();
    }
}
