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
            visible(b.append(i == 0 ? "" : ", "), users.get(i));
        }
        return b.toString();
    }

    /**
     * A name as a client sent it, its control characters shown as {@code \xNN} (as evidence lines show
     * them): the summary stays one line, and a name cannot drive the terminal it is printed on.
     */
    private static void visible(StringBuilder b, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                b.append(c);
            }
        }
    }

    private static void count(List<String> parts, long n, String one, String many) {
        if (n > 0) {
            parts.add(n + " " + (n == 1 ? one : many));
        }
    }
}
