package dev.nethergaze.enrich.whois;

import java.net.URI;
import java.util.Locale;

/** A whois server: host and port (43 unless told). */
public record WhoisServer(String host, int port) {

    /** Parses {@code host}, {@code host:port}, {@code [v6]:port} or {@code whois://host[:port]}. */
    public static WhoisServer parse(String text) {
        String t = text.strip();
        if (t.regionMatches(true, 0, "whois://", 0, 8)) {
            URI u = URI.create(t);
            return new WhoisServer(u.getHost(), u.getPort() > 0 ? u.getPort() : 43);
        }
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            String host = t.substring(1, close);
            return new WhoisServer(host, close + 1 < t.length() ? port(t.substring(close + 2), text) : 43);
        }
        int colon = t.indexOf(':');
        if (colon > 0 && t.indexOf(':', colon + 1) < 0) {
            return new WhoisServer(t.substring(0, colon), port(t.substring(colon + 1), text));
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty whois server");
        }
        return new WhoisServer(t.toLowerCase(Locale.ROOT), 43);
    }

    private static int port(String p, String text) {
        try {
            int v = Integer.parseInt(p);
            if (v < 1 || v > 65535) {
                throw new NumberFormatException(p);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad whois server port in " + text, e);
        }
    }

    @Override
    public String toString() {
        return port == 43 ? host : host + ":" + port;
    }
}
