package dev.nethergaze.model;

/** What an sshd log line says happened. */
public enum AuthKind {
    FAILED_PASSWORD(true),
    FAILED_PUBLICKEY(true),
    FAILED_NONE(true),
    INVALID_USER(true),
    /** A user refused by configuration (AllowUsers/DenyUsers, root login refused, tcpwrappers). */
    DENIED(true),
    ACCEPTED(false),
    PREAUTH_DISCONNECT(false),
    /**
     * "maximum authentication attempts exceeded" (or "Too many authentication failures"): a failed
     * attempt when the connection's own failures were not logged (sshd logs failed public keys only at
     * VERBOSE); counted once per connection, and not at all after failures it logged.
     */
    MAX_AUTH_EXCEEDED(true),
    NEGOTIATION_FAILURE(false);

    private final boolean failure;

    AuthKind(boolean failure) {
        this.failure = failure;
    }

    /** Whether this counts as a failed login attempt. */
    public boolean isFailure() {
        return failure;
    }
}
