package dev.nethergaze.detect;

import dev.nethergaze.model.Connection;
import dev.nethergaze.model.ControlChars;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IsoTime;
import dev.nethergaze.model.Listener;
import java.time.Instant;

/** How evidence items read: close to the log line or table row they came from. */
final class Evidence {

    private static final int MAX_FIELD = 300;

    private Evidence() {}

    /**
     * {@code 2026-11-22T03:00:00Z 192.0.2.201 "GET /.env HTTP/1.1" 404 "-" "zgrab/0.x"}, with the vhost
     * after the client when the log names one ({@code … 192.0.2.201 shop.example:443 "GET …}).
     */
    static String of(HttpHit h) {
        return request(
                h.time(),
                h.client().toString(),
                h.method(),
                h.target(),
                h.protocol(),
                h.malformedRequest(),
                h.status(),
                h.referer(),
                h.userAgent(),
                h.vhost());
    }

    /** The same line from a request's fields (as {@link HitRing} keeps them). */
    static String request(
            Instant time,
            String client,
            String method,
            String target,
            String protocol,
            boolean malformed,
            int status,
            String referer,
            String agent,
            String vhost) {
        String request = malformed && method.isEmpty()
                ? target
                : method + " " + target + (protocol.isEmpty() ? "" : " " + protocol);
        return IsoTime.text(time) + " " + client + (vhost == null || vhost.isEmpty() ? "" : " " + vhost) + " \""
                + clip(request) + "\" " + status + " \""
                + clip(referer.isEmpty() ? "-" : referer) + "\" \""
                + clip(agent.isEmpty() ? "-" : agent) + "\"";
    }

    /** {@code 198.51.100.10:1024 -> 192.0.2.1:443 SYN_RECV} */
    static String of(Connection c) {
        return endpoint(c.remote().toString(), c.remotePort()) + " -> "
                + endpoint(c.local().toString(), c.localPort()) + " " + c.state() + " "
                + c.direction().name().toLowerCase(java.util.Locale.ROOT);
    }

    static String of(Listener l) {
        return "listen " + endpoint(l.local().toString(), l.port()) + " accept queue " + l.acceptQueue() + "/"
                + l.backlog();
    }

    /** {@code 22, 80, 443, …}: the first {@code shown} of {@code ports}, and an ellipsis if there are more. */
    static String ports(java.util.List<Integer> ports, int shown) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(shown, ports.size()); i++) {
            b.append(i == 0 ? "" : ", ").append(ports.get(i));
        }
        return ports.size() > shown ? b.append(", …").toString() : b.toString();
    }

    /** {@code 0, 12, 480, 3}: a window's counts per bucket, oldest first. */
    static String counts(long[] buckets) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < buckets.length; i++) {
            b.append(i == 0 ? "" : ", ").append(buckets[i]);
        }
        return b.toString();
    }

    private static String endpoint(String ip, int port) {
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
    }

    /**
     * What a ring keeps of a field: enough for {@link #clip} to give the same line, and no more, so a
     * 64 KB target costs a ring slot 301 characters.
     */
    static String kept(String s) {
        return s == null || s.length() <= MAX_FIELD + 1 ? s : s.substring(0, MAX_FIELD + 1);
    }

    /** Cuts very long fields and makes control characters visible, so evidence stays one line. */
    static String clip(String s) {
        String t = s.length() > MAX_FIELD ? s.substring(0, MAX_FIELD) + "…" : s;
        if (!ControlChars.any(t)) {
            return t; // the usual case: nothing to escape
        }
        return ControlChars.escape(new StringBuilder(t.length() + 8), t).toString();
    }
}
