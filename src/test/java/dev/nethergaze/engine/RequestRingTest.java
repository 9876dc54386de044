package dev.nethergaze.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.RequestView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestRingTest {

    private static final Instant T0 = Instant.parse("2025-03-10T00:00:00Z");

    private static HttpHit hit(int i) {
        return hit(i, "");
    }

    private static HttpHit hit(int i, String vhost) {
        return hit(i, vhost, "t");
    }

    private static HttpHit hit(int i, String vhost, String source) {
        IpKey k = IpKey.parse("198.51.100.7");
        return new HttpHit(
                source,
                T0.plusSeconds(i),
                k,
                k,
                i % 2 == 0 ? "GET" : "POST",
                "/p" + i,
                "HTTP/1.1",
                200 + i,
                10L * i,
                "",
                "ua" + i,
                vhost,
                i == 3);
    }

    private static List<String> targets(List<RequestView> l) {
        return l.stream().map(RequestView::target).toList();
    }

    @Test
    void listsTheLastNOldestFirstAcrossGrowthAndWrapAround() {
        RequestRing r = new RequestRing(20);
        assertThat(r.toList()).isEmpty();
        for (int i = 0; i < 47; i++) {
            r.add(hit(i));
        }
        List<RequestView> l = r.toList();
        assertThat(l).hasSize(20);
        assertThat(targets(l)).first().isEqualTo("/p27");
        assertThat(targets(l)).last().isEqualTo("/p46");
        assertThat(l.get(19)).isEqualTo(RequestView.of(hit(46)));
    }

    @Test
    void keepsEveryFieldAsTheRequestViewWouldHaveIt() {
        RequestRing r = new RequestRing(5);
        for (int i = 0; i < 5; i++) {
            r.add(hit(i));
        }
        List<RequestView> l = r.toList();
        for (int i = 0; i < 5; i++) {
            assertThat(l.get(i)).isEqualTo(RequestView.of(hit(i)));
        }
        assertThat(l.get(3).malformed()).isTrue();
    }

    /**
     * Vhosts are kept only once a request names one (most logs never do): earlier slots read "", and
     * each request keeps its own across the growth from 4 slots, the wrap-around, and a listed copy.
     */
    @Test
    void vhostsAreKeptFromTheFirstRequestThatNamesOne() {
        RequestRing r = new RequestRing(6);
        for (int i = 0; i < 3; i++) {
            r.add(hit(i));
        }
        List<RequestView> before = r.toList();
        for (int i = 3; i < 9; i++) {
            r.add(hit(i, i % 2 == 0 ? "" : "site" + i + ".example:443"));
        }
        assertThat(before).extracting(RequestView::vhost).containsExactly("", "", "");
        List<RequestView> l = r.toList();
        assertThat(l)
                .extracting(RequestView::vhost)
                .containsExactly("site3.example:443", "", "site5.example:443", "", "site7.example:443", "");
        for (int i = 0; i < 6; i++) {
            assertThat(l.get(i))
                    .isEqualTo(RequestView.of(hit(i + 3, i % 2 == 0 ? "site" + (i + 3) + ".example:443" : "")));
        }
    }

    /**
     * Each kept request names its log file: one name for all while they come from one file, then per
     * request from the first one logged elsewhere, across the growth, the wrap-around and a listed copy.
     */
    @Test
    void eachRequestKeepsItsLogFile() {
        RequestRing r = new RequestRing(6);
        for (int i = 0; i < 3; i++) {
            r.add(hit(i, "", "/var/log/nginx/access.log"));
        }
        List<RequestView> before = r.toList();
        for (int i = 3; i < 9; i++) {
            r.add(hit(i, "", i % 3 == 0 ? "/var/log/nginx/api.log" : "/var/log/nginx/access.log"));
        }
        assertThat(before).extracting(RequestView::source).containsOnly("/var/log/nginx/access.log");
        List<RequestView> l = r.toList();
        assertThat(l)
                .extracting(RequestView::source)
                .containsExactly(
                        "/var/log/nginx/api.log",
                        "/var/log/nginx/access.log",
                        "/var/log/nginx/access.log",
                        "/var/log/nginx/api.log",
                        "/var/log/nginx/access.log",
                        "/var/log/nginx/access.log");
        assertThat(targets(l)).containsExactly("/p3", "/p4", "/p5", "/p6", "/p7", "/p8");
    }

    @Test
    void aListedSnapshotDoesNotChangeWhenMoreRequestsArrive() {
        RequestRing r = new RequestRing(4);
        for (int i = 0; i < 6; i++) {
            r.add(hit(i));
        }
        List<RequestView> before = r.toList();
        List<String> was = targets(before);
        r.add(hit(6));
        r.add(hit(7));
        assertThat(targets(before)).isEqualTo(was).containsExactly("/p2", "/p3", "/p4", "/p5");
        assertThat(targets(r.toList())).containsExactly("/p4", "/p5", "/p6", "/p7");
    }

    /**
     * Requests written after a listing go into slots no list shows, until none is left and the arrays
     * are copied: every list ever made, kept while more requests arrive, still reads what it read when
     * made, and each reads the last N requests, oldest first. Random caps, vhosts, source files and
     * listings between requests.
     */
    @Test
    void everyListKeepsWhatItShowedWhileRequestsAreWrittenInPlace() {
        java.util.Random rnd = new java.util.Random(11);
        for (int round = 0; round < 300; round++) {
            int cap = 1 + rnd.nextInt(25);
            RequestRing r = new RequestRing(cap);
            List<HttpHit> all = new java.util.ArrayList<>();
            List<List<RequestView>> lists = new java.util.ArrayList<>();
            List<List<RequestView>> expected = new java.util.ArrayList<>();
            for (int i = 0; i < 120; i++) {
                HttpHit h = hit(
                        i,
                        rnd.nextInt(5) == 0 ? "v" + i + ".example" : "",
                        rnd.nextInt(4) == 0 ? "/var/log/b.log" : "/var/log/a.log");
                r.add(h);
                all.add(h);
                if (rnd.nextInt(3) == 0) {
                    lists.add(r.toList());
                    expected.add(all.subList(Math.max(0, all.size() - cap), all.size()).stream()
                            .map(RequestView::of)
                            .toList());
                }
            }
            for (int k = 0; k < lists.size(); k++) {
                assertThat(lists.get(k))
                        .as("round %d (cap %d), list %d", round, cap, k)
                        .isEqualTo(expected.get(k));
            }
        }
    }

    @Test
    void aCapOfZeroKeepsNothing() {
        RequestRing r = new RequestRing(0);
        r.add(hit(1));
        assertThat(r.toList()).isEmpty();
    }

    @Test
    void methodCountsFoldMethodsBeyondTheCapIntoOther() {
        MethodCounts m = new MethodCounts();
        for (int i = 0; i < EngineSettings.MAX_METHODS_PER_IP + 3; i++) {
            m.add("M" + i);
        }
        m.add(String.valueOf(new char[] {'M', '0'})); // equal, not the same instance: still M0
        assertThat(m.toMap())
                .hasSize(EngineSettings.MAX_METHODS_PER_IP + 1)
                .containsEntry("M0", 2L)
                .containsEntry("OTHER", 3L);
    }

    /** Random methods, some equal but not the same instance: as a plain map with the same cap would count. */
    @Test
    void methodCountsMatchAPlainMap() {
        java.util.Random rnd = new java.util.Random(5);
        for (int round = 0; round < 200; round++) {
            MethodCounts m = new MethodCounts();
            java.util.Map<String, Long> model = new java.util.LinkedHashMap<>();
            int kinds = 1 + rnd.nextInt(20);
            for (int i = 0; i < 60; i++) {
                String name = "M" + rnd.nextInt(kinds);
                String method = rnd.nextBoolean() ? name.intern() : new String(name.toCharArray());
                m.add(method);
                if (model.containsKey(method)) {
                    model.merge(method, 1L, Long::sum);
                } else {
                    model.merge(model.size() < EngineSettings.MAX_METHODS_PER_IP ? method : "OTHER", 1L, Long::sum);
                }
                assertThat(m.toMap()).as("round %d add %d", round, i).isEqualTo(model);
            }
        }
    }
}
