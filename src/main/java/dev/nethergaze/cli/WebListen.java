package dev.nethergaze.cli;

import dev.nethergaze.engine.LiveRunner;
import dev.nethergaze.ui.web.WebServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * {@code --web ADDR}: where the web view listens, and its access token from {@code
 * NETHERGAZE_WEB_TOKEN} (an environment variable, so it is not in {@code ps}). Without a token only a
 * loopback address is served: for another host, set a token or use an SSH tunnel.
 */
final class WebListen {

    static final String DEFAULT = "127.0.0.1:9470";
    static final String TOKEN_ENV = "NETHERGAZE_WEB_TOKEN";

    private WebListen() {}

    /** {@code HOST:PORT}, {@code [V6]:PORT} or {@code PORT} (on 127.0.0.1); a one-line error otherwise. */
    static InetSocketAddress parse(String text) {
        String host = "127.0.0.1";
        String port = text.strip();
        if (port.startsWith("[")) {
            int close = port.indexOf("]:");
            if (close < 0) {
                throw new UserException("--web: expected [IPv6]:PORT, got '" + text + "'");
            }
            host = port.substring(1, close);
            port = port.substring(close + 2);
        } else if (port.contains(":")) {
            int colon = port.lastIndexOf(':');
            host = port.substring(0, colon);
            port = port.substring(colon + 1);
            if (host.contains(":")) {
                throw new UserException("--web: write an IPv6 address in brackets, [" + host + "]:" + port);
            }
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 0 && !text.contains(":") && !text.contains("]")) { // a host alone, taken for a port
            throw new UserException("--web: expected HOST:PORT, [IPv6]:PORT or PORT, got '" + text + "'");
        }
        if (p < 0 || p > 65535) {
            throw new UserException("--web: port must be 0..65535, got '" + port + "' in '" + text + "'");
        }
        try {
            // an address literal or a name, resolved once here (no lookup at every request)
            return new InetSocketAddress(InetAddress.getByName(host.isEmpty() ? "127.0.0.1" : host), p);
        } catch (UnknownHostException e) {
            throw new UserException("--web: unknown host '" + host + "'");
        }
    }

    /**
     * Where {@code listen} would serve, or the one-line refusal of a non-loopback address without a
     * token: asked before anything starts (a refused start had begun reading the logs, and its
     * interrupted readers' errors came before the refusal).
     */
    static InetSocketAddress check(String listen, Map<String, String> env) {
        InetSocketAddress bind = parse(listen);
        String token = env.get(TOKEN_ENV);
        if (!bind.getAddress().isLoopbackAddress() && (token == null || token.isBlank())) {
            throw new UserException("--web " + listen + ": refusing to serve beyond loopback without a token; set "
                    + TOKEN_ENV + " (then open /?token=…), or listen on 127.0.0.1 and use an SSH tunnel");
        }
        return bind;
    }

    /**
     * Starts the web view on {@code runner}'s snapshots and says where on {@code err}; refuses a
     * non-loopback address without a token.
     */
    static WebServer start(String listen, LiveRunner runner, Map<String, String> env, PrintStream err) {
        InetSocketAddress bind = check(listen, env);
        String token = env.get(TOKEN_ENV);
        boolean hasToken = token != null && !token.isBlank();
        WebServer w;
        try {
            w = WebServer.start(bind, runner::latest, hasToken ? token.strip() : null);
        } catch (IOException e) {
            throw new UserException("--web: cannot listen on " + listen + ": " + e.getMessage());
        }
        InetSocketAddress at = w.address();
        // the wildcard as asked (Java serves 0.0.0.0 on IPv6 too, as [::]: say so rather than [0:0:0:0:0:0:0:0])
        String host = at.getAddress().isAnyLocalAddress()
                ? bind.getAddress().getHostAddress().contains(":") ? "::" : "0.0.0.0"
                : urlHost(at.getAddress());
        String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + at.getPort() + "/";
        if (at.getAddress().isAnyLocalAddress()) {
            err.println("nethergaze: web view on every address of this host, IPv4 and IPv6 (a wildcard listens on"
                    + " both); give one address to limit it");
        }
        err.println("nethergaze: web view on " + url + (hasToken ? "?token=… (" + TOKEN_ENV + ")" : "") + "  metrics: "
                + url + "metrics");
        return w;
    }

    /** An address as a person writes it: {@code ::1}, not Java's {@code 0:0:0:0:0:0:0:1} (RFC 5952). */
    static String urlHost(java.net.InetAddress a) {
        String text = a.getHostAddress();
        int scope = text.indexOf('%');
        dev.nethergaze.model.IpKey ip =
                dev.nethergaze.model.IpKey.tryParse(scope < 0 ? text : text.substring(0, scope));
        return ip == null ? text : ip.toString() + (scope < 0 ? "" : text.substring(scope));
    }
}
