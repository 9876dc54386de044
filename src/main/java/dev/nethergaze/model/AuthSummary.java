package dev.nethergaze.model;

import java.util.ArrayList;
import java.util.List;

/** One IP's SSH authentication activity. {@code users} are the most-tried user names, most first. */
public record AuthSummary(
        long failures, long invalidUsers, long accepted, long preauthDisconnects, List<String> users) {

    public static final AuthSummary NONE = new AuthSummary(0, 0, 0, 0, List.of());

    public AuthSummary {
        users = List.copyOf(users);
    }

    public boolean isEmpty() {
        return failures == 0 && invalidUsers == 0 && accepted == 0 && preauthDisconnects == 0;
    }

    /**
     * What the IP did, and only that, with the names it tried: "ssh: 4 failed, 1 invalid user, 1 left
     * before auth (root, admin)"; "" when it did nothing over SSH.
     */
    public String describe() {
        if (failures == 0 && accepted == 0 && preauthDisconnects == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>(4);
        count(parts, failures, "failed");
        count(parts, invalidUsers, invalidUsers == 1 ? "invalid user" : "invalid users");
        count(parts, accepted, "accepted");
        count(parts, preauthDisconnects, "left before auth");
        return "ssh: " + String.join(", ", parts) + (users.isEmpty() ? "" : " (" + String.join(", ", users) + ")");
    }

    private static void count(List<String> parts, long n, String what) {
        if (n > 0) {
            parts.add(n + " " + what);
        }
    }
}
