package dev.nethergaze.ui.tui.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.nethergaze.model.AuthSummary;
import dev.nethergaze.model.ConnSummary;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.RequestView;
import dev.nethergaze.model.ServiceCount;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.TcpState;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Rows grouped by /24 and /64: what a group's row adds up, keeps and leaves out. */
class PrefixGroupsTest {

    private static final Instant T = Instant.parse("2025-03-10T03:00:00Z");

    private static Finding finding(String rule, Severity sev, String subject) {
        return new Finding(rule, sev, subject, rule + " of " + subject, 1, 1, Duration.ofMinutes(1), T, List.of());
    }

    private static RequestView req(int secondsAgo, String target) {
        return new RequestView(T.minusSeconds(secondsAgo), "GET", target, 404, 10, "zgrab", false, "", "access.log");
    }

    private static IpView ip(
            String ip, int est, int syn, long requests, long failures, List<RequestView> reqs, List<Finding> f) {
        return new IpView(
                IpKey.parse(ip),
                T.minusSeconds(requests),
                T.minusSeconds(syn),
                new ConnSummary(est + syn, est + syn, 0, Map.of(TcpState.ESTABLISHED, est, TcpState.SYN_RECV, syn)),
                List.of(new ServiceCount(443, "https", est + syn)),
                requests,
                requests * 100,
                Map.of("4xx", requests),
                Map.of("GET", requests),
                requests / 2,
                0.5,
                reqs,
                new AuthSummary(failures, failures, 0, 0, 0, failures > 0 ? List.of("root", ip) : List.of()),
                null,
                null,
                null,
                f);
    }

    /** The rows by address, a group's with its prefix length. */
    private static Map<String, IpView> byRow(List<IpView> rows) {
        return rows.stream()
                .collect(Collectors.toMap(
                        v -> v.ip() + (v.group() == null ? "" : "/" + v.group().bits()), Function.identity()));
    }

    @Test
    void twoOrMoreAddressesOfAPrefixAreOneRowWithTheirFiguresAddedUp() {
        Finding prefixFlood = finding("syn_flood_prefix", Severity.HIGH, "203.0.113.0/24");
        List<IpView> views = List.of(
                ip("203.0.113.7", 2, 5, 30, 0, List.of(req(30, "/a"), req(10, "/b")), List.of(prefixFlood)),
                ip(
                        "203.0.113.200",
                        1,
                        9,
                        3,
                        4,
                        List.of(req(20, "/c")),
                        List.of(prefixFlood, finding("ssh_bruteforce", Severity.MEDIUM, "203.0.113.200"))),
                ip("203.0.114.1", 1, 0, 1, 0, List.of(), List.of()), // the next /24: alone, as it is
                ip("2001:db8:1:2::a", 1, 0, 5, 0, List.of(req(5, "/v6")), List.of()),
                ip("2001:db8:1:2:ffff::b", 0, 1, 2, 0, List.of(), List.of()),
                ip("2001:db8:1:3::a", 1, 0, 1, 0, List.of(), List.of())); // another /64
        List<IpView> rows = PrefixGroups.group(
                views,
                m -> m.stream()
                        .sorted(Comparator.comparingLong(IpView::requests).reversed())
                        .toList());
        Map<String, IpView> r = byRow(rows);
        assertThat(r.keySet())
                .containsExactlyInAnyOrder("203.0.113.0/24", "203.0.114.1", "2001:db8:1:2::/64", "2001:db8:1:3::a");

        IpView g = r.get("203.0.113.0/24");
        assertThat(g.group().members())
                .extracting(v -> v.ip().toString())
                .containsExactly("203.0.113.7", "203.0.113.200");
        assertThat(g.connections().total()).isEqualTo(17);
        assertThat(g.connections().inState(TcpState.SYN_RECV)).isEqualTo(14);
        assertThat(g.connections().inState(TcpState.ESTABLISHED)).isEqualTo(3);
        assertThat(g.services()).containsExactly(new ServiceCount(443, "https", 17));
        assertThat(g.requests()).isEqualTo(33);
        assertThat(g.bytes()).isEqualTo(3300);
        assertThat(g.status()).containsEntry("4xx", 33L);
        assertThat(g.requestsPerMin()).isEqualTo(16);
        assertThat(g.newConnsPerSec()).isEqualTo(1.0);
        assertThat(g.firstSeen()).isEqualTo(T.minusSeconds(30));
        assertThat(g.lastSeen()).isEqualTo(T.minusSeconds(5));
        assertThat(g.auth().failures()).isEqualTo(4);
        assertThat(g.auth().users()).containsExactly("root", "203.0.113.200");
        // the prefix's own finding once, the member's too, most severe first
        assertThat(g.findings())
                .extracting(Finding::rule, Finding::subject)
                .containsExactly(tuple("syn_flood_prefix", "203.0.113.0/24"), tuple("ssh_bruteforce", "203.0.113.200"));
        // the newest requests of all members, oldest first, as many as the longest member's list
        assertThat(g.lastRequests()).extracting(RequestView::target).containsExactly("/c", "/b");
        assertThat(g.history()).isNull();
        assertThat(Cells.row(g, 40)).isEqualTo("203.0.113.0/24 ×2");

        IpView six = r.get("2001:db8:1:2::/64");
        assertThat(six.group().members()).hasSize(2);
        assertThat(six.connections().total()).isEqualTo(2);
        assertThat(Cells.row(six, 40)).isEqualTo("2001:db8:1:2::/64 ×2");
        assertThat(Cells.row(six, 16)).endsWith("/64 ×2").hasSize(16);
        assertThat(r.get("2001:db8:1:3::a").group()).isNull();
        assertThat(r.get("203.0.114.1").group()).isNull();
    }
}
