package dev.nethergaze.detect;

import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.TcpState;
import dev.nethergaze.model.WireSummary;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one filter language for the TUI, the CLI ({@code --filter}) and the web API. Terms are
 * separated by spaces and ANDed; {@code !} negates a term; values after {@code :} are
 * comma-separated alternatives:
 *
 * <pre>
 * state:SYN_RECV,ESTABLISHED status:4xx,500-599 rate&gt;=60 conns&gt;=5 cidr:203.0.113.0/24
 * !cidr:10.0.0.0/8 country:BR asn:12345 svc:ssh rule:exploit ended:ssh "free text"
 * </pre>
 *
 * {@code rule:} matches findings that fire now, {@code ended:} findings that fired earlier and
 * stopped (an attack that is over).
 *
 * Numeric fields: {@code rate} (requests/min), {@code conns}, {@code requests}, {@code new}
 * (new connections/s), {@code fails} (SSH failures), {@code findings}, and the numbers of the
 * snapshot's {@code ips[]} by their JSON path ({@code wire.pps}, {@code auth.failures}, ...: {@link
 * #PATHS}); an IP without the figure (no capture, a rate unknown) passes no comparison. A bare word
 * (a host name with its dots too) is free text.
 * A bad term throws {@link FilterException} pointing at it; parsing never throws anything else.
 */
public final class Filter implements Predicate<IpView> {

    public static final Filter ALL = new Filter("", List.of());

