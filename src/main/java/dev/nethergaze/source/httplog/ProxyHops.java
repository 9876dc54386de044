package dev.nethergaze.source.httplog;

import dev.nethergaze.model.IpKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The trusted proxies one request passed, as {@link ClientResolver} finds them in its forwarded
 * chain: {@code "client, hop1, hop2"} from trusted peer P came through hop1, hop2 and P. One per
 * parser (one thread), reused line after line; the list it gives is the previous one when equal, so
 * requests through the same proxies allocate none.
 */
final class ProxyHops {

    /** Proxies kept per request: a longer chain of trusted hops is not a real deployment. */
    static final int MAX = 8;

    private final IpKey[] hops = new IpKey[MAX - 1]; // the peer is the first
    private int n;
    private List<IpKey> last = List.of();

    void clear() {
        n = 0;
    }

    void add(IpKey hop) {
        if (n < hops.length) {
            hops[n++] = hop;
        }
    }

    /**
     * The proxies in front of {@code client}, nearest the server first: {@code peer}, then the hops
     * the last {@link ClientResolver#resolve} found, without the client or repeats; empty when the
     * peer is the client.
     */
    List<IpKey> via(IpKey peer, IpKey client) {
        if (peer.equals(client)) {
            return List.of();
        }
        if (sameAsLast(peer) && !last.contains(client)) {
            return last;
        }
        List<IpKey> out = new ArrayList<>(n + 1);
        out.add(peer);
        for (int i = 0; i < n; i++) {
            if (!hops[i].equals(client) && !out.contains(hops[i])) {
                out.add(hops[i]);
            }
        }
        last = List.copyOf(out);
        return last;
    }

    /**
     * The proxies in front of {@code client} for a line that names no TCP peer, only its forwarded
     * chain: the trusted hops the last {@link ClientResolver#withoutPeer} found, nearest the server
     * first; empty when it found none.
     */
    List<IpKey> via(IpKey client) {
        if (n == 0) {
            return List.of();
        }
        IpKey nearest = hops[0];
        System.arraycopy(hops, 1, hops, 0, --n);
        return via(nearest, client);
    }

    /** Whether {@code peer} and the hops, as found, are the list given last. */
    private boolean sameAsLast(IpKey peer) {
        if (last.size() != n + 1 || !last.getFirst().equals(peer)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!last.get(i + 1).equals(hops[i])) {
                return false;
            }
        }
        return true;
    }
}
