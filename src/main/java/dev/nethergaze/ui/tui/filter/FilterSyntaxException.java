package dev.nethergaze.ui.tui.filter;

/** A filter expression that cannot be parsed; the message is shown to the user as is. */
public final class FilterSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    public FilterSyntaxException(String message) {
        super(message);
    }
}
