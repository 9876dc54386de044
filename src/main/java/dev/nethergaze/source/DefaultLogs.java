package dev.nethergaze.source;

import java.util.List;

/**
 * Where web servers and sshd write their logs unless told otherwise: the paths followed when none
 * is named ({@code http.paths}, {@code auth.paths} by default). They name the logs of servers a box
 * may not run, so one of them that is absent is no problem; a path a user names is.
 */
public final class DefaultLogs {

    /** nginx, Apache on Debian and on RHEL, Caddy. */
    public static final String ACCESS = "/var/log/nginx/access.log,/var/log/nginx/*access*.log,"
            + "/var/log/apache2/*access*.log,/var/log/httpd/*access_log,/var/log/caddy/*access*.log";

    /** Debian/Ubuntu, RHEL. */
    public static final String AUTH = "/var/log/auth.log,/var/log/secure";

    private DefaultLogs() {}

    /** Whether {@code patterns} are one of the default lists (not paths a user named). */
    public static boolean are(List<String> patterns) {
        String joined = String.join(",", patterns);
        return joined.equals(ACCESS) || joined.equals(AUTH);
    }
}