    private static final Pattern COMPARE =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)(>=|<=|!=|>|<|=)(.*)");
    private static final Pattern STATUS = Pattern.compile("([1-5])xx|([1-5][0-9][0-9])(?:-([1-5][0-9][0-9]))?");
    private static final Map<String, ToDoubleFunction<IpView>> NUMBERS = Map.of(
            "rate", v -> v.requestsPerMin(),
            "conns", v -> v.connections().total(),
            "requests", v -> v.requests(),
            "new", IpView::newConnsPerSec,
            "fails", v -> v.auth().failures(),
            "findings", v -> v.findings().size());

    /**
     * The numbers of an {@code ips[]} entry of the snapshot JSON by their path, as the README documents
     * them; NaN (no comparison passes) where the IP has none.
     */
    static final Map<String, ToDoubleFunction<IpView>> PATHS = paths();

    private static Map<String, ToDoubleFunction<IpView>> paths() {
        Map<String, ToDoubleFunction<IpView>> m = new java.util.LinkedHashMap<>();
        m.put("requests", v -> v.requests());
        m.put("bytes", v -> v.bytes());
        m.put("requests_per_min", v -> v.requestsPerMin());
        m.put("connections.total", v -> v.connections().total());
        m.put("connections.inbound", v -> v.connections().inbound());
        m.put("connections.outbound", v -> v.connections().outbound());
        m.put("connections.new_per_s", IpView::newConnsPerSec);
        m.put("auth.failures", v -> v.auth().failures());
        m.put("auth.invalid_users", v -> v.auth().invalidUsers());
        m.put("auth.accepted", v -> v.auth().accepted());
        m.put("auth.preauth_disconnects", v -> v.auth().preauthDisconnects());
        m.put("auth.handshake_failures", v -> v.auth().handshakeFailures());
        // no RTT when none of its sockets measured one (the JSON's null), not 0 ms
        tcp(m, "rtt_ms_p50", t -> t.sampled() > 0 ? t.rttMsP50() : Double.NaN);
        tcp(m, "rtt_ms_max", t -> t.sampled() > 0 ? t.rttMsMax() : Double.NaN);
        tcp(m, "retrans", t -> t.retrans());
        tcp(m, "lost", t -> t.lost());
        wire(m, "packets", w -> w.packets());
        wire(m, "bytes", w -> w.bytes());
        wire(m, "rx_packets", w -> w.rxPackets());
        wire(m, "pps", WireSummary::pps);
        wire(m, "pps_10s", WireSummary::pps10s);
        wire(m, "pps_60s", WireSummary::pps60s);
        wire(m, "peak_pps", WireSummary::peakPps);
        wire(m, "low_pps", WireSummary::lowPps);
        wire(m, "syn", w -> w.syn());
        wire(m, "synack", w -> w.synAck());
        wire(m, "rst", w -> w.rst());
        wire(m, "handshakes", w -> w.handshakes());
        wire(m, "syn_unanswered", w -> w.unansweredSyn());
        wire(m, "syn_refused", w -> w.refusedSyn());
        wire(m, "half_open", w -> w.halfOpen());
        wire(m, "synack_reset", w -> w.synAckReset());
        wire(m, "handshake_rtt_ms_p50", WireSummary::handshakeRttMsP50);
        wire(m, "retrans", w -> w.retrans());
        wire(m, "sack_blocks", w -> w.sackBlocks());
        wire(m, "zero_window", w -> w.zeroWindow());
        wire(m, "ports_touched", w -> w.portsTouched());
        return java.util.Collections.unmodifiableMap(m);
    }

    private static void wire(Map<String, ToDoubleFunction<IpView>> m, String name, ToDoubleFunction<WireSummary> f) {
        m.put("wire." + name, v -> v.wire() == null ? Double.NaN : f.applyAsDouble(v.wire()));
    }

    private static void tcp(
            Map<String, ToDoubleFunction<IpView>> m, String name, ToDoubleFunction<dev.nethergaze.model.TcpQuality> f) {
        m.put("tcp." + name, v -> v.tcp() == null ? Double.NaN : f.applyAsDouble(v.tcp()));
    }

    private static final List<String> FIELDS = List.of(
            "state",
            "status",
            "cidr",
            "country",
            "asn",
            "svc",
            "rule",
            "ended",
            "blocked",
            "rate",
            "conns",
            "requests",
            "new",
            "fails",
            "findings");

    private final String text;
    private final List<FilterTerm> terms;

    private Filter(String text, List<FilterTerm> terms) {
        this.text = text;
        this.terms = List.copyOf(terms);
    }

    public static Filter parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        List<FilterTerm> terms = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean negate = text.charAt(i) == '!';
            int body = negate ? i + 1 : i;
            if (body < n && text.charAt(body) == '"') {
                int close = text.indexOf('"', body + 1);
                if (close < 0) {
                    throw new FilterException(text, start, text.substring(start), "unclosed quote");
                }
                String needle = text.substring(body + 1, close).toLowerCase(Locale.ROOT);
                if (needle.isEmpty()) {
                    throw new FilterException(text, start, text.substring(start, close + 1), "empty text");
                }
                terms.add(wrap(new FilterTerm.Text(needle), negate));
                i = close + 1;
                continue;
            }
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            String token = text.substring(body, i);
            if (token.isEmpty()) {
                throw new FilterException(text, start, "!", "nothing after '!'");
            }
            connective(text, start, text.substring(start, i), token, negate);
            terms.add(wrap(term(text, start, text.substring(start, i), token), negate));
        }
        return new Filter(text.strip(), terms);
    }

    /**
     * Free text alone, as a quoted term would match it (the console's quick filter): case-insensitive,
     * in the address, requests, agents, user names, findings and origin. Blank text matches all.
     */
    public static Filter text(String needle) {
        String t = needle == null ? "" : needle.strip();
        return t.isEmpty() ? ALL : new Filter(t, List.of(new FilterTerm.Text(t.toLowerCase(Locale.ROOT))));
    }

    /**
     * Refuses a word read as an operator the language does not have: {@code OR}, {@code AND}, {@code ||},
     * {@code &&} (any case, unquoted) and a doubled {@code !}. As text terms they changed the answer
     * without a word: {@code status:4xx OR status:5xx} looked for the text "or" too, and {@code
     * !!rule:exploit} let every IP through.
     */
    private static void connective(String text, int at, String raw, String token, boolean negate) {
        if (negate && token.startsWith("!")) {
            throw new FilterException(text, at, raw, "one '!' negates a term; '!!' is not a term");
        }
        if (token.equalsIgnoreCase("or") || token.equals("||")) {
            throw new FilterException(
                    text,
                    at,
                    raw,
                    "terms are all ANDed; there is no OR: alternatives are comma-separated values"
                            + " (status:4xx,5xx), and \"or\" in quotes looks for the word");
        }
        if (token.equalsIgnoreCase("and") || token.equals("&&")) {
            throw new FilterException(
                    text,
                    at,
                    raw,
                    "terms are all ANDed; there is no AND: leave it out (status:4xx fails>1), and \"and\" in"
                            + " quotes looks for the word");
        }
    }

    private static FilterTerm wrap(FilterTerm t, boolean negate) {
        return negate ? new FilterTerm.Not(t) : t;
    }

    private static FilterTerm term(String text, int at, String raw, String token) {
        int colon = token.indexOf(':');
        Matcher cmp = COMPARE.matcher(token);
        if (cmp.matches() && (colon < 0 || colon > cmp.end(1))) {
            return compare(text, at, raw, cmp.group(1), cmp.group(2), cmp.group(3));
        }
        if (colon < 0) {
            return new FilterTerm.Text(token.toLowerCase(Locale.ROOT));
        }
        String field = token.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = token.substring(colon + 1);
        if (value.isEmpty()) {
            throw new FilterException(text, at, raw, "no value after '" + field + ":'");
        }
        if (field.equals("cidr")) { // IPv6 values contain ':' and ','-free
            return any(text, at, raw, value, v -> new FilterTerm.InCidr(Cidr.parse(v)));
        }
        return switch (field) {
            case "state" -> states(text, at, raw, value);
            case "status" -> any(text, at, raw, value, Filter::status);
            case "country" ->
                any(text, at, raw, value, v -> {
                    if (!v.matches("[A-Za-z]{2}")) {
                        throw new IllegalArgumentException("country must be a two-letter code, got '" + v + "'");
                    }
                    return new FilterTerm.Country(v);
                });
            case "asn" ->
                any(text, at, raw, value, v -> {
                    String d = v.regionMatches(true, 0, "AS", 0, 2) ? v.substring(2) : v;
                    if (!d.matches("[0-9]{1,10}")) {
                        throw new IllegalArgumentException("asn must be a number, got '" + v + "'");
                    }
                    return new FilterTerm.Asn(Long.parseLong(d));
                });
            case "svc" ->
                any(
                        text,
                        at,
                        raw,
                        value,
                        v -> new FilterTerm.Service(v, v.matches("[0-9]{1,5}") ? Integer.parseInt(v) : -1));
            case "rule" -> any(text, at, raw, value, v -> new FilterTerm.Rule(rulePrefix(v)));
            case "ended" -> any(text, at, raw, value, v -> new FilterTerm.Ended(rulePrefix(v)));
            case "blocked" -> any(text, at, raw, value, v -> new FilterTerm.Blocked(v.toLowerCase(Locale.ROOT)));
            default ->
                throw new FilterException(
                        text, at, raw, "unknown field '" + field + "' (fields: " + String.join(", ", FIELDS) + ")");
        };
    }

    private static FilterTerm any(
            String text, int at, String raw, String value, java.util.function.Function<String, FilterTerm> one) {
        List<FilterTerm> alternatives = new ArrayList<>();
        for (String v : value.split(",", -1)) {
            if (v.isEmpty()) {
                throw new FilterException(text, at, raw, "empty value in list");
            }
            try {
                alternatives.add(one.apply(v));
            } catch (IllegalArgumentException e) {
                throw new FilterException(text, at, raw, e.getMessage());
            }
        }
        return alternatives.size() == 1 ? alternatives.getFirst() : new FilterTerm.AnyOf(alternatives);
    }

    /** Short names a sysadmin types: {@code syn} is the server side's half-open state. */
    private static final Map<String, TcpState> STATE_ALIASES = Map.of(
            "SYN", TcpState.SYN_RECV,
            "EST", TcpState.ESTABLISHED,
            "TW", TcpState.TIME_WAIT,
            "CW", TcpState.CLOSE_WAIT);

    private static FilterTerm states(String text, int at, String raw, String value) {
        EnumSet<TcpState> set = EnumSet.noneOf(TcpState.class);
        for (String v : value.split(",", -1)) {
            try {
                set.add(state(v));
            } catch (IllegalArgumentException e) {
                throw new FilterException(text, at, raw, e.getMessage());
            }
        }
        return new FilterTerm.States(set);
    }

    /** A state by name, alias ({@code syn est tw cw}) or unique prefix ({@code time}, {@code fin_wait1}). */
    private static TcpState state(String v) {
        String u = v.toUpperCase(Locale.ROOT).replace('-', '_');
        TcpState alias = STATE_ALIASES.get(u);
        if (alias != null) {
            return alias;
        }
        TcpState found = null;
        for (TcpState s : TcpState.values()) {
            if (s.name().equals(u)) {
                return s;
            }
            if (!u.isEmpty() && s.name().startsWith(u)) {
                if (found != null) {
                    throw new IllegalArgumentException("TCP state '" + v + "' is ambiguous (" + found + ", " + s + ")");
                }
                found = s;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("unknown TCP state '" + v + "' (e.g. SYN_RECV, ESTABLISHED, syn, est)");
        }
        return found;
    }

    private static FilterTerm status(String v) {
        Matcher m = STATUS.matcher(v.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("status must be like 404, 4xx or 500-599, got '" + v + "'");
        }
        if (m.group(1) != null) {
            int c = Integer.parseInt(m.group(1)) * 100;
            return new FilterTerm.StatusRange(c, c + 99);
        }
        int lo = Integer.parseInt(m.group(2));
        int hi = m.group(3) == null ? lo : Integer.parseInt(m.group(3));
        if (hi < lo) {
            throw new IllegalArgumentException("empty status range '" + v + "'");
        }
        return new FilterTerm.StatusRange(lo, hi);
    }

    private static String rulePrefix(String v) {
        String p = v.toLowerCase(Locale.ROOT);
        if (Detector.ruleIds().stream().noneMatch(id -> id.startsWith(p))) {
            throw new IllegalArgumentException(
                    "no rule starts with '" + v + "' (rules: " + String.join(", ", Detector.ruleIds()) + ")");
        }
        return p;
    }

    private static FilterTerm compare(String text, int at, String raw, String name, String op, String value) {
        String field = name.toLowerCase(Locale.ROOT);
        ToDoubleFunction<IpView> f = NUMBERS.containsKey(field) ? NUMBERS.get(field) : PATHS.get(field);
        if (f == null) {
            throw new FilterException(
                    text,
                    at,
                    raw,
                    "'" + name + "' is not a number field (numbers: "
                            + String.join(
                                    ", ", NUMBERS.keySet().stream().sorted().toList())
                            + "; and of ips[] in the JSON: " + String.join(", ", PATHS.keySet()) + ")");
        }
        try {
            double bound = Double.parseDouble(value);
            if (!Double.isFinite(bound)) {
                throw new NumberFormatException();
            }
            return new FilterTerm.Compare(field, f, op, bound);
        } catch (NumberFormatException e) {
            throw new FilterException(text, at, raw, "'" + value + "' is not a number");
        }
    }

    @Override
    public boolean test(IpView v) {
        for (FilterTerm t : terms) {
            if (!t.test(v)) {
                return false;
            }
        }
        return true;
    }

    /** The views that pass, in their order. */
    public List<IpView> apply(List<IpView> views) {
        return terms.isEmpty() ? views : views.stream().filter(this).toList();
    }

    /**
     * {@code s} with only the IPs this filter keeps, and with {@code suspicious} only the flagged ones,
     * most severe first ({@link Findings#suspicious}); {@code s} itself when nothing is left out.
     */
    public Snapshot select(Snapshot s, boolean suspicious) {
        if (matchesAll() && !suspicious) {
            return s;
        }
        List<IpView> ips = apply(s.ips());
        if (suspicious) {
            ips = Findings.suspicious(ips);
        }
        return s.withIps(ips);
    }

    public boolean matchesAll() {
        return terms.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }
}
