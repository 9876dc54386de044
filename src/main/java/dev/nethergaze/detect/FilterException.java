package dev.nethergaze.detect;

/**
 * A filter that cannot be parsed. The message is one line naming the bad term and its column;
 * {@link #pointer()} draws a caret under it for screens that have room.
 */
public final class FilterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String filter;
    private final int column;

    FilterException(String filter, int column, String term, String problem) {
        super("bad filter term '" + term + "' at column " + (column + 1) + ": " + problem);
        this.filter = filter;
        this.column = column;
    }

    /** Zero-based position of the bad term in the filter text. */
    public int column() {
        return column;
    }

    /** The filter and a caret under the bad term (two lines). */
    public String pointer() {
        return filter + "\n" + " ".repeat(column) + "^";
    }
}
