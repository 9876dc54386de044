package dev.nethergaze.enrich.rdap;

/** An RDAP reply that cannot be used; the message is one line. */
public final class RdapException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RdapException(String message) {
        super(message);
    }

    public RdapException(String message, Throwable cause) {
        super(message, cause);
    }
}
