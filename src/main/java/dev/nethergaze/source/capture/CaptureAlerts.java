package dev.nethergaze.source.capture;

import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.WireDelta;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Nettop's alerts, as JSON lines appended to a file ({@code capture --alerts FILE}): a source IP
 * sending for the first time ({@code new_ip}), a source MAC first seen ({@code new_mac}), and a
 * source IP at or above {@code highPps} packets per second in a tick ({@code high_pps}, with the
 * threshold and the observed rate). The same alert (kind and IP or MAC) is written at most once
 * per cool-down of packet time; repeats in between are counted into the next line's {@code
 * suppressed}. Evaluated once per tick on the capture thread; memory is bounded by {@code maxKeys}.
 */
public final class CaptureAlerts implements AutoCloseable {

    /** The thresholds: packets per second for high_pps, and the cool-down between equal alerts. */
    public record Rules(long highPps, Duration cooldown) {}

    private static final class Seen {
        long lastNanos;
        long suppressed;
    }

    private final Rules rules;
    private final BufferedWriter out;
    private final Map<String, Seen> seen;

    public CaptureAlerts(Path file, Rules rules, int maxKeys) throws IOException {
        this.rules = rules;
        this.out = Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.seen = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** One tick's aggregates, the MACs first seen during it, and the tick's length. */
    void tick(PacketTick t, List<String> newMacs, long tickNanos) {
        Instant time = t.time();
        long now = time.getEpochSecond() * 1_000_000_000L + time.getNano();
        for (String mac : newMacs) {
            raise(time, now, "new_mac", "\"mac\":\"" + mac + '"', "", false);
        }
        for (WireDelta d : t.ips()) {
            if (d.packets() == 0) {
                continue;
            }
            String ip = "\"ip\":\"" + d.ip() + '"';
            raise(time, now, "new_ip", ip, "", true);
            double pps = d.packets() * 1e9 / tickNanos;
            if (pps >= rules.highPps()) {
                String evidence = String.format(
                        Locale.ROOT,
                        ",\"pps\":%.1f,\"threshold\":%d,\"packets\":%d",
                        pps,
                        rules.highPps(),
                        d.packets());
                raise(time, now, "high_pps", ip, evidence, false);
            }
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the alert unless the same one was written less than a cool-down ago. {@code once}:
     * an alert that stays true (a known IP is known) is never repeated while its key is remembered.
     */
    private void raise(Instant time, long now, String kind, String subject, String evidence, boolean once) {
        String key = kind + subject;
        Seen s = seen.get(key);
        if (s != null) {
            if (once) {
                s.lastNanos = now;
                return;
            }
            if (now - s.lastNanos < rules.cooldown().toNanos()) {
                s.suppressed++;
                return;
            }
        } else {
            s = new Seen();
            seen.put(key, s);
        }
        write("{\"time\":\"" + time + "\",\"alert\":\"" + kind + "\"," + subject + evidence + ",\"suppressed\":"
                + s.suppressed + "}\n");
        s.lastNanos = now;
        s.suppressed = 0;
    }

    private void write(String line) {
        try {
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
