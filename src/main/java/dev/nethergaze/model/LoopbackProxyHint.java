package dev.nethergaze.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What to suggest when every request came from loopback and was hidden with the private addresses. A
 * reverse proxy on this host makes every peer 127.0.0.1 or ::1; when its lines name the clients in a
 * forwarded header, the access-log source says so in its detail ({@link #note}) and the hint is {@code
 * --trusted-proxy 127.0.0.1} (which reads those clients), not {@code --show-private-ips} (which would
 * list the proxy itself).
 */
public final class LoopbackProxyHint {

    private static final String OPTION = "--trusted-proxy ";
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "::1");

    private LoopbackProxyHint() {}

    /** The access-log source's note for {@code peers} ("127.0.0.1", "::1"), or "" when there are none. */
    public static String note(List<String> peers) {
        if (peers.isEmpty()) {
            return "";
        }
        return "requests from " + String.join(" and ", peers)
                + " name their client in a forwarded header, not believed (a reverse proxy on this host? "
                + options(peers) + " reads them)";
    }

    /** {@code h} with {@code note} ({@link #note}) after its detail; {@code h} itself when the note is "". */
    public static SourceHealth noted(SourceHealth h, String note) {
        return note.isEmpty()
                ? h
                : new SourceHealth(
                        h.name(),
                        h.kind(),
                        h.status(),
                        h.detail().isEmpty() ? note : h.detail() + "; " + note,
                        h.lines(),
                        h.malformed());
    }

    /** The hint for hidden loopback and private requests, given the snapshot's {@code sources}. */
    public static String forHidden(List<SourceHealth> sources) {
        List<String> peers = new ArrayList<>(2);
        for (SourceHealth h : sources) {
            for (String p : LOOPBACK) {
                if (h.detail().contains(OPTION + p) && !peers.contains(p)) {
                    peers.add(p);
                }
            }
        }
        return peers.isEmpty()
                ? "--show-private-ips lists them"
                : "a reverse proxy on this host? " + options(peers) + " reads the clients it forwarded";
    }

    private static String options(List<String> peers) {
        StringBuilder b = new StringBuilder();
        for (String p : peers) {
            b.append(b.isEmpty() ? "" : " ").append(OPTION).append(p);
        }
        return b.toString();
    }
}
