package dev.nethergaze.ui.tui.filter;

import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.RequestView;
import dev.nethergaze.model.ServiceCount;
import dev.nethergaze.model.TcpState;
import dev.nethergaze.model.WhoisInfo;
import java.util.Locale;
import java.util.function.Predicate;

/** The predicates behind each term of the interim filter subset. */
final class Terms {

    private Terms() {}

    static Predicate<IpView> state(TcpState s) {
        return v -> v.connections().inState(s) > 0;
    }

    static Predicate<IpView> statusClass(String cls) {
        return v -> v.status().getOrDefault(cls, 0L) > 0;
    }

    static Predicate<IpView> statusCode(int code) {
        return v -> {
            for (RequestView r : v.lastRequests()) {
                if (r.status() == code) {
                    return true;
                }
            }
            return false;
        };
    }

    static Predicate<IpView> cidr(IpKey base, int bits) {
        IpKey net = base.prefix(bits);
        return v -> v.ip().isV4() == base.isV4() && v.ip().prefix(bits).equals(net);
    }

    static Predicate<IpView> service(String svc) {
        return v -> {
            for (ServiceCount s : v.services()) {
                if (String.valueOf(s.port()).equals(svc) || svc.equalsIgnoreCase(s.name())) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Case-insensitive substring of the IP, country, AS org, whois org, services or recent paths. */
    static Predicate<IpView> text(String needle) {
        String n = needle.toLowerCase(Locale.ROOT);
        return v -> {
            if (contains(v.ip().toString(), n)) {
                return true;
            }
            GeoInfo g = v.geo();
            if (g != null && (contains(g.country(), n) || contains(g.asOrg(), n) || contains(g.countryName(), n))) {
                return true;
            }
            WhoisInfo w = v.whois();
            if (w != null && contains(w.org(), n)) {
                return true;
            }
            for (ServiceCount s : v.services()) {
                if (contains(s.name(), n)) {
                    return true;
                }
            }
            for (RequestView r : v.lastRequests()) {
                if (contains(r.target(), n)) {
                    return true;
                }
            }
            return false;
        };
    }

    static boolean contains(String hay, String lowerNeedle) {
        return hay != null && hay.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }
}
