package dev.nethergaze.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One IP's SSH authentication activity. {@code invalidUsers} counts the failed attempts made as a user
 * this host does not have (part of {@code failures}); {@code handshakeFailures} the connections that
 * never reached authentication because the SSH handshake failed: a banner that is not SSH (an HTTP
 * request to port 22), no key exchange in common, no identification string. {@code users} are the
 * most-tried user names, most first.
 */
public record AuthSummary(
        long failures,
        long invalidUsers,
        long accepted,
        long preauthDisconnects,
        long handshakeFailures,
        List<String> users) {

    public static final AuthSummary NONE = new AuthSummary(0, 0, 0, 0, 0, List.of());

    public AuthSummary {
        users = List.copyOf(users);
    }

    public boolean isEmpty() {
        return failures == 0 && invalidUsers == 0 && accepted == 0 && preauthDisconnects == 0 && handshakeFailures == 0;
    }

    /**
     * What the IP did, and only that, then the names it tried: "ssh: 4 failed (1 as an invalid user), 1
     * left before auth, 2 failed handshakes; users root, admin"; "" when it did nothing over SSH.
     */
    public String describe() {
        if (failures == 0 && accepted == 0 && preauthDisconnects == 0 && handshakeFailures == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>(4);
        if (failures > 0) {
            parts.add(failures
                    + " failed"
                    + (invalidUsers == 0
                            ? ""
                            : invalidUsers == 1
                                    ? " (1 as an invalid user)"
                                    : " (" + invalidUsers + " as invalid users)"));
        }
        count(parts, accepted, "accepted", "accepted");
        count(parts, preauthDisconnects, "left before auth", "left before auth");
        count(parts, handshakeFailures, "failed handshake", "failed handshakes");
        if (users.isEmpty()) {
            return "ssh: " + String.join(", ", parts);
        }
        StringBuilder b =
                new StringBuilder("ssh: ").append(String.join(", ", parts)).append("; users ");
        for (int i = 0; i < users.size(); i++) {
            ControlChars.escape(b.append(i == 0 ? "" : ", "), users.get(i)); // one line, inert in a terminal
        }
        return b.toString();
    }

    private static void count(List<String> parts, long n, String one, String many) {
        if (n > 0) {
            parts.add(n + " " + (n == 1 ? one : many));
        }
    }
}
