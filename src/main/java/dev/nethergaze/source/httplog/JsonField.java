package dev.nethergaze.source.httplog;

import java.util.HashMap;
import java.util.Map;

/**
 * The access-log facts a JSON line can carry, and the key paths the common producers use for them:
 * Caddy v2 (nested {@code request.*}, epoch {@code ts}; 2.0-2.4's {@code request.remote_addr} too), nginx {@code log_format ... escape=json}
 * configs (flat {@code $variable} names, numbers possibly as strings or "-"), Traefik (CamelCase,
 * {@code request_<Header>}). One table, like GoAccess's format presets.
 */
enum JsonField {
    PEER,
    /**
     * nginx's {@code $realip_remote_addr}: the TCP peer, where the realip module wrote the client it
     * found into {@code remote_addr} ({@link #PEER}), which is then believed from a trusted peer only.
     */
    REALIP_PEER,
    /** The client as the server resolved it itself (Caddy's {@code client_ip}). */
    CLIENT_HINT,
    /** An X-Forwarded-For chain (Apache's {@code %a} beside {@code %{c}a} too: mod_remoteip's client). */
    FORWARDED_FOR,
    /** CF-Connecting-IP: the one address Cloudflare's edge saw. */
    CONNECTING_IP,
    /** X-Real-IP: one address, most often the peer of the proxy in front. */
    REAL_IP,
    TIME_EPOCH,
    TIME_ISO,
    TIME_CLF,
    /** A time in a form a format string defines (Apache's {@code %{...}t}); never a JSON key. */
    TIME_CUSTOM,
    REQUEST_LINE,
    METHOD,
    /** The request target as sent, its query string included (nginx's {@code $request_uri}). */
    URI,
    /** A path without the query string (nginx's {@code $uri}): the target with {@link #ARGS}, when no {@link #URI}. */
    PATH,
    /** The query string without its '?' (nginx's {@code $args}, {@code $query_string}). */
    ARGS,
    /**
     * The query string with its '?', or empty when the request had none (Apache's {@code %q}, nginx's
     * {@code $is_args$args}); never a JSON key. Right after a {@link #PATH}, the two are one {@link #URI}.
     */
    QUERY,
    PROTOCOL,
    STATUS,
    SIZE,
    REFERER,
    USER_AGENT,
    VHOST,
    /** The Host header as sent (nginx's {@code $http_host}, with a port when the client wrote one). */
    HTTP_HOST,
    /** The server block's name (nginx's {@code $server_name}, its first {@code server_name}). */
    SERVER_NAME,
    LOGGER;

    /**
     * The fields that may name the site, the one a line holds first in this order read (whatever
     * order the line writes them in; an empty or "-" value is none): the host the server resolved
     * ({@code $host}), then the header the client sent ({@code $http_host}), then the server block's
     * name ({@code $server_name}), which a catch-all block logs for every host it answers.
     */
    static final JsonField[] VHOSTS = {VHOST, HTTP_HOST, SERVER_NAME};

    /**
     * The values that may name the client behind a trusted peer, the one a line holds first in this
     * order read (whatever order the line writes them in; an empty or "-" value is none):
     *
     * <ol>
     *   <li>the X-Forwarded-For chain: every proxy appends the address it saw, so read right to left
     *       past the trusted ones ({@link ClientResolver}) each address is vouched for by the hop to
     *       its right, and the proxies in between are named too;
     *   <li>CF-Connecting-IP: one address, whose writer the line does not tell. Behind trusted
     *       Cloudflare ranges the chain's right-most untrusted address is the one Cloudflare appended,
     *       the same; when the chain and the header differ, a client that skipped Cloudflare wrote the
     *       header, or Cloudflare is not in {@code trusted_proxies} and so not believed;
     *   <li>X-Real-IP: one address, most often the peer of the nearest proxy (a Cloudflare edge);
     *   <li>the server's own resolution (Caddy's {@code client_ip}): the peer itself when Caddy trusts
     *       no proxy, and without {@code trusted_proxies_strict} the chain's left-most address, which
     *       the client writes itself.
     * </ol>
     */
    static final JsonField[] FORWARDED = {FORWARDED_FOR, CONNECTING_IP, REAL_IP, CLIENT_HINT};

