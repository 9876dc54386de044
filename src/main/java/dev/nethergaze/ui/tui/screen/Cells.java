package dev.nethergaze.ui.tui.screen;

import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.RequestView;
import dev.nethergaze.model.ServiceCount;
import dev.nethergaze.model.WhoisInfo;
import java.util.List;

/** The texts of IP cells, shared by the table, the offenders bar and the detail view. */
public final class Cells {

    private Cells() {}

    /**
     * An address in at most {@code w} cells: whole if it fits, else its start and its last group
     * around an ellipsis ({@code 2001:db8:bad:…:22}), so both network and host part stay readable.
     */
    public static String ip(IpKey ip, int w) {
        String s = ip.toString();
        if (s.length() <= w) {
            return s;
        }
        int last = s.lastIndexOf(':');
        String tail = last >= 0 ? s.substring(last) : s.substring(s.length() - 3);
        int head = w - 1 - tail.length();
        if (head < 4) {
            return s.substring(0, Math.max(0, w - 1)) + "…";
        }
        return s.substring(0, head) + "…" + tail;
    }

    /**
     * A row's address, shortened to {@code w} as {@link #ip} does; a group's as its prefix and member
     * count ({@code 2001:db8:1:2::/64 ×37}), the address shortened first.
     */
    public static String row(IpView v, int w) {
        if (v.group() == null) {
            return ip(v.ip(), w);
        }
        String suffix = "/" + v.group().bits() + " ×" + v.group().members().size();
        return ip(v.ip(), Math.max(1, w - suffix.length())) + suffix;
    }

    public static String country(IpView v) {
        GeoInfo g = v.geo();
        return g != null && g.country() != null ? g.country() : "··";
    }

    /** "AS64500 Example Net" from geo, else the whois org, else empty. */
    public static String org(IpView v) {
        GeoInfo g = v.geo();
        WhoisInfo w = v.whois();
        String org = g != null && g.asOrg() != null ? g.asOrg() : w != null ? w.org() : null;
        String asn = g != null ? g.asLabel() : null;
        if (asn != null && org != null) {
            return asn + " " + org;
        }
        return asn != null ? asn : org != null ? org : "";
    }

    public static String services(IpView v) {
        List<ServiceCount> s = v.services();
        if (s.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (ServiceCount c : s) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(c.name() != null ? c.name() : Integer.toString(c.port()));
            if (c.count() > 1) {
                b.append('×').append(c.count());
            }
        }
        return b.toString();
    }

    /** The most recent request ("GET /path"), or null. */
    public static RequestView lastRequest(IpView v) {
        List<RequestView> r = v.lastRequests();
        return r.isEmpty() ? null : r.get(r.size() - 1);
    }

    public static String request(RequestView r) {
        if (r == null) {
            return "";
        }
        String target = r.target() == null ? "" : r.target();
        if (r.method() == null || r.method().isEmpty()) { // scanner bytes, "-": as logged
            return target.isEmpty() && r.malformed() ? "(malformed)" : target;
        }
        return r.method() + " " + target; // a malformed one too (HTTP/0.9, a control byte in the target)
    }
}
