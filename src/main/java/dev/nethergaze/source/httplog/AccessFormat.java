package dev.nethergaze.source.httplog;

import java.time.ZoneId;
import java.util.Locale;

/**
 * A {@code --log-format} / {@code http.log_format} value: {@code auto} (per line: JSON when it holds
 * an object, else the combined family), {@code combined}, {@code common}, {@code vhost_combined},
 * {@code main} (nginx combined + {@code "$http_x_forwarded_for"}), {@code json} / {@code caddy} /
 * {@code traefik}, {@code nginx:<log_format string>} or {@code apache:<LogFormat string>}, compiled once.
 * With {@code auto}, a file whose web server declares a format of its own ({@link ServerLogFormats},
 * given by {@link #withServers}) is read in that format first, each line that does not fit it as
 * {@code auto} reads it.
 *
 * @param servers the formats this host's web servers declare per log, for {@code auto}; null: none
 * @param timeZone the zone of times written without one ({@code --log-time-zone}); null: as each
 *     server writes them by default: Caddy's {@code wall*} time formats in UTC, Apache's {@code
 *     %{...}t} without {@code %z} in this host's zone
 */
public record AccessFormat(String name, String pattern, ServerLogFormats servers, ZoneId timeZone) {

    public static final AccessFormat AUTO = new AccessFormat("auto", null, null, null);

    public AccessFormat(String name, String pattern) {
        this(name, pattern, null, null);
    }

    /** This format, and with {@code auto}, each file in the format its server declares for it first. */
    public AccessFormat withServers(ServerLogFormats declared) {
        return new AccessFormat(name, pattern, declared, timeZone);
    }

    /** This format, its zone-less times read in {@code zone} (null: as each server writes them by default). */
    public AccessFormat withTimeZone(ZoneId zone) {
        return new AccessFormat(name, pattern, servers, zone);
    }

    /**
     * A {@code --log-time-zone} / {@code http.log_time_zone} value: empty (null: as each server writes
     * by default), {@code local} (this host's zone), a region ({@code Europe/Berlin}) or an offset
     * ({@code +02:00}); throws IllegalArgumentException naming the value.
     */
    public static ZoneId timeZone(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        if (t.equalsIgnoreCase("local")) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(t);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(
                    "unknown time zone '" + t
                            + "': use local, a region such as Europe/Berlin, UTC or an offset such as +02:00",
                    e);
        }
    }

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

    /**
     * A fresh parser (one per thread) for lines of this format. A blank line (empty, or spaces, tabs
     * and CRs alone) is {@link ParseResult.Reason#BLANK} in every format. NUL bytes and byte-order marks before
     * a line are not part of it: a writer without O_APPEND after a copytruncate fills the hole it
     * leaves with NULs up to its next line, a crash pads a log with them, two files concatenated put
     * the second one's BOM mid-file; each such line was taken for one naming its client by host name.
     */
    public AccessLineParser parser(String source, ClientResolver resolver) {
        return new Unpadded(bare(source, resolver));
    }

    private AccessLineParser bare(String source, ClientResolver resolver) {
        return switch (name) {
            case "nginx" -> LogFormatParser.nginx(pattern, source, resolver);
            case "apache" ->
                ApacheLogFormat.compile(
                        pattern, source, resolver, timeZone == null ? ZoneId.systemDefault() : timeZone);
            case "json", "caddy", "traefik" -> new JsonLineParser(source, resolver, wallZone());
            case "auto" -> declared(source, resolver, new AutoParser(source, resolver, wallZone()));
            default -> new CombinedParser(source, resolver); // the combined family is told apart per line
        };
    }

    /** The zone of Caddy's {@code wall*} times: UTC, as Caddy writes them unless {@code time_local}. */
    private ZoneId wallZone() {
        return timeZone == null ? java.time.ZoneOffset.UTC : timeZone;
    }

    /**
     * For a file whose web server declares a format of its own (not one {@code auto} knows anyway):
     * that format first, then {@code auto}; else {@code auto} alone.
     */
    private AccessLineParser declared(String source, ClientResolver resolver, AccessLineParser auto) {
        java.util.Optional<ServerLogFormats.Declared> d = declaredFor(source);
        if (d.isEmpty()) {
            return auto;
        }
        try {
            return new FirstFitting(
                    parse(d.get().option()).withTimeZone(timeZone).parser(source, resolver), auto);
        } catch (IllegalArgumentException e) {
            return auto; // a declared format nethergaze cannot read (no client address, say)
        }
    }

    /**
     * With {@code auto}, the format of its own that the web server declares for the file {@code source}
     * (read first), if any; a format {@code auto} knows anyway does not count.
     */
    public java.util.Optional<ServerLogFormats.Declared> declaredFor(String source) {
        if (servers == null || !name.equals("auto")) {
            return java.util.Optional.empty();
        }
        try {
            return servers.forLog(java.nio.file.Path.of(source))
                    .filter(d -> d.option().startsWith("nginx:") || d.option().startsWith("apache:"));
        } catch (java.nio.file.InvalidPathException e) {
            return java.util.Optional.empty(); // a label, not a path
        }
    }

    /** What a source says of a file read in its server's declared format first ({@link #declaredFor}). */
    public static String readFirstAs(ServerLogFormats.Declared d) {
        return "read first as its server declares (" + d.where() + "), then as auto";
    }

    /**
     * Lines without the NULs and byte-order marks before them, blank ones apart (see {@link #parser}); one
     * that does not parse is told apart as a web server's error-log line when it is one ({@link ErrorLogLine}).
     */
    private record Unpadded(AccessLineParser inner) implements AccessLineParser {
        @Override
        public ParseResult parse(byte[] b, int off, int len) {
            if (len > 0 && b[off] > ' ') {
                ParseResult r = inner.parse(b, off, len); // nearly every line
                return r instanceof ParseResult.Malformed m ? ErrorLogLine.of(m, b, off, len) : r;
            }
            if (blank(b, off, len)) {
                return ParseResult.Malformed.of(ParseResult.Reason.BLANK);
            }
            int p = off;
            int end = off + len;
            while (p < end) {
                if (b[p] == 0) {
                    p++;
                } else if (end - p >= 3 && b[p] == (byte) 0xEF && b[p + 1] == (byte) 0xBB && b[p + 2] == (byte) 0xBF) {
                    p += 3;
                } else {
                    break;
                }
            }
            ParseResult r = inner.parse(b, p, end - p);
            return r instanceof ParseResult.Malformed m ? ErrorLogLine.of(m, b, p, end - p) : r;
        }

        private static boolean blank(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                    return false;
                }
            }
            return true;
        }
    }

    /** Each line read by the first parser that can, else what the first made of it. */
    private record FirstFitting(AccessLineParser first, AccessLineParser then) implements AccessLineParser {
        @Override
        public ParseResult parse(byte[] b, int off, int len) {
            ParseResult r = first.parse(b, off, len);
            if (!(r instanceof ParseResult.Malformed)) {
                return r;
            }
            ParseResult s = then.parse(b, off, len);
            return s instanceof ParseResult.Malformed ? r : s;
        }
    }

    @Override
    public String toString() {
        return pattern == null ? name : name + ":" + pattern;
    }

    /** Per line: a line starting with '{' is JSON; otherwise combined, falling back to JSON after a prefix. */
    private static final class AutoParser implements AccessLineParser {
        private final CombinedParser combined;
        private final JsonLineParser json;

        AutoParser(String source, ClientResolver resolver, ZoneId wallZone) {
            this.combined = new CombinedParser(source, resolver);
            this.json = new JsonLineParser(source, resolver, wallZone);
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
