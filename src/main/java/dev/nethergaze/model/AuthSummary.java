package dev.nethergaze.model;

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
}
