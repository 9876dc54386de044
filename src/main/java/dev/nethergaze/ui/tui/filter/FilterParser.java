package dev.nethergaze.ui.tui.filter;

/** Turns the text typed after {@code f} into a filter. */
@FunctionalInterface
public interface FilterParser {

    IpFilter parse(String text) throws FilterSyntaxException;
}
