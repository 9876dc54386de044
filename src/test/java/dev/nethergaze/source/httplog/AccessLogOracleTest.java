package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import dev.nethergaze.source.tail.LineReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every combined/common sample file against testdata/ORACLES.md, section "## accesslog/". */
class AccessLogOracleTest {

    /** One file's oracle: lines, lines parsed, distinct hosts, some top hosts, status histogram, unparsed lines. */
    record Oracle(
            String file,
            int lines,
            int parsed,
            int distinctHosts,
            Map<String, Integer> top,
            Map<String, Integer> status,
            List<Long> unparsedPrefix) {

        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Oracle> oracles() {
        return Stream.of(
                new Oracle(
                        "combined-extended/crowdsec_traefik_clf.log",
                        9,
                        7,
                        4,
                        Map.of("172.17.0.1", 4, "172.17.1.1", 1, "172.17.1.2", 1),
                        Map.of("-", 1, "200", 6),
                        List.of(8L, 9L)),
                new Oracle(
                        "combined-extended/lnav_shop_access_log.log",
                        1000,
                        1000,
                        101,
                        Map.of("66.249.66.194", 88, "66.249.66.91", 83, "130.185.74.243", 78),
                        Map.of("200", 938, "301", 11, "302", 20, "304", 7, "404", 24),
                        List.of()),
                new Oracle(
                        "combined/crowdsec_apache2-logs.log",
                        9,
                        7,
                        5,
                        Map.of("93.43.209.58", 2, "1.2.3.4", 2, "164.68.112.178", 1),
                        Map.of("200", 1, "403", 1, "500", 5),
                        List.of(8L, 9L)),
                new Oracle(
                        "combined/crowdsec_nginx-bad-user-agent.log",
                        3,
                        3,
                        1,
                        Map.of("127.0.0.1", 3),
                        Map.of("200", 3),
                        List.of()),
                new Oracle(
                        "combined/crowdsec_nginx-http-generic-bf.log",
                        22,
                        6,
                        1,
                        Map.of("127.0.0.1", 6),
                        Map.of("401", 6),
                        List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L)),
                new Oracle(
                        "combined/crowdsec_nginx-http-path-traversal.log",
                        9,
                        9,
                        1,
                        Map.of("127.0.0.1", 9),
                        Map.of("404", 9),
                        List.of()),
                new Oracle(
                        "combined/crowdsec_nginx-http-sensitive-files.log",
                        9,
                        9,
                        1,
                        Map.of("127.0.0.1", 9),
                        Map.of("404", 9),
                        List.of()),
                new Oracle(
                        "combined/crowdsec_nginx-http-sqli-probing.log",
                        16,
                        16,
                        1,
                        Map.of("127.0.0.1", 16),
                        Map.of("404", 16),
                        List.of()),
                new Oracle(
                        "combined/crowdsec_nginx-http-xss-probing.log",
                        26,
                        26,
                        1,
                        Map.of("127.0.0.1", 26),
                        Map.of("404", 26),
                        List.of()),
                new Oracle(
                        "combined/crowdsec_nginx_http-logs.log",
                        9,
                        7,
                        1,
                        Map.of("192.168.1.1", 7),
                        Map.of("200", 1, "301", 1, "404", 1, "500", 4),
                        List.of(8L, 9L)),
                new Oracle(
                        "combined/drill_hackers-access_basjes.log",
                        3456,
                        3456,
                        520,
                        Map.of("216.244.81.34", 150, "192.99.244.139", 74, "23.254.164.173", 72),
                        Map.of("200", 2846, "302", 585, "403", 13, "404", 12),
                        List.of()),
                new Oracle(
                        "combined/lnav_logfile_access_log.0.log",
                        3,
                        3,
                        1,
                        Map.of("192.168.202.254", 3),
                        Map.of("200", 2, "404", 1),
                        List.of()),
                new Oracle(
                        "common/crowdsec_apache-http-probing.log",
                        77,
                        77,
                        1,
                        Map.of("172.17.0.1", 77),
                        Map.of("400", 2, "404", 75),
                        List.of()),
                new Oracle(
                        "common/jc_common-log-format.log",
                        21,
                        17,
                        7,
                        Map.of("127.0.0.1", 5, "tarpon.gulf.net", 5, "1.1.1.1", 2),
                        Map.of("200", 13, "302", 2, "404", 2),
                        List.of(7L, 14L, 15L, 16L)),
                new Oracle(
                        "common/nasa_ksc_jul95_lines1-300.log",
                        300,
                        300,
                        60,
                        Map.of("link097.txdirect.net", 15, "unicomp6.unicomp.net", 14, "isdn6-34.dnai.com", 13),
                        Map.of("200", 266, "302", 14, "304", 19, "404", 1),
                        List.of()),
                new Oracle(
                        "malformed/crowdsec_nginx-http-malformed.log",
                        12,
                        12,
                        1,
                        Map.of("1.2.3.4", 12),
                        Map.of("400", 12),
                        List.of()),
                new Oracle(
                        "malformed/lnav_logfile_bad_access_log.0.log",
                        3,
                        2,
                        1,
                        Map.of("192.168.202.254", 2),
                        Map.of("200", 2),
                        List.of(2L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oracles")
    void matchesOracle(Oracle o) throws InterruptedException {
        Path file = TestData.path("accesslog/" + o.file());
        CombinedParser parser = new CombinedParser("test");
        Map<String, Integer> hosts = new HashMap<>();
        Map<String, Integer> status = new TreeMap<>();
        List<Long> unparsed = new ArrayList<>();
        LineReader.Result r = LineReader.read(file, 65536, (f, n, buf, off, len, cut) -> {
            switch (parser.parse(buf, off, len)) {
                case ParseResult.Hit h -> {
                    hosts.merge(h.hit().client().toString(), 1, Integer::sum);
                    status.merge(statusKey(h.hit().status()), 1, Integer::sum);
                }
                case ParseResult.UnresolvedHost u -> {
                    hosts.merge(u.host(), 1, Integer::sum);
                    status.merge(statusKey(u.status()), 1, Integer::sum);
                }
                case ParseResult.Malformed m -> unparsed.add(n);
                case ParseResult.Ignored i -> {}
            }
        });

        assertThat(r.ok()).as("read error %s", r.error()).isTrue();
        assertThat(r.lines()).as("lines").isEqualTo(o.lines());
        assertThat(o.lines() - unparsed.size()).as("lines parsed").isEqualTo(o.parsed());
        assertThat(status).as("status histogram").isEqualTo(new TreeMap<>(o.status()));
        assertThat(hosts).as("distinct hosts").hasSize(o.distinctHosts());
        assertThat(hosts).as("top hosts").containsAllEntriesOf(o.top());
        assertThat(unparsed)
                .as("unparsed line numbers")
                .startsWith(o.unparsedPrefix().toArray(Long[]::new));
    }

    private static String statusKey(int status) {
        return status < 0 ? "-" : Integer.toString(status);
    }
}
