package dev.nethergaze.source.httplog;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.source.AddressLike;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which address a request is attributed to. The TCP peer is the client unless the peer is a
 * trusted proxy; then the forwarded value ({@code X-Forwarded-For}, {@code X-Real-IP}, {@code
 * CF-Connecting-IP}, Caddy's {@code client_ip}; of several logged, the first in {@link
 * JsonField#FORWARDED}'s order) is read right to left and the right-most address that
 * is not itself a trusted proxy is the client; the trusted addresses to its right are the proxies
 * it passed before the peer ({@link ProxyHops}). A forwarded value from an untrusted peer is ignored:
 * anyone can send the header. Byte-level, allocation-free except for the resulting key.
 */
public final class ClientResolver {

    public static final ClientResolver DIRECT = new ClientResolver(TrustedProxies.NONE);

    private final TrustedProxies trusted;

    public ClientResolver(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    /**
     * A resolver of the same trusted proxies that has noted nothing yet: one per replayed file, so what
     * {@link #loopbackProxies} says is that file's.
     */
    public ClientResolver anew() {
        return new ClientResolver(trusted);
    }

    /** Whether any forwarded value could matter (lets parsers skip looking for one). */
    public boolean active() {
        return !trusted.isEmpty();
    }

    /** Whether a forwarded value beside {@code peer} is worth reading: trusted proxies, or a loopback peer. */
    boolean looksAt(IpKey peer) {
        return !trusted.isEmpty() || peer.isLoopback();
    }

    private static final int LOOPBACK_V4 = 1;
    private static final int LOOPBACK_V6 = 2;

    /** Which loopback peers (bits above) sent a forwarded client address that was not believed. */
    private final java.util.concurrent.atomic.AtomicInteger loopbackForwarded =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * The loopback peers ("127.0.0.1", "::1") whose lines named a client in a forwarded value that was
     * not believed, the peer not being a trusted proxy: a reverse proxy on this host, whose clients
     * {@code --trusted-proxy} with these addresses would read. Empty when there was none.
     */
    public List<String> loopbackProxies() {
        int seen = loopbackForwarded.get();
        List<String> out = new ArrayList<>(2);
        if ((seen & LOOPBACK_V4) != 0) {
            out.add("127.0.0.1");
        }
        if ((seen & LOOPBACK_V6) != 0) {
            out.add("::1");
        }
        return out;
    }

    /** Notes a loopback {@code peer} whose forwarded value {@code b[off, off+len)} names another address. */
    private void untrusted(IpKey peer, byte[] b, int off, int len) {
        int bit = peer.isV4() ? LOOPBACK_V4 : LOOPBACK_V6;
        if (!peer.isLoopback() || (loopbackForwarded.get() & bit) != 0) {
            return; // the usual case: nothing to note, or noted already
        }
        int end = off + len;
        int comma = end - 1;
        while (comma >= off && b[comma] != ',') {
            comma--;
        }
        IpKey client = hostPort(b, comma + 1, end); // the address the proxy appended
        if (client != null && !client.isLoopback()) {
            loopbackForwarded.getAndUpdate(v -> v | bit);
        }
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b[from, to)} holds no value: empty, blank, or the "-" logs write for none. */
    static boolean absent(byte[] b, int from, int to) {
        while (from < to && b[from] == ' ') {
            from++;
        }
        while (to > from && b[to - 1] == ' ') {
            to--;
        }
        return from == to || (to - from == 1 && b[from] == '-');
    }

    /** The client for {@code peer} given the forwarded value {@code b[off, off+len)} (len 0: none). */
    public IpKey resolve(IpKey peer, byte[] b, int off, int len) {
        return resolve(peer, b, off, len, null);
    }

    /**
     * The client, as {@link #resolve(IpKey, byte[], int, int)}; the trusted hops of the chain to its
     * right go to {@code hops} (when not null), nearest the peer first.
     */
    IpKey resolve(IpKey peer, byte[] b, int off, int len, ProxyHops hops) {
        if (hops != null) {
            hops.clear();
        }
        if (len <= 0) {
            return peer;
        }
        if (trusted.isEmpty() || !trusted.contains(peer)) {
            untrusted(peer, b, off, len);
            return peer;
        }
        IpKey client = chainClient(b, off, len, hops);
        return client == null ? peer : client;
    }

    /**
     * The client of a line that names no TCP peer, only the forwarded value {@code b[off, off+len)}
     * (Apache's {@code %{X-Forwarded-For}i} as its only client field, behind a load balancer): read as
     * from a trusted peer, the right-most address that is not a trusted proxy (the right-most address
     * when none is configured: the one the load balancer appended); the trusted ones to its right go to
     * {@code hops}. Null when the value holds no address ("-", "unknown").
     */
    IpKey withoutPeer(byte[] b, int off, int len, ProxyHops hops) {
        hops.clear();
        return chainClient(b, off, len, hops);
    }

    /** The chain read right to left past the trusted addresses (see {@link #resolve}); null: no address. */
    private IpKey chainClient(byte[] b, int off, int len, ProxyHops hops) {
        IpKey best = null;
        int end = off + len;
        while (end > off) {
            int comma = end - 1;
            while (comma >= off && b[comma] != ',') {
                comma--;
            }
            if (blank(b, comma + 1, end)) {
                end = comma; // an empty element ("a,,b"): skipped, as nginx's realip does
                continue;
            }
            IpKey ip = hostPort(b, comma + 1, end);
            if (ip == null) {
                break; // garbage in the chain: trust nothing to its left
            }
            if (best != null && hops != null) {
                hops.add(best); // a trusted address with one further left: a proxy, not the client
            }
            best = ip;
            if (!trusted.contains(ip)) {
                return ip;
            }
            end = comma;
        }
        return best;
    }

    public IpKey resolve(IpKey peer, String forwarded) {
        if (forwarded == null || forwarded.isEmpty()) {
            return peer;
        }
        byte[] b = forwarded.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return resolve(peer, b, 0, b.length);
    }

    /** An address with optional port ({@code 1.2.3.4:80}, {@code [::1]:80}), spaces trimmed; null if none. */
    static IpKey hostPort(byte[] b, int s, int e) {
        while (s < e && (b[s] == ' ' || b[s] == '"')) {
            s++;
        }
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '"')) {
            e--;
        }
        if (e - s < 2) {
            return null;
        }
        IpKey ip = IpKey.tryParse(b, s, e - s);
        if (ip != null) {
            return ip;
        }
        if (b[s] == '[') {
            int close = s + 1;
            while (close < e && b[close] != ']') {
                close++;
            }
            return close + 1 < e && b[close + 1] == ':' && isPort(b, close + 2, e)
                    ? IpKey.tryParse(b, s + 1, close - s - 1)
                    : null;
        }
        int colon = -1;
        for (int i = s; i < e; i++) {
            if (b[i] == ':') {
                if (colon >= 0) {
                    return null; // a second colon: IPv6 without brackets, already tried whole
                }
                colon = i;
            }
        }
        return colon > s && isPort(b, colon + 1, e) ? IpKey.tryParse(b, s, colon - s) : null;
    }

    /**
     * Why the client field {@code b[s, e)}, which {@link #hostPort} found no address in, is unparsed:
     * {@link ParseResult.Reason#NO_CLIENT} when it holds nothing ("-", empty), {@link
     * ParseResult.Reason#BAD_CLIENT} when it is written as an address that is none ({@link
     * #addressLike}); null when it is a host name.
     */
    static ParseResult.Reason unreadable(byte[] b, int s, int e) {
        if (absent(b, s, e)) {
            return ParseResult.Reason.NO_CLIENT;
        }
        return addressLike(b, s, e) ? ParseResult.Reason.BAD_CLIENT : null;
    }

    /**
     * Whether {@code b[s, e)}, which {@link #hostPort} found no address in, is written as one all the
     * same, and so a client field we cannot read rather than a host name ({@link AddressLike#written},
     * which the auth log's sshd hosts are judged by too).
     */
    static boolean addressLike(byte[] b, int s, int e) {
        return AddressLike.written(b, s, e);
    }

    /** One to five digits. */
    private static boolean isPort(byte[] b, int s, int e) {
        if (e <= s || e - s > 5) {
            return false;
        }
        for (int i = s; i < e; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }
}
