package dev.nethergaze.source;

/**
 * Whether a client or host field that holds no address is written as one all the same, and so is a
 * field no source can read rather than a host name: the one decision every log source makes for it
 * (an access log's client, sshd's host), so that {@code 256.1.1.1} is an unparsed line in each.
 */
public final class AddressLike {

    private AddressLike() {}

    /**
     * Whether {@code b[s, e)}, in which no address was found, is written as one: in brackets, with two
     * colons or more (a name has none, a name with its port one), or, its port aside, of digits and dots
     * alone ({@code 256.1.1.1}, {@code 01.02.03.004}, {@code 1.2.3}; a name's last label is never all
     * digits, and {@code 1password.com}, {@code 123.example} are names). Spaces and quotes around it are
     * not part of it.
     */
    public static boolean written(byte[] b, int s, int e) {
        while (s < e && (b[s] == ' ' || b[s] == '"')) {
            s++;
        }
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '"')) {
            e--;
        }
        if (s == e) {
            return false;
        }
        if (b[s] == '[') {
            return true;
        }
        int end = e;
        for (int i = s; i < e; i++) {
            if (b[i] == ':') {
                if (end < e) {
                    return true; // a second colon
                }
                end = i;
            }
        }
        for (int i = s; i < end; i++) {
            if ((b[i] < '0' || b[i] > '9') && b[i] != '.') {
                return false;
            }
        }
        return end > s;
    }
}
