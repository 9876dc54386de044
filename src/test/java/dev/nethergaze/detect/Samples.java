package dev.nethergaze.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.AccessLineParser;
import dev.nethergaze.source.httplog.ClientResolver;
import dev.nethergaze.source.httplog.CombinedParser;
import dev.nethergaze.source.httplog.ParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns real sample lines into events: access-log lines through the product's own parser, sshd
 * lines from fail2ban's annotated samples (their {@code # failJSON} oracle gives host and time),
 * and crowdsec sshd lines by their fixed wording.
 */
final class Samples {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SSHD =
            Pattern.compile("^(\\w{3} +\\d+ \\d\\d:\\d\\d:\\d\\d) \\S+ sshd(?:-session)?\\[\\d+\\]: "
                    + "(Invalid user (\\S*) from (\\S+)|Failed password for (?:invalid user )?(\\S+) from (\\S+)"
                    + "|Accepted \\S+ for (\\S+) from (\\S+)|Unable to negotiate with (\\S+) port)");

    private Samples() {}

    static HttpHit hit(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        ParseResult r = new CombinedParser("sample").parse(b, 0, b.length);
        if (r instanceof ParseResult.Hit h) {
            return h.hit();
        }
        throw new IllegalArgumentException("not a hit: " + r + ": " + line);
    }

    /** The hits of an access log in any format the auto-detection knows (combined family, JSON). */
    static List<HttpHit> hits(Path file) {
        List<HttpHit> out = new ArrayList<>();
        AccessLineParser parser = AccessFormat.AUTO.parser("sample", ClientResolver.DIRECT);
        for (String line : lines(file)) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            if (parser.parse(b, 0, b.length) instanceof ParseResult.Hit h) {
                out.add(h.hit());
            }
        }
        return out;
    }

    /**
     * crowdsec-style sshd lines ("Invalid user", "Failed password", "Accepted", "Unable to negotiate"),
     * in the given year.
     */
    static List<AuthAttempt> sshd(Path file, int year) {
        List<AuthAttempt> out = new ArrayList<>();
        for (String line : lines(file)) {
            AuthAttempt a = sshdLine(line, year);
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    static AuthAttempt sshdLine(String line, int year) {
        Matcher m = SSHD.matcher(line);
        if (!m.find()) {
            return null;
        }
        Instant t = LocalDateTime.parse(
                        year + " " + m.group(1).replaceAll(" +", " "),
                        java.time.format.DateTimeFormatter.ofPattern("yyyy MMM d HH:mm:ss", java.util.Locale.ROOT))
                .toInstant(ZoneOffset.UTC);
        if (m.group(3) != null) {
            return new AuthAttempt("sample", t, IpKey.parse(m.group(4)), m.group(3), AuthKind.INVALID_USER, line);
        }
        if (m.group(5) != null) {
            return new AuthAttempt("sample", t, IpKey.parse(m.group(6)), m.group(5), AuthKind.FAILED_PASSWORD, line);
        }
        if (m.group(7) != null) {
            return new AuthAttempt("sample", t, IpKey.parse(m.group(8)), m.group(7), AuthKind.ACCEPTED, line);
        }
        return new AuthAttempt("sample", t, IpKey.parse(m.group(9)), "", AuthKind.NEGOTIATION_FAILURE, line);
    }

    /** fail2ban's annotated lines that it says must match, with an IP host, as failed attempts. */
    static List<AuthAttempt> fail2banFailures(Path file) {
        List<AuthAttempt> out = new ArrayList<>();
        List<String> lines = lines(file);
        for (int i = 0; i + 1 < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.startsWith("# failJSON:")) {
                continue;
            }
            JsonNode n = parse(l.substring("# failJSON:".length()));
            IpKey ip =
                    n.path("host").isTextual() ? IpKey.tryParse(n.path("host").textValue()) : null;
            String line = lines.get(i + 1);
            if (n.path("match").asBoolean(false) && ip != null && n.path("time").isTextual()) {
                Instant t = LocalDateTime.parse(n.path("time").textValue()).toInstant(ZoneOffset.UTC);
                AuthKind k = line.toLowerCase(java.util.Locale.ROOT).contains("invalid user")
                        ? AuthKind.INVALID_USER
                        : AuthKind.FAILED_PASSWORD;
                out.add(new AuthAttempt("fail2ban", t, ip, "", k, line));
            }
        }
        return out;
    }

    /** {@code s} with these web login settings (the rest as they are). */
    static DetectSettings withLogins(DetectSettings s, int attempts, List<String> paths, int sprayIps) {
        DetectSettings.Http h = s.http();
        return new DetectSettings(
                s.evidenceItems(),
                s.syn(),
                new DetectSettings.Http(
                        h.burstRequests(),
                        h.burstSeconds(),
                        h.errorMin(),
                        h.errorPercent(),
                        h.errorSeconds(),
                        h.scannerAgents(),
                        h.allowPaths(),
                        h.weakProbeHits(),
                        h.memorySeconds(),
                        attempts,
                        h.loginSeconds(),
                        paths,
                        sprayIps,
                        h.loginSprayPercent(),
                        h.loginSpraySeconds(),
                        h.slowLoginFailures(),
                        h.slowLoginWindowSeconds(),
                        h.slowLoginSprayIps()),
                s.ssh(),
                s.conn(),
                s.wire(),
                s.ipv6Prefix());
    }

    static Detector run(DetectSettings s, List<? extends SourceEvent> events) {
        Detector d = new Detector(s, Allowlist.EMPTY, 10_000);
        Instant last = Instant.EPOCH;
        for (SourceEvent e : events) {
            d.observe(e);
            last = e.time().isAfter(last) ? e.time() : last;
        }
        d.evaluate(last);
        return d;
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** When the one episode of {@code rule} for {@code ip} that stopped firing ended (fails unless exactly one). */
    static Instant endedAt(Detector d, IpKey ip, String rule) {
        List<Instant> ends = d.earlier(ip, Instant.MAX).stream()
                .filter(p -> p.finding().rule().equals(rule))
                .map(dev.nethergaze.model.PastFinding::ended)
                .toList();
        if (ends.size() != 1) {
            throw new AssertionError(
                    "expected one ended " + rule + " episode for " + ip + ", got " + d.earlier(ip, Instant.MAX));
        }
        return ends.getFirst();
    }

    /** The finding of {@code rule} for {@code ip}; fails, listing what there is, when there is none. */
    static Finding finding(Detector d, IpKey ip, String rule) {
        return d.findings(ip).stream()
                .filter(f -> f.rule().equals(rule))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " finding for " + ip + ": " + d.findings(ip)));
    }

    /** sshd's line for a wrong password for an existing user. */
    static AuthAttempt failed(IpKey ip, String user, Instant t) {
        return new AuthAttempt(
                "t",
                t,
                ip,
                user,
                AuthKind.FAILED_PASSWORD,
                "sshd[1]: Failed password for " + user + " from " + ip + " port 50000 ssh2");
    }

    /** sshd's line for an accepted login by {@code method} ("password", "publickey", ...). */
    static AuthAttempt accepted(IpKey ip, String method, String user, Instant t) {
        return new AuthAttempt(
                "t",
                t,
                ip,
                user,
                AuthKind.ACCEPTED,
                "sshd[2]: Accepted " + method + " for " + user + " from " + ip + " port 50001 ssh2");
    }
}
