package dev.nethergaze.store;

import java.io.Serial;

/**
 * The history store cannot be used: a one-line message meant for the user (no stack trace), e.g.
 * "history: /var/lib/x/history.db: read-only file system". The console keeps running without
 * history when it sees this.
 */
public final class HistoryException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public HistoryException(String message) {
        super(message, null, false, false);
    }
}
