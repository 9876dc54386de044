package dev.nethergaze.enrich.geo;

/** {@code geo update} could not install a database; the message is one line for the user. */
public final class GeoUpdateException extends Exception {

    private static final long serialVersionUID = 1L;

    public GeoUpdateException(String message) {
        super(message);
    }

    public GeoUpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
