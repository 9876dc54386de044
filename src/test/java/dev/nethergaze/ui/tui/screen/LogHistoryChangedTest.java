package dev.nethergaze.ui.tui.screen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The console's live log reads a snapshot that follows the last one it saw by its changed views only:
 * it must hold what reading every IP of every snapshot gives, entry for entry, while IPs come, go idle
 * and are evicted, and while some snapshots are not looked at (a paused console, a frame that came late).
 */
class LogHistoryChangedTest {

    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");

    @Test
    void changedViewsGiveTheLogOfReadingEveryIp() {
        // a cap of 30 IPs over 45 addresses (some evicted), a 20 s idle time (some dropped)
        Engine engine = new Engine(new EngineSettings(false, 30, Duration.ofSeconds(20), 4, "h", String::valueOf));
        LogHistory byChanges = new LogHistory(200);
        LogHistory byAll = new LogHistory(200);
        Random rnd = new Random(5);
        int followed = 0;
        for (int step = 0; step < 4 * 300; step++) {
            Instant t = T0.plusMillis(250L * step);
            for (int i = rnd.nextInt(6); i > 0; i--) {
                IpKey ip = IpKey.parse(rnd.nextInt(45) < 40 ? "203.0.113." + rnd.nextInt(40) : "2001:db8::" + i);
                if (rnd.nextInt(5) == 0) {
                    engine.apply(new AuthAttempt("auth", t, ip, "root", AuthKind.FAILED_PASSWORD, ""));
                } else {
                    engine.apply(new HttpHit(
                            "http",
                            t,
                            ip,
                            ip,
                            "GET",
                            "/p" + rnd.nextInt(9),
                            "HTTP/1.1",
                            200,
                            10,
                            "-",
                            "ua",
                            "",
                            false));
                }
            }
            engine.maintain(t);
            Snapshot s = engine.snapshot(List.of());
            if (rnd.nextInt(6) == 0) {
                continue; // not looked at: the next one does not follow the last one seen
            }
            if (s.follows(lastSeen)) {
                followed++;
            }
            lastSeen = s;
            byChanges.update(s);
            byAll.update(s.withIps(s.ips())); // a copy that does not say what changed
            assertThat(byChanges.entries()).as("at %s", t).isEqualTo(byAll.entries());
        }
        assertThat(followed).as("snapshots read by their changed views").isGreaterThan(500);
        assertThat(byAll.entries()).hasSize(200);
    }

    private Snapshot lastSeen;
}
