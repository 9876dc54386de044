package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.RequestView;
import dev.nethergaze.model.ServiceCount;
import dev.nethergaze.model.TcpState;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** One term of a filter; a filter is their conjunction. */
sealed interface FilterTerm {

    boolean test(IpView v);

    record Not(FilterTerm inner) implements FilterTerm {
        @Override
        public boolean test(IpView v) {
            return !inner.test(v);
        }
    }

    record States(Set<TcpState> states) implements FilterTerm {
        @Override
        public boolean test(IpView v) {
            return states.stream().anyMatch(s -> v.connections().inState(s) > 0);
        }
    }

    /** A status range {@code lo..hi}; whole classes are judged on the counts, parts on recent requests. */
    record StatusRange(int lo, int hi) implements FilterTerm {
        @Override
        public boolean test(IpView v) {
            for (int c = 1; c <= 5; c++) {
                if (lo <= c * 100 && hi >= c * 100 + 99 && v.status().getOrDefault(c + "xx", 0L) > 0) {
                    return true;
                }
            }
            for (RequestView r : v.lastRequests()) {
                if (r.status() >= lo && r.status() <= hi) {
                    return true;
                }
            }
            return false;
        }
    }

    record AnyOf(List<FilterTerm> terms) implements FilterTerm {
        @Override
        public boolean test(IpView v) {
            return terms.stream().anyMatch(t -> t.test(v));
        }
    }

    record Compare(String field, ToDoubleFunction<IpView> value, String op, double bound) implements FilterTerm {
        @Override
        public boolean test(IpView v) {
            double x = value.applyAsDouble(v);
            if (Double.isNaN(x)) {
                return false; // the IP has no such figure (no capture, a rate unknown): no comparison holds
            }
            return switch (op) {
                case ">=" -> x >= bound;
                case ">" -> x > bound;
                case "<=" -> x <= bound;
                case "<" -> x < bound;
                case "!=" -> x != bound;
                default -> x == bound;
            };
        }
    }

    record InCidr(Cidr cidr) implements FilterTerm {
        @Override
        public boolean test(IpView v) {
            return cidr.contains(v.ip());
        }
    }

    record Country(String code) implements FilterTerm {
        @Override
        public boolean test(IpView v) {
            return (v.geo() != null && code.equalsIgnoreCase(v.geo().country()))
                    || (v.whois() != null && code.equalsIgnoreCase(v.whois().country()));
        }
    }

    record Asn(long asn) implements FilterTerm {
        @Override
        public boolean test(IpView v) {
            return v.geo() != null && v.geo().asn() != null && v.geo().asn() == asn;
        }
    }

    record Service(String name, int port) implements FilterTerm {
        @Override
        public boolean test(IpView v) {
            for (ServiceCount s : v.services()) {
                if (s.port() == port || s.name().equalsIgnoreCase(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A finding whose rule id starts with the given text ({@code rule:ssh} matches every ssh_* rule). */
    record Rule(String prefix) implements FilterTerm {
        @Override
        public boolean test(IpView v) {
            for (Finding f : v.findings()) {
                if (f.rule().startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * What the firewall already blocks of the IP: {@code any} rule, {@code all} of its packets (a rule
     * with no other condition), or a rule put there by {@code by} (a prefix: "fail2ban", "nethergaze").
     */
    record Blocked(String by) implements FilterTerm {
        @Override
        public boolean test(IpView v) {
            for (dev.nethergaze.model.Block b : v.blocked()) {
                if (by.equals("any") || (by.equals("all") && b.whole()) || b.by().startsWith(by)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A finding that fired earlier and stopped, whose rule id starts with the given text. */
    record Ended(String prefix) implements FilterTerm {
        @Override
        public boolean test(IpView v) {
            for (PastFinding p : v.earlierFindings()) {
                if (p.finding().rule().startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Case-insensitive text anywhere a person would look: address, requests (with their vhosts and log
     * files), agents, users, origin, findings.
     */
    record Text(String needle) implements FilterTerm {
        @Override
        public boolean test(IpView v) {
            if (has(v.ip().toString())) {
                return true;
            }
            for (RequestView r : v.lastRequests()) {
                if (has(r.target()) || has(r.userAgent()) || has(r.method()) || has(r.vhost()) || has(r.source())) {
                    return true;
                }
            }
            for (String u : v.auth().users()) {
                if (has(u)) {
                    return true;
                }
            }
            for (Finding f : v.findings()) {
                if (has(f.rule()) || has(f.reason())) {
                    return true;
                }
            }
            var g = v.geo();
            if (g != null && (has(g.country()) || has(g.countryName()) || has(g.city()) || has(g.asOrg()))) {
                return true;
            }
            var w = v.whois();
            return w != null && (has(w.org()) || has(w.network()));
        }

        private boolean has(String s) {
            return s != null && s.toLowerCase(Locale.ROOT).contains(needle);
        }
    }
}
