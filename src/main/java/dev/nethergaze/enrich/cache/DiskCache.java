package dev.nethergaze.enrich.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.WhoisInfo;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whois answers on disk, one small JSON file per IP under {@code dir/whois/}, written atomically
 * (temp file + rename). Entries carry their expiry: answers live {@code ttl}, failures
 * {@code negativeTtl}. Bounded: past {@code maxEntries} expired entries are purged, then the oldest.
 * A cache that cannot be written is not an error; lookups simply go to the network.
 */
public final class DiskCache {

    /** What the cache knows about an IP: an answer, or a remembered failure. */
    public sealed interface Entry {}

    public record Hit(WhoisInfo info) implements Entry {}

    /** A failure remembered until {@code expires}, when the network is asked again. */
    public record Failed(String reason, Instant expires) implements Entry {}

    /**
     * A server that asked to be left alone (HTTP 429) for {@code left} more: what it said, kept on disk
     * so that the next run (another {@code lookup}, a restarted console) honours it too.
     */
    public record Hold(String why, Duration left) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path holds;
    private final Duration ttl;
    private final Duration negativeTtl;
    private final int maxEntries;
    private final InstantSource clock;
    private final AtomicInteger count = new AtomicInteger();

    public DiskCache(Path root, Duration ttl, Duration negativeTtl, int maxEntries, InstantSource clock) {
        this.dir = root.resolve("whois");
        this.holds = root.resolve("holds");
        this.ttl = ttl;
        this.negativeTtl = negativeTtl;
        this.maxEntries = maxEntries;
        this.clock = clock;
        try {
            Files.createDirectories(dir);
            purge(false);
        } catch (IOException e) {
            // unwritable cache: every get misses, every put is dropped
        }
    }

    public Optional<Entry> get(IpKey ip) {
        Path f = file(ip);
        try {
            JsonNode n = JSON.readTree(f.toFile());
            Instant expires =
                    n == null ? null : Instant.ofEpochMilli(n.path("expires").asLong());
            if (expires == null || expires.isBefore(clock.instant())) {
                return Optional.empty();
            }
            if (!n.path("ok").asBoolean()) {
                return Optional.of(new Failed(n.path("error").asText("lookup failed"), expires));
            }
            JsonNode w = n.path("whois");
            WhoisInfo info = new WhoisInfo(
                    text(w, "network"),
                    text(w, "cidr"),
                    text(w, "org"),
                    text(w, "country"),
                    text(w, "abuse_email"),
                    "cache",
                    instant(w, "registered"),
                    instant(w, "last_changed"));
            // an entry of another shape (another version's, or damaged) that names nothing is a miss,
            // not an empty answer served for a day
            boolean empty =
                    info.network() == null && info.cidr() == null && info.org() == null && info.abuseEmail() == null;
            return empty ? Optional.empty() : Optional.of(new Hit(info));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public void putAnswer(IpKey ip, WhoisInfo info) {
        ObjectNode n = JSON.createObjectNode();
        n.put("expires", clock.instant().plus(ttl).toEpochMilli());
        n.put("ok", true);
        ObjectNode w = n.putObject("whois");
        w.put("network", info.network());
        w.put("cidr", info.cidr());
        w.put("org", info.org());
        w.put("country", info.country());
        w.put("abuse_email", info.abuseEmail());
        w.put("origin", info.source());
        w.put("registered", info.registered() == null ? null : info.registered().toString());
        w.put(
                "last_changed",
                info.lastChanged() == null ? null : info.lastChanged().toString());
        write(ip, n);
    }

    public void putFailure(IpKey ip, String reason) {
        ObjectNode n = JSON.createObjectNode();
        n.put("expires", clock.instant().plus(negativeTtl).toEpochMilli());
        n.put("ok", false);
        n.put("error", reason);
        write(ip, n);
    }

    /** Keeps {@code server}'s request to be left alone for {@code left} (its 429's Retry-After, or our backoff). */
    public void putHold(String server, String why, Duration left) {
        ObjectNode n = JSON.createObjectNode();
        n.put("expires", clock.instant().plus(left).toEpochMilli());
        n.put("why", why);
        try {
            Files.createDirectories(holds);
            Path tmp = Files.createTempFile(holds, ".tmp-", ".json");
            try {
                JSON.writeValue(tmp.toFile(), n);
                move(tmp, holdFile(server));
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // not kept: the next run may ask the server once more, and hear its 429 again
        }
    }

    /** The hold on {@code server} that has not run out, if any. */
    public Optional<Hold> hold(String server) {
        try {
            JsonNode n = JSON.readTree(holdFile(server).toFile());
            Duration left = n == null
                    ? Duration.ZERO
                    : Duration.between(
                            clock.instant(),
                            Instant.ofEpochMilli(n.path("expires").asLong()));
            return left.isNegative() || left.isZero()
                    ? Optional.empty()
                    : Optional.of(new Hold(n.path("why").asText("answered HTTP 429"), left));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code holds/127.0.0.1_8080.json}: the server's host and port, nothing a name could climb out with. */
    private Path holdFile(String server) {
        return holds.resolve(server.replaceAll("[^A-Za-z0-9.-]", "_") + ".json");
    }

    private void write(IpKey ip, ObjectNode n) {
        Path target = file(ip);
        try {
            boolean existed = Files.exists(target);
            Path tmp = Files.createTempFile(dir, ".tmp-", ".json");
            try {
                JSON.writeValue(tmp.toFile(), n);
                move(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
            if (!existed && count.incrementAndGet() > maxEntries) {
                purge(true);
            }
        } catch (IOException e) {
            // a full or read-only disk only costs a repeated lookup later
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes expired entries and, when {@code shrink}, the oldest until 90% of the cap is left. */
    synchronized void purge(boolean shrink) throws IOException {
        record F(Path path, long modified) {}
        List<F> live = new ArrayList<>();
        long now = clock.millis();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
            for (Path p : ds) {
                if (p.getFileName().toString().startsWith(".tmp-") || expired(p, now)) {
                    Files.deleteIfExists(p);
                } else {
                    live.add(new F(p, Files.getLastModifiedTime(p).toMillis()));
                }
            }
        }
        if (shrink && live.size() > maxEntries * 9L / 10) {
            live.sort(Comparator.comparingLong(F::modified));
            int remove = live.size() - maxEntries * 9 / 10;
            for (int i = 0; i < remove; i++) {
                Files.deleteIfExists(live.get(i).path());
            }
            count.set(live.size() - remove);
        } else {
            count.set(live.size());
        }
    }

    private static boolean expired(Path p, long now) {
        try {
            return JSON.readTree(p.toFile()).path("expires").asLong() < now;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Entries currently on disk (approximate between purges). */
    public int size() {
        return count.get();
    }

    private Path file(IpKey ip) {
        return dir.resolve(String.format("%016x%016x.json", ip.hi(), ip.lo()));
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.path(f);
        return v.isTextual() ? v.asText() : null;
    }

    private static Instant instant(JsonNode n, String f) {
        String t = text(n, f);
        return t == null ? null : Instant.parse(t);
    }
}
