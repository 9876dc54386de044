package dev.nethergaze.source.httplog;

import dev.nethergaze.model.HttpHit;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one access-log line gave. A line whose host is a name rather than an address (old logs with
 * HostnameLookups on, like the NASA traces) is a well-formed line that cannot become a hit: the
 * engine keys everything by IP and nethergaze never resolves names. It is counted apart from
 * malformed lines so "we could not read your log" and "your log names hosts" stay distinguishable.
 */
public sealed interface ParseResult {

    /** A well-formed line from an address. */
    record Hit(HttpHit hit) implements ParseResult {}

    /**
     * A well-formed line whose host field is a name, not an IP literal (one written as an address that
     * is not one is {@link Reason#BAD_CLIENT}).
     */
    record UnresolvedHost(String host, Instant time, int status) implements ParseResult {}

    /** A well-formed entry that is not an access (Caddy's non-access loggers, startup messages). */
    record Ignored() implements ParseResult {
        static final Ignored INSTANCE = new Ignored();
    }

    /** A line that is not in combined/common format; skipped and counted. */
    record Malformed(Reason reason) implements ParseResult {

        private static final Map<Reason, Malformed> BY_REASON = new EnumMap<>(Reason.class);

        static {
            for (Reason r : Reason.values()) {
                BY_REASON.put(r, new Malformed(r));
            }
        }

        /** The shared instance for a reason (no allocation per bad line). */
        public static Malformed of(Reason reason) {
            return BY_REASON.get(reason);
        }
    }

    /** Why a line was not understood. */
    enum Reason {
        /**
         * Nothing to read once the NULs and byte-order marks before it are taken off (a crash's padding
         * alone): counted unparsed.
         */
        EMPTY,
        /**
         * A blank line: empty, or spaces, tabs and CRs alone. No request and no line we could not read:
         * every reader skips it without counting it unparsed ({@link AccessFormat#parser}).
         */
        BLANK,
        /** No {@code host ident user [time]} (or {@code vhost host ident user [time]}) prefix. */
        NO_PREFIX,
        /** The bracketed time is not {@code dd/Mon/yyyy:HH:mm:ss +zzzz}. */
        BAD_TIME,
        /** The quoted request is missing or not closed. */
        BAD_REQUEST_FIELD,
        /** Status is not three digits or "-". */
        BAD_STATUS,
        /** Size is not digits or "-". */
        BAD_BYTES,
        /** A JSON line that does not parse, or lacks an address or a time. */
        BAD_JSON,
        /** Does not fit the configured nginx log_format. */
        FORMAT_MISMATCH,
        /** The client is written as an address but is none ({@code 256.1.1.1}, nine IPv6 groups). */
        BAD_CLIENT,
        /**
         * The client field holds no address: "-" or empty, or, in a line that names no TCP peer, the
         * forwarded header that is its only client field ({@code %{X-Forwarded-For}i} behind a load
         * balancer) is "-" or names none ("unknown").
         */
        NO_CLIENT,
        /** A line of nginx's error log ({@code 2026/12/07 09:50:50 [error] 27421#27421: ...}), not an access log's. */
        NGINX_ERROR_LOG,
        /** A line of Apache's error log ({@code [Mon Dec 07 09:50:57.383798 2026] [auth_basic:error] ...}). */
        APACHE_ERROR_LOG
    }
}
