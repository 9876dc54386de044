package dev.nethergaze.model;

/** ASCII hex digits, as logs, URLs and IPv6 literals write them. */
public final class HexDigit {

    private HexDigit() {}

    /**
     * The value of the hex digit {@code c} (either case), or -1 when it is none: so a pair decoded as
     * {@code value(hi) << 4 | value(lo)} is negative when either is not a digit.
     */
    public static int value(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
