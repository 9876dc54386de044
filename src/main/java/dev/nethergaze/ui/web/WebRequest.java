package dev.nethergaze.ui.web;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request as {@link HttpListener} read it: the method, the path (percent-decoded, each run of
 * slashes one slash, as nginx merges them: {@code //metrics} from a base URL with a trailing slash is
 * {@code /metrics}), the query as sent, and the headers (first value of each, by lower-case name).
 *
 * @param rawQuery the query as sent (a byte above 0x7F read as the Latin-1 character), or null
 */
record WebRequest(String method, String path, String rawQuery, Map<String, String> headers) {

    /** A request refused before any handler: its status and the one line that says why. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String line) {
            super(line, null, false, false);
            this.status = status;
        }
    }

    private static final Pattern LINE = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\\S+) HTTP/(\\d)\\.(\\d)");
    private static final Pattern ABSOLUTE = Pattern.compile("(?i)https?://[^/?#]*");
    private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** The first value of the header {@code name} (any case), or null. */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Whether a body follows the head (it is never read). */
    boolean hasBody() {
        String length = header("content-length");
        return header("transfer-encoding") != null
                || (length != null && !length.strip().equals("0"));
    }

    /**
     * Where the head ends in the first {@code n} bytes of {@code b} (the line break before the empty
     * line that ends it), or -1 while that has not come.
     */
    static int endOfHead(byte[] b, int n) {
        for (int i = 1; i < n; i++) {
            if (b[i] == '\n' && b[i - 1] == '\n') {
                return i - 1;
            }
            if (b[i] == '\n' && i >= 2 && b[i - 1] == '\r' && b[i - 2] == '\n') {
                return i - 2;
            }
        }
        return -1;
    }

    /** The request a head (request line and headers, as Latin-1) makes. */
    static WebRequest parse(byte[] head) throws Refused {
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
        }
        int first = 0;
        while (first < lines.length - 1 && lines[first].isEmpty()) {
            first++; // an empty line before the request line is allowed (RFC 9112 2.2)
        }
        Matcher m = LINE.matcher(lines[first]);
        if (!m.matches()) {
            throw new Refused(
                    400,
                    lines[first].matches("\\S+ .* .* HTTP/\\d\\.\\d")
                            ? "a space in the request target: encode it as %20 (curl -G --data-urlencode 'filter=…')"
                            : "not an HTTP request line");
        }
        if (!m.group(3).equals("1")) {
            throw new Refused(505, "HTTP/1.1 or 1.0 only, got HTTP/" + m.group(3) + "." + m.group(4));
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = first + 1; i < lines.length; i++) {
            String h = lines[i];
            int colon = h.indexOf(':');
            if (colon <= 0 || !NAME.matcher(h.substring(0, colon)).matches()) {
                throw new Refused(400, "header line " + (i - first) + " is not 'Name: value'");
            }
            headers.putIfAbsent(
                    h.substring(0, colon).toLowerCase(Locale.ROOT),
                    h.substring(colon + 1).strip());
        }
        String target = m.group(2);
        Matcher abs = ABSOLUTE.matcher(target);
        if (abs.lookingAt()) {
            target = target.substring(abs.end());
            target = target.startsWith("/") ? target : "/" + target;
        } else if (!target.startsWith("/")) {
            throw new Refused(400, "the request target is not a path such as /metrics");
        }
        int hash = target.indexOf('#');
        target = hash < 0 ? target : target.substring(0, hash);
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        return new WebRequest(m.group(1), path(rawPath), q < 0 ? null : target.substring(q + 1), Map.copyOf(headers));
    }

    /** {@code raw} percent-decoded as UTF-8, each run of slashes one. */
    private static String path(String raw) throws Refused {
        try {
            return ApiQuery.decode(raw, false, "path").replaceAll("/{2,}", "/");
        } catch (ApiQuery.BadQuery e) {
            throw new Refused(400, e.getMessage());
        }
    }
}