    private static final Map<String, JsonField> BY_PATH = new HashMap<>();

    /** The root of the known paths' tree ({@link Node}); filled with {@link #BY_PATH}, below. */
    static final Node ROOT = new Node();

    static {
        // request.remote_addr: Caddy 2.0-2.4 ("ip:port", before remote_ip and remote_port)
        put(
                PEER,
                "request.remote_ip",
                "request.remote_addr",
                "remote_addr",
                "ClientHost",
                "ClientAddr",
                "remote_ip",
                "client_addr");
        put(REALIP_PEER, "realip_remote_addr");
        put(CLIENT_HINT, "request.client_ip", "client_ip");
        put(
                FORWARDED_FOR,
                "http_x_forwarded_for",
                "request_X-Forwarded-For",
                "request.headers.X-Forwarded-For",
                "x_forwarded_for");
        put(CONNECTING_IP, "http_cf_connecting_ip", "request_Cf-Connecting-Ip", "request.headers.Cf-Connecting-Ip");
        put(REAL_IP, "http_x_real_ip", "request_X-Real-Ip", "request.headers.X-Real-Ip");
        put(TIME_EPOCH, "ts", "msec", "timestamp_epoch");
        put(TIME_ISO, "time_iso8601", "StartUTC", "time", "@timestamp", "timestamp", "StartLocal");
        put(TIME_CLF, "time_local");
        put(REQUEST_LINE, "request");
        put(METHOD, "request.method", "request_method", "RequestMethod", "method");
        put(URI, "request.uri", "request_uri", "RequestPath");
        put(PATH, "uri", "path");
        put(ARGS, "args", "query_string");
        put(PROTOCOL, "request.proto", "server_protocol", "RequestProtocol", "protocol", "request_proto");
        put(STATUS, "status", "DownstreamStatus", "status_code");
        put(SIZE, "size", "body_bytes_sent", "bytes_sent", "DownstreamContentSize", "body_bytes");
        // "http_referrer": as many nginx JSON formats copied from guides spell it
        put(REFERER, "http_referer", "http_referrer", "request_Referer", "request.headers.Referer", "referer");
        put(USER_AGENT, "http_user_agent", "request_User-Agent", "request.headers.User-Agent", "user_agent");
        put(VHOST, "request.host", "host", "RequestHost", "vhost");
        put(HTTP_HOST, "http_host");
        put(SERVER_NAME, "server_name");
        put(LOGGER, "logger");
    }

    /**
     * The known paths as a tree of their dot-free names ({@code request} → {@code headers} → {@code
     * X-Forwarded-For}): a reader walks it along a line's nesting and skips what no path leads into, with
     * no path string made per value. A name may end a path and lead on ({@code request}: nginx's request
     * line, Caddy's request object).
     */
    static final class Node {
        private final Map<String, Node> children = new HashMap<>();
        private JsonField field;

        /** The node one name down, or null when no known path goes on so. */
        Node child(String name) {
            return children.get(name);
        }

        /** The field the path to here names, or null. */
        JsonField field() {
            return field;
        }

        /** Whether any known path goes on below. */
        boolean leads() {
            return !children.isEmpty();
        }
    }

    private static void put(JsonField f, String... paths) {
        for (String p : paths) {
            BY_PATH.put(p, f);
            Node n = ROOT;
            for (String name : p.split("\\.")) {
                n = n.children.computeIfAbsent(name, k -> new Node());
            }
            n.field = f;
        }
    }

    /** The field a dotted key path names, or null. */
    static JsonField of(String path) {
        return BY_PATH.get(path);
    }
}
