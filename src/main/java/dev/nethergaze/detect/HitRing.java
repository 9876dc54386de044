package dev.nethergaze.detect;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import java.time.Instant;
import java.util.List;

/**
 * The last N requests of one kind for one IP, oldest first when listed, kept as flat arrays of the
 * fields evidence shows: no request object outlives its event, so a busy replay does not promote
 * millions of them to die in the old generation. Items are formatted when a list is read, and while
 * none is added the same list is handed out again (as {@link EvidenceRing} does for other kinds).
 */
final class HitRing extends TextRing {

    // per slot: time, method, target, protocol, referer, user agent, label (or null), vhost; the parsers
    // share one Instant per second and one string per repeated field, so a slot holds no object of
    // its own. The client is the track's IP, given when listing; a prefix's track keeps each one's.
    private static final int REFS = 8;

    private Object[] refs; // all allocated on the first item
    private int[] status;
    private boolean[] malformed;
    /** Per slot, the request's client; null but on an IPv6 prefix's track (its addresses differ). */
    private IpKey[] clients;

    private final boolean keepClients;

    HitRing(int cap) {
        this(cap, false);
    }

    /** @param keepClients keep each request's client (a prefix's track, whose requests come from many) */
    HitRing(int cap, boolean keepClients) {
        super(cap);
        this.keepClients = keepClients;
    }

    void add(HttpHit h) {
        add(h, null);
    }

    /** Keeps a request, with a label shown after it ({@code [path traversal in path]}) or null. */
    void add(HttpHit h, String label) {
        if (refs == null) {
            refs = new Object[cap * REFS];
            status = new int[cap];
            malformed = new boolean[cap];
            clients = keepClients ? new IpKey[cap] : null;
        }
        int at = claim();
        int r = at * REFS;
        refs[r] = h.time();
        refs[r + 1] = Evidence.kept(h.method());
        refs[r + 2] = Evidence.kept(h.target());
        refs[r + 3] = Evidence.kept(h.protocol());
        refs[r + 4] = Evidence.kept(h.referer());
        refs[r + 5] = Evidence.kept(h.userAgent());
        refs[r + 6] = label;
        refs[r + 7] = Evidence.kept(h.vhost());
        status[at] = h.status();
        malformed[at] = h.malformedRequest();
        if (clients != null) {
            clients[at] = h.client();
        }
    }

    /**
     * The kept requests of {@code client} (the track's IP) as evidence lines, oldest first; on a
     * prefix's track, each with the address that sent it.
     */
    List<String> toList(String client) {
        List<String> known = unchanged(); // before the lambda: a flagged IP is listed every tick
        if (known != null) {
            return known;
        }
        Object[] refs = this.refs;
        int[] status = this.status;
        boolean[] malformed = this.malformed;
        IpKey[] clients = this.clients;
        return listed(at -> format(refs, status, malformed, at, clients == null ? client : clients[at].toString()));
    }

    @Override
    void copyItems() {
        refs = refs.clone();
        status = status.clone();
        malformed = malformed.clone();
        clients = clients == null ? null : clients.clone();
    }

    private static String format(Object[] refs, int[] status, boolean[] malformed, int at, String client) {
        int r = at * REFS;
        String line = Evidence.request(
                (Instant) refs[r],
                client,
                (String) refs[r + 1],
                (String) refs[r + 2],
                (String) refs[r + 3],
                malformed[at],
                status[at],
                (String) refs[r + 4],
                (String) refs[r + 5],
                (String) refs[r + 7]);
        return refs[r + 6] == null ? line : line + "  [" + refs[r + 6] + "]";
    }
}
