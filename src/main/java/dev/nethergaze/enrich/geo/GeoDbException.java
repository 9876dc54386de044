package dev.nethergaze.enrich.geo;

/**
 * A GeoIP database that cannot be opened or read; the message is one line for the user, "FILE: what
 * is wrong", and {@link #why} what is wrong alone (to say it of a file under another name, such as a
 * download checked before it is installed).
 */
public final class GeoDbException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String why;

    /** "{@code subject}: {@code why}" (the subject: the file, or the setting and its file). */
    public GeoDbException(Object subject, String why, Throwable cause) {
        super(subject + ": " + why, cause);
        this.why = why;
    }

    /** A file that the MMDB reader refuses: "FILE: not a usable MMDB database (why)". */
    static GeoDbException unusable(Object file, String why, Throwable cause) {
        return new GeoDbException(file, "not a usable MMDB database (" + why + ")", why, cause);
    }

    private GeoDbException(Object subject, String said, String why, Throwable cause) {
        super(subject + ": " + said, cause);
        this.why = why;
    }

    /** What is wrong, without the file's name (nor "not a usable MMDB database" around it). */
    public String why() {
        return why;
    }
}
