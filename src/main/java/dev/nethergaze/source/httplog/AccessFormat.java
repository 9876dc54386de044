package dev.nethergaze.source.httplog;

import java.time.ZoneId;
import java.util.Locale;

/**
 * A {@code --log-format} / {@code http.log_format} value: {@code auto} (per line: JSON when it holds
 * an object, else the combined family), {@code combined}, {@code common}, {@code vhost_combined},
 * {@code main} (nginx combined + {@code "$http_x_forwarded_for"}), {@code json} / {@code caddy} /
 * {@code traefik}, {@code nginx:<log_format string>} or {@code apache:<LogFormat string>}, compiled once.
 */
public record AccessFormat(String name, String pattern) {

    public static final AccessFormat AUTO = new AccessFormat("auto", null);

    /** Parses a format name; throws IllegalArgumentException listing the choices. */
    public static AccessFormat parse(String text) {
        String t = text.strip();
        if (t.startsWith("nginx:")) {
            String f = t.substring(6).strip();
            LogFormatParser.nginx(f, "check", ClientResolver.DIRECT); // fail early, with the reason
            return new AccessFormat("nginx", f);
        }
        if (t.startsWith("apache:")) {
            String f = t.substring(7).strip();
            ApacheLogFormat.compile(f, "check", ClientResolver.DIRECT, ZoneId.systemDefault());
            return new AccessFormat("apache", f);
        }
        String n = t.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "auto", "combined", "common", "vhost_combined", "main", "json", "caddy", "traefik" ->
                new AccessFormat(n, null);
            default ->
                throw new IllegalArgumentException(
                        "unknown log format '" + text
                                + "': use auto, combined, common, vhost_combined, main, json, caddy, traefik, nginx:<log_format> or apache:<LogFormat>");
        };
    }

    /** A fresh parser (one per thread) for lines of this format. */
    public AccessLineParser parser(String source, ClientResolver resolver) {
        return switch (name) {
            case "nginx" -> LogFormatParser.nginx(pattern, source, resolver);
            case "apache" -> ApacheLogFormat.compile(pattern, source, resolver, ZoneId.systemDefault());
            case "json", "caddy", "traefik" -> new JsonLineParser(source, resolver);
            case "auto" -> new AutoParser(source, resolver);
            default -> new CombinedParser(source, resolver); // the combined family is told apart per line
        };
    }

    @Override
    public String toString() {
        return pattern == null ? name : name + ":" + pattern;
    }

    /** Per line: a line starting with '{' is JSON; otherwise combined, falling back to JSON after a prefix. */
    private static final class AutoParser implements AccessLineParser {
        private final CombinedParser combined;
        private final JsonLineParser json;

        AutoParser(String source, ClientResolver resolver) {
            this.combined = new CombinedParser(source, resolver);
            this.json = new JsonLineParser(source, resolver);
        }

        @Override
        public ParseResult parse(byte[] b, int off, int len) {
            int p = off;
            int end = off + len;
            while (p < end && (b[p] == ' ' || b[p] == '\t')) {
                p++;
            }
            if (p < end && b[p] == '{') {
                return json.parse(b, off, len);
            }
            ParseResult r = combined.parse(b, off, len);
            if (r instanceof ParseResult.Malformed && b.length > 0 && hasBrace(b, p, end)) {
                ParseResult j = json.parse(b, off, len);
                return j instanceof ParseResult.Malformed ? r : j;
            }
            return r;
        }

        private static boolean hasBrace(byte[] b, int p, int end) {
            for (int i = p; i < end && i < p + 64; i++) {
                if (b[i] == '{') {
                    return true;
                }
            }
            return false;
        }
    }
}
