package dev.nethergaze.ui.tui.filter;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.TcpState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The interim subset of the filter language (issue 6 owns the full one): whitespace-separated terms,
 * all of which must match; {@code -term} negates. Terms: {@code state:SYN_RECV} (any unique prefix
 * of a TCP state, or syn/est/tw/cw), {@code status:4xx} or {@code status:404}, {@code cidr:198.51.100.0/24},
 * {@code svc:443} or {@code svc:ssh}, and free text (IP, country, org, service, recent paths).
 */
public final class SimpleFilterParser implements FilterParser {

    /** Short names a sysadmin types: {@code syn} is the server side's half-open state. */
    private static final java.util.Map<String, TcpState> ALIASES = java.util.Map.of(
            "SYN", TcpState.SYN_RECV,
            "EST", TcpState.ESTABLISHED,
            "TW", TcpState.TIME_WAIT,
            "CW", TcpState.CLOSE_WAIT);

    private record Term(String text, Predicate<IpView> test, boolean negated, boolean free) {}

    @Override
    public IpFilter parse(String input) throws FilterSyntaxException {
        String trimmed = input == null ? "" : input.trim();
        if (trimmed.isEmpty()) {
            return IpFilter.ALL;
        }
        List<Term> terms = new ArrayList<>();
        for (String raw : trimmed.split("\\s+")) {
            boolean neg = raw.startsWith("-") && raw.length() > 1;
            String t = neg ? raw.substring(1) : raw;
            int colon = t.indexOf(':');
            boolean free = colon <= 0 || !isField(t.substring(0, colon));
            if (colon > 0 && !free) {
                terms.add(new Term(raw, field(t.substring(0, colon), t.substring(colon + 1)), neg, false));
            } else if (colon > 0 && t.substring(0, colon).chars().allMatch(Character::isLetter)) {
                throw new FilterSyntaxException(
                        "unknown field '" + t.substring(0, colon) + "' (state, status, cidr, svc or free text)");
            } else {
                terms.add(new Term(raw, Terms.text(t), neg, true));
            }
        }
        return new Compiled(List.copyOf(terms), trimmed);
    }

    private static boolean isField(String f) {
        return switch (f.toLowerCase(Locale.ROOT)) {
            case "state", "status", "cidr", "svc" -> true;
            default -> false;
        };
    }

    private static Predicate<IpView> field(String name, String value) throws FilterSyntaxException {
        if (value.isEmpty()) {
            throw new FilterSyntaxException(name + ": needs a value");
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "state" -> Terms.state(state(value));
            case "status" -> status(value);
            case "cidr" -> cidr(value);
            default -> Terms.service(value);
        };
    }

    private static TcpState state(String v) throws FilterSyntaxException {
        String u = v.toUpperCase(Locale.ROOT).replace('-', '_');
        TcpState alias = ALIASES.get(u);
        if (alias != null) {
            return alias;
        }
        TcpState found = null;
        for (TcpState s : TcpState.values()) {
            if (s.name().equals(u)) {
                return s;
            }
            if (s.name().startsWith(u)) {
                if (found != null) {
                    throw new FilterSyntaxException("state:" + v + " is ambiguous (" + found + ", " + s + ")");
                }
                found = s;
            }
        }
        if (found == null) {
            throw new FilterSyntaxException("state:" + v + " is not a TCP state (e.g. SYN_RECV, ESTABLISHED)");
        }
        return found;
    }

    private static Predicate<IpView> status(String v) throws FilterSyntaxException {
        String l = v.toLowerCase(Locale.ROOT);
        if (l.matches("[1-5]xx")) {
            return Terms.statusClass(l);
        }
        if (l.matches("[1-5][0-9][0-9]")) {
            return Terms.statusCode(Integer.parseInt(l));
        }
        throw new FilterSyntaxException("status:" + v + " must be a class like 4xx or a code like 404");
    }

    private static Predicate<IpView> cidr(String v) throws FilterSyntaxException {
        int slash = v.indexOf('/');
        IpKey base = IpKey.tryParse(slash < 0 ? v : v.substring(0, slash));
        if (base == null) {
            throw new FilterSyntaxException("cidr:" + v + " is not an address or prefix");
        }
        int max = base.isV4() ? 32 : 128;
        int bits = max;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(v.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
        }
        if (bits < 0 || bits > max) {
            throw new FilterSyntaxException("cidr:" + v + " prefix length must be 0.." + max);
        }
        return Terms.cidr(base, bits);
    }

    private record Compiled(List<Term> terms, String text) implements IpFilter {
        @Override
        public boolean test(IpView v) {
            for (Term t : terms) {
                if (t.test().test(v) == t.negated()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean testLine(IpView v, String line) {
            for (Term t : terms) {
                boolean m = (v != null && t.test().test(v))
                        || (t.free()
                                && line != null
                                && Terms.contains(
                                        line, t.text().replaceFirst("^-", "").toLowerCase(Locale.ROOT)));
                if (m == t.negated()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String describe() {
            return text;
        }
    }
}
