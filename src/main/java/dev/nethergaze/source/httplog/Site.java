package dev.nethergaze.source.httplog;

import java.util.Locale;

/**
 * The site a vhost value names, the same whatever logged it: the host without a port, lower-cased,
 * as nginx's {@code $host} and Apache's {@code %V} write it. The Host header as the client sent it
 * (Caddy's {@code request.host}, nginx's {@code $http_host}, Apache's {@code %{Host}i}) and
 * vhost_combined's {@code %v:%p} carry a port ({@code example.com:8443}, {@code [::1]:443}); a bare
 * IPv6 address's last group is no port.
 */
final class Site {

    private Site() {}

    /** Where the host of the vhost in {@code b[from, to)} ends: before its {@code :port}, else {@code to}. */
    static int hostEnd(byte[] b, int from, int to) {
        int i = to - 1;
        while (i > from && b[i] >= '0' && b[i] <= '9') {
            i--;
        }
        if (i == to - 1 || i <= from || b[i] != ':') {
            return to;
        }
        if (b[i - 1] == ']') {
            return i;
        }
        for (int j = from; j < i; j++) {
            if (b[j] == ':') {
                return to; // 2001:db8::1, not a host and a port
            }
        }
        return i;
    }

    /** Whether {@code b[from, to)} holds an upper-case ASCII letter. */
    static boolean hasUpper(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] >= 'A' && b[i] <= 'Z') {
                return true;
            }
        }
        return false;
    }

    /** The site of a vhost value read as text (a JSON line's). */
    static String of(String vhost) {
        int end = vhost.length();
        int i = end - 1;
        while (i > 0 && vhost.charAt(i) >= '0' && vhost.charAt(i) <= '9') {
            i--;
        }
        boolean port = i < end - 1
                && i > 0
                && vhost.charAt(i) == ':'
                && (vhost.charAt(i - 1) == ']' || vhost.indexOf(':') == i);
        String host = port ? vhost.substring(0, i) : vhost;
        for (int k = 0; k < host.length(); k++) {
            char c = host.charAt(k);
            if (c >= 'A' && c <= 'Z') {
                return host.toLowerCase(Locale.ROOT);
            }
        }
        return host;
    }
}
