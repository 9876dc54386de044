package dev.nethergaze.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A watch's writer copies an IP from its last line when the engine hands out the same view: each line
 * must still be byte for byte what a fresh writer makes of the same snapshot, as IPs change, stay, come
 * and go, and with strings only the generator quotes (non-ASCII, quotes, controls).
 */
class RememberingJsonTest {

    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");

    private static HttpHit hit(int ip, Instant t, String target, String agent) {
        IpKey k = IpKey.parse("2001:db8::" + Integer.toHexString(ip));
        return new HttpHit("t", t, k, k, "GET", target, "HTTP/1.1", 200, 10, "-", agent, "", false);
    }

    @Test
    void everyLineIsWhatAFreshWriterWrites() throws IOException {
        Engine engine = new Engine(new EngineSettings(true, 1000, Duration.ofSeconds(30), 4, "h", String::valueOf));
        SnapshotJson remembering = SnapshotJson.remembering();
        int copied = 0;
        long shown = 0;
        Set<IpView> before = Set.of();
        for (int sec = 0; sec < 90; sec++) {
            Instant t = T0.plusSeconds(sec);
            for (int i = 0; i < 40; i++) {
                if ((i * 7 + sec) % 5 == 0) { // a fifth of the IPs get a request each second
                    engine.apply(hit(i + sec / 30 * 40, t, "/p?\"q\"\u0001" + sec, "agent \u00e9\ud83d\ude00 " + i));
                }
            }
            // probes from a few IPs in bursts, and a plain request from each every second: findings that
            // fire, end, are held and come back, shown with new requests meanwhile
            for (int i = 0; i < 6; i++) {
                IpKey k = IpKey.parse("198.51.100." + (10 + i));
                if (sec % (10 + i) < 3) {
                    engine.apply(new HttpHit(
                            "t", t, k, k, "GET", "/.env?x=" + sec % 4, "HTTP/1.1", 404, 10, "-", "curl/8", "", false));
                }
                engine.apply(new HttpHit("t", t, k, k, "GET", "/", "HTTP/1.1", 200, 10, "-", "Mozilla/5.0", "", false));
            }
            engine.maintain(t);
            Snapshot s = engine.snapshot(List.of());
            byte[] fresh = bytes(new SnapshotJson(false, 1), s);
            assertThat(bytes(remembering, s)).as("second %d", sec).isEqualTo(fresh);
            copied += remembering.rememberedIps();
            // the findings of the IPs written anew (a view other than the line before's), each once
            Set<IpView> now = Collections.newSetFromMap(new IdentityHashMap<>());
            Set<Object> findings = Collections.newSetFromMap(new IdentityHashMap<>());
            for (IpView v : s.ips()) {
                now.add(v);
                if (!before.contains(v)) {
                    findings.addAll(v.findings());
                    findings.addAll(v.earlierFindings());
                }
            }
            shown += findings.size();
            before = now;
        }
        assertThat(copied).as("some IPs were copied, not written anew").isPositive();
        assertThat(shown).as("findings of IPs written anew").isGreaterThan(300);
        assertThat(remembering.findingsWritten())
                .as("findings written anew, of %d shown", shown)
                .isPositive()
                .isLessThan(shown / 2);
    }

    private static byte[] bytes(SnapshotJson json, Snapshot s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        json.write(s, out);
        return out.toByteArray();
    }
}
