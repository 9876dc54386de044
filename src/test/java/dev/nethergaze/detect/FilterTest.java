package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.model.AuthSummary;
import dev.nethergaze.model.ConnSummary;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.RequestView;
import dev.nethergaze.model.ServiceCount;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.TcpState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterTest {

    private static final Instant T = Instant.parse("2026-11-22T03:00:00Z");

    private static IpView view(
            String ip,
            Map<TcpState, Integer> states,
            Map<String, Long> status,
            long rpm,
            List<Finding> findings,
            GeoInfo geo) {
        return view(ip, states, status, rpm, findings, geo, 10);
    }

    private static IpView view(
            String ip,
            Map<TcpState, Integer> states,
            Map<String, Long> status,
            long rpm,
            List<Finding> findings,
            GeoInfo geo,
            long requests) {
        int total = states.values().stream().mapToInt(Integer::intValue).sum();
        return new IpView(
                IpKey.parse(ip),
                T,
                T,
                new ConnSummary(total, total, 0, states),
                List.of(new ServiceCount(22, "ssh", 1)),
                requests,
                100,
                status,
                Map.of("GET", 10L),
                rpm,
                0,
                List.of(new RequestView(
                        T,
                        "GET",
                        "/wp-login.php",
                        status.containsKey("4xx") ? 404 : 200,
                        0,
                        "Mozilla/5.0 zgrab/0.x",
                        false,
                        "",
                        "access.log")),
                new AuthSummary(3, 1, 0, 0, 0, List.of("oracle")),
                geo,
                null,
                null,
                findings);
    }

    private static final Finding EXPLOIT = new Finding(
            "exploit", Severity.HIGH, "203.0.113.9", "2 exploit probes", 2, 1, Duration.ZERO, T, List.of("x"));
    private static final IpView BR = view(
            "203.0.113.9",
            Map.of(TcpState.SYN_RECV, 7),
            Map.of("4xx", 8L, "5xx", 1L),
            90,
            List.of(EXPLOIT),
            new GeoInfo("BR", "Brazil", "São Paulo", null, null, null, 12345L, "Example BR", null));
    private static final IpView V6 =
            view("2001:db8:cafe::1", Map.of(TcpState.ESTABLISHED, 2), Map.of("2xx", 50L), 5, List.of(), null);

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "state:SYN_RECV,ESTABLISHED|true|true",
                "state:syn_recv|true|false",
                "status:4xx,500-599|true|false",
                "status:404|true|false",
                "status:200-299|false|true",
                "rate>=60|true|false",
                "conns>=5 rate>60|true|false",
                "cidr:203.0.113.0/24|true|false",
                "!cidr:10.0.0.0/8|true|true",
                "cidr:2001:db8::/32|false|true",
                "!cidr:2001:db8::/32 !cidr:198.51.100.0/24|true|false",
                "country:BR|true|false",
                "country:br,de|true|false",
                "asn:12345|true|false",
                "asn:AS12345|true|false",
                "svc:ssh|true|true",
                "svc:22|true|true",
                "rule:exploit|true|false",
                "rule:ssh|false|false",
                "!rule:exploit|false|true",
                "\"zgrab\"|true|true",
                "\"são paulo\"|true|false",
                "oracle|true|true",
                "findings>=1|true|false",
                "fails>2 new<1|true|true",
                "|true|true",
            })
    void terms(String filter, boolean br, boolean v6) {
        Filter f = Filter.parse(filter);
        assertThat(f.test(BR)).as("%s on BR", filter).isEqualTo(br);
        assertThat(f.test(V6)).as("%s on v6", filter).isEqualTo(v6);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                "state:SYN_RECV stat:4xx|15|unknown field 'stat'",
                "state:SYN_SENDING|0|unknown TCP state 'SYN_SENDING'",
                "rate>=lots|0|'lots' is not a number",
                "status:4xy|0|status must be like 404, 4xx or 500-599",
                "status:599-500|0|empty status range",
                "cidr:300.1.1.1/8|0|not an IP address or CIDR",
                "cidr:10.0.0.0/33|0|prefix length too long",
                "country:Brazil|0|two-letter code",
                "asn:x1|0|asn must be a number",
                "rule:nosuch|0|no rule starts with 'nosuch'",
                "color>3|0|'color' is not a number field",
                "conns>=5 \"open|9|unclosed quote",
                "state:|0|no value after 'state:'",
                "svc:ssh,|0|empty value in list",
                "conns>=5 !|9|nothing after '!'",
                // read as words, these were a text term (status:4xx OR status:5xx matched nearly nothing)
                // and a negated text term "!rule:exploit" (every IP passed), with no word said
                "status:4xx OR status:5xx|11|terms are all ANDed; there is no OR",
                "rule:ssh and status:4xx|9|terms are all ANDed; there is no AND",
                "status:4xx && fails>1|11|terms are all ANDed; there is no AND",
                "!!rule:exploit|0|one '!' negates a term; '!!' is not a term",
            })
    void badTermsPointAtThemselves(String filter, int column, String problem) {
        assertThatThrownBy(() -> Filter.parse(filter))
                .isInstanceOf(FilterException.class)
                .hasMessageContaining("at column " + (column + 1))
                .hasMessageContaining(problem)
                .satisfies(e -> {
                    FilterException fe = (FilterException) e;
                    assertThat(fe.column()).isEqualTo(column);
                    assertThat(fe.getMessage()).doesNotContain("\n");
                    assertThat(fe.pointer()).endsWith(" ".repeat(column) + "^");
                });
    }

    /** Quoted, "or" and "and" are text to look for, as any quoted words are. */
    @Test
    void quotedOrAndAndAreText() {
        org.assertj.core.api.Assertions.assertThatCode(() -> Filter.parse("\"or\" \"AND\" !\"or\""))
                .doesNotThrowAnyException();
    }

    @Property(tries = 2000)
    void parsingNeverCrashes(@ForAll String input) {
        try {
            Filter f = Filter.parse(input);
            f.test(BR);
            f.test(V6);
        } catch (FilterException e) {
            assertThat(e.getMessage()).startsWith("bad filter term");
        }
    }

    /** blocked:any / all / a tool: what the firewall already does about the IP; "!blocked:any" what is left to do. */
    @Test
    void blockedMatchesWhatTheFirewallAlreadyHolds() {
        IpView port22 = BR.withBlocked(List.of(new dev.nethergaze.model.Block(
                "fail2ban sshd", "f2b", "tcp dport 22", BR.ip().toString(), null)));
        IpView whole = V6.withBlocked(
                List.of(new dev.nethergaze.model.Block("nethergaze", "ours", "", "2001:db8:cafe::/64", null)));
        IpView free = view("192.0.2.6", Map.of(), Map.of("2xx", 1L), 1, List.of(), null);
        List<IpView> all = List.of(port22, whole, free);
        assertThat(Filter.parse("blocked:any").apply(all)).containsExactly(port22, whole);
        assertThat(Filter.parse("blocked:all").apply(all)).containsExactly(whole);
        assertThat(Filter.parse("blocked:fail2ban").apply(all)).containsExactly(port22);
        assertThat(Filter.parse("blocked:ufw,nethergaze").apply(all)).containsExactly(whole);
        assertThat(Filter.parse("!blocked:any").apply(all)).containsExactly(free);
    }

    @Test
    void suspiciousRanksByWorstSeverity() {
        assertThat(Findings.suspicious(List.of(V6, BR))).containsExactly(BR);
    }

    /**
     * Suspicious mode's order, checked against the comparator chain it was before its measures were
     * worked out once per view: the open findings' severities, worst first, compared one by one (the
     * worst, then the next worst; a longer list first where one begins the other), worst ended
     * severity, requests, address. Random views with every mix of firing, held and ended findings and
     * equal measures. (The count of open findings came right after the worst severity: a scanner with
     * critical, medium and low findings went before a brute-forcer in as root with critical, high and
     * medium ones, on its requests.)
     */
    @Test
    void suspiciousOrderIsTheChainedOrder() {
        java.util.Comparator<Severity> worseFirst = java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder());
        java.util.Comparator<IpView> spec = FilterTest::severitiesWorseFirst;
        spec = spec.thenComparing(Findings::worstEarlier, worseFirst)
                .thenComparing(java.util.Comparator.<IpView>comparingLong(IpView::requests)
                        .reversed())
                .thenComparing(IpView::ip);
        java.util.Random r = new java.util.Random(7);
        Severity[] sev = Severity.values();
        for (int round = 0; round < 200; round++) {
            List<IpView> views = new java.util.ArrayList<>();
            for (int i = 0; i < 1 + r.nextInt(40); i++) {
                List<Finding> now = new java.util.ArrayList<>();
                List<PastFinding> before = new java.util.ArrayList<>();
                String ip = r.nextBoolean()
                        ? "192.0.2." + r.nextInt(256)
                        : "2001:db8::" + Integer.toHexString(r.nextInt(4096));
                for (int k = r.nextInt(3); k > 0; k--) {
                    now.add(new Finding(
                            "r" + k, sev[r.nextInt(sev.length)], ip, "x", 1, 1, Duration.ZERO, T, List.of()));
                }
                for (int k = r.nextInt(3); k > 0; k--) {
                    Finding f = new Finding(
                            "e" + k, sev[r.nextInt(sev.length)], ip, "x", 1, 1, Duration.ZERO, T, List.of());
                    before.add(new PastFinding(f, T, r.nextBoolean()));
                }
                views.add(view(ip, Map.of(), Map.of("2xx", 1L), 1, now, null, r.nextInt(3))
                        .withEarlierFindings(before));
            }
            List<IpView> expected =
                    views.stream().filter(Findings::flagged).sorted(spec).toList();
            assertThat(Findings.suspicious(views)).as("round %d", round).isEqualTo(expected);
        }
    }

    /** By the open (firing or held) findings' severities, each list sorted worst first, compared in turn. */
    private static int severitiesWorseFirst(IpView a, IpView b) {
        List<Severity> x = openSeverities(a);
        List<Severity> y = openSeverities(b);
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = y.get(i).compareTo(x.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(y.size(), x.size());
    }

    private static List<Severity> openSeverities(IpView v) {
        List<Severity> out = new java.util.ArrayList<>();
        v.findings().forEach(f -> out.add(f.severity()));
        v.earlierFindings().stream()
                .filter(PastFinding::held)
                .forEach(p -> out.add(p.finding().severity()));
        out.sort(java.util.Comparator.reverseOrder());
        return out;
    }

    /** {@code v} whose only findings ended: an attack that is over. */
    private static IpView ended(IpView v, Finding... past) {
        List<PastFinding> earlier = new java.util.ArrayList<>();
        for (Finding f : past) {
            earlier.add(new PastFinding(f, T.plusSeconds(60)));
        }
        return v.withEarlierFindings(earlier);
    }

    @Test
    void ipsWhoseFindingsEndedStayInSuspiciousModeAfterTheFlaggedOnesAndMatchEnded() {
        Finding brute = new Finding(
                "ssh_bruteforce",
                Severity.CRITICAL,
                "2001:db8:cafe::1",
                "40 failures",
                40,
                10,
                Duration.ZERO,
                T,
                List.of("x"));
        Finding burst = new Finding(
                "request_burst",
                Severity.MEDIUM,
                "192.0.2.5",
                "300 requests",
                300,
                100,
                Duration.ZERO,
                T,
                List.of("y"));
        IpView wasBrute = ended(V6, brute);
        IpView wasBurst = ended(view("192.0.2.5", Map.of(), Map.of("2xx", 1L), 1, List.of(), null), burst);
        IpView quiet = view("192.0.2.6", Map.of(), Map.of("2xx", 1L), 1, List.of(), null);

        // flagged now first (HIGH), then ended ones by their worst severity (CRITICAL before MEDIUM)
        assertThat(Findings.suspicious(List.of(quiet, wasBurst, wasBrute, BR))).containsExactly(BR, wasBrute, wasBurst);
        assertThat(Findings.flagged(quiet)).isFalse();

        assertThat(Filter.parse("ended:ssh").apply(List.of(BR, wasBrute, wasBurst)))
                .containsExactly(wasBrute);
        assertThat(Filter.parse("rule:ssh").apply(List.of(BR, wasBrute, wasBurst)))
                .isEmpty();
        assertThat(Filter.parse("!ended:request").apply(List.of(BR, wasBrute, wasBurst)))
                .containsExactly(BR, wasBrute);
        assertThatThrownBy(() -> Filter.parse("ended:nosuch")).hasMessageContaining("no rule starts with 'nosuch'");
    }

    @Test
    void statesByAliasAndUniquePrefix() {
        assertThat(Filter.parse("state:syn").test(BR)).isTrue();
        assertThat(Filter.parse("state:syn_r").test(BR)).isTrue();
        assertThat(Filter.parse("state:est").test(V6)).isTrue();
        assertThatThrownBy(() -> Filter.parse("state:fin")).hasMessageContaining("ambiguous");
        assertThatThrownBy(() -> Filter.parse("state:syn,bogus")).hasMessageContaining("unknown TCP state 'bogus'");
    }
}
