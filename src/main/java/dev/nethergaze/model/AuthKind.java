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
    MAX_AUTH_EXCEEDED(false),
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
