package dev.nethergaze.model;

/** A count and its noun, the noun plural unless the count is one: "1 line", "2 lines", "0 events". */
public final class Plural {

    private Plural() {}

    /** {@code n} and {@code noun} (a regular English noun), with an "s" unless {@code n} is 1. */
    public static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
