package dev.nethergaze.enrich.geo;

/** A GeoIP database that cannot be opened or read; the message is one line for the user. */
public final class GeoDbException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GeoDbException(String message, Throwable cause) {
        super(message, cause);
    }
}
