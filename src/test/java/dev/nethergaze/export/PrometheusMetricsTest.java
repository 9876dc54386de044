package dev.nethergaze.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.ui.tui.Snapshots;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The exposition format, line by line, and the values against the snapshot they come from. */
class PrometheusMetricsTest {

    private static final Pattern META = Pattern.compile("# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern VALUE =
            Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?Inf|NaN");

    /**
     * Series → value, by the text exposition format (version 0.0.4), strictly: fails on a malformed
     * line or escape, an empty line, a sample before its family's HELP and TYPE, a HELP or TYPE said
     * twice or after the family's samples, a family's samples not together, a counter not named
     * _total, a label name twice in a series, or a repeated series.
     */
    private static Map<String, Double> parse(String text) {
        assertThat(text).endsWith("\n").doesNotContain("\r");
        Map<String, Double> out = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        Set<String> helped = new HashSet<>();
        Set<String> sampled = new HashSet<>(); // families whose samples came (each family's together)
        String current = null;
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            assertThat(line).as("an empty line").isNotEmpty();
            Matcher meta = META.matcher(line);
            if (line.startsWith("#")) {
                assertThat(meta.matches())
                        .as("a comment is HELP or TYPE: %s", line)
                        .isTrue();
                String family = meta.group(2);
                assertThat(sampled).as("%s after its samples", line).doesNotContain(family);
                if (meta.group(1).equals("HELP")) {
                    assertThat(helped.add(family)).as("HELP twice: %s", family).isTrue();
                    assertThat(types).as("HELP before TYPE: %s", family).doesNotContainKey(family);
                    assertThat(meta.group(3).replaceAll("\\\\[\\\\n]", ""))
                            .as("HELP escapes")
                            .doesNotContain("\\");
                } else {
                    assertThat(meta.group(3)).isIn("gauge", "counter");
                    assertThat(types.put(family, meta.group(3)))
                            .as("TYPE twice: %s", family)
                            .isNull();
                    if (meta.group(3).equals("counter")) {
                        assertThat(family).endsWith("_total");
                    }
                }
                current = family;
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            int nameEnd = brace >= 0 && brace < space ? brace : space;
            assertThat(nameEnd).as("a sample: %s", line).isPositive();
            String name = line.substring(0, nameEnd);
            assertThat(NAME.matcher(name).matches()).as("metric name %s", name).isTrue();
            assertThat(name).as("the family of %s", line).isEqualTo(current);
            assertThat(types).as("TYPE before %s", line).containsKey(name);
            sampled.add(name);
            int at = nameEnd;
            Set<String> labelNames = new HashSet<>();
            if (line.charAt(at) == '{') {
                at++;
                while (line.charAt(at) != '}') {
                    int eq = line.indexOf('=', at);
                    String label = line.substring(at, eq);
                    assertThat(LABEL.matcher(label).matches() && !label.startsWith("__"))
                            .as("label name %s in %s", label, line)
                            .isTrue();
                    assertThat(labelNames.add(label))
                            .as("label %s twice in %s", label, line)
                            .isTrue();
                    assertThat(line.charAt(eq + 1))
                            .as("a quoted value in %s", line)
                            .isEqualTo('"');
                    at = eq + 2;
                    while (line.charAt(at) != '"') {
                        if (line.charAt(at) == '\\') {
                            assertThat(line.charAt(at + 1))
                                    .as("escape in %s", line)
                                    .isIn('\\', '"', 'n');
                            at++;
                        }
                        at++;
                    }
                    at++;
                    if (line.charAt(at) == ',') {
                        at++;
                        assertThat(line.charAt(at))
                                .as("no trailing comma in %s", line)
                                .isNotEqualTo('}');
                    }
                }
                at++;
            }
            assertThat(line.charAt(at))
                    .as("one space before the value: %s", line)
                    .isEqualTo(' ');
            String[] rest = line.substring(at + 1).split(" ", -1);
            assertThat(rest.length).as("value [timestamp]: %s", line).isBetween(1, 2);
            assertThat(VALUE.matcher(rest[0]).matches()).as("value of %s", line).isTrue();
            String series = line.substring(0, at);
            double value = rest[0].endsWith("Inf")
                    ? (rest[0].startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                    : Double.parseDouble(rest[0]);
            assertThat(out.put(series, value)).as("repeated series %s", series).isNull();
        }
        return out;
    }

    /** The parser above refuses what Prometheus would (or what would make a scrape ambiguous). */
    @Test
    void theParserIsStrict() {
        String ok = "# HELP a_total A.\n# TYPE a_total counter\na_total{x=\"1\"} 2\n";
        assertThat(parse(ok)).containsEntry("a_total{x=\"1\"}", 2.0);
        for (String bad : List.of(
                ok.replace(" 2\n", " 2"), // no final newline
                ok + "\n", // an empty line
                "a_total 1\n" + ok, // a sample before its TYPE
                ok + "a_total{x=\"1\"} 3\n", // a repeated series
                ok + "# HELP b B.\n# TYPE b gauge\nb 1\na_total{x=\"2\"} 1\n", // a family split
                ok.replace("a_total", "a"), // a counter not _total
                ok.replace("{x=\"1\"}", "{x=\"1\",}"), // a trailing comma
                ok.replace("{x=\"1\"}", "{x=\"1\",x=\"2\"}"), // a label twice
                ok.replace("{x=\"1\"}", "{x=\"\\t\"}"), // an escape the format has not
                ok.replace(" 2\n", " Infinity\n"), // Java's infinity, not +Inf
                ok.replace(" 2\n", "  2\n"), // two spaces
                ok + "# TYPE a_total counter\n")) { // TYPE twice
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(bad))
                    .as(bad)
                    .isInstanceOf(AssertionError.class);
        }
    }

    /** Every tick of the demo, and a host with nothing at all, in the strict format. */
    @Test
    void everyDemoTickIsStrictTextFormat() {
        for (Snapshot s : Snapshots.demo(8)) {
            assertThat(parse(PrometheusMetrics.write(s))).isNotEmpty();
        }
        dev.nethergaze.engine.Engine e = new dev.nethergaze.engine.Engine(new dev.nethergaze.engine.EngineSettings(
                false, 1000, java.time.Duration.ofMinutes(30), 5, "h", String::valueOf));
        assertThat(parse(PrometheusMetrics.write(e.snapshot(List.of())))).containsKey("nethergaze_ips_tracked");
    }

    @Test
    void theDemoHostInMetrics() {
        Snapshot s = Snapshots.demo(8).getLast();
        Map<String, Double> m = parse(PrometheusMetrics.write(s));
        assertThat(m.get("nethergaze_connections{state=\"SYN_RECV\"}")).isEqualTo(270.0);
        // listeners are not connections (JSON lists them apart): no always-0 LISTEN series
        assertThat(m).doesNotContainKey("nethergaze_connections{state=\"LISTEN\"}");
        assertThat(m.get("nethergaze_connections{state=\"ESTABLISHED\"}"))
                .isEqualTo((double) s.totals().established());
        assertThat(m.get("nethergaze_ips_tracked"))
                .isEqualTo((double) s.totals().ipsTracked());
        assertThat(m.get("nethergaze_ssh_auth_failures_total"))
                .isEqualTo((double) s.totals().authFailures());
        assertThat(m.get("nethergaze_http_requests_total"))
                .isEqualTo((double) s.totals().requests());

        Map<Severity, Integer> worst = new HashMap<>();
        int bruteForce = 0;
        for (IpView v : s.ips()) {
            v.findings().stream()
                    .map(Finding::severity)
                    .max(Enum::compareTo)
                    .ifPresent(w -> worst.merge(w, 1, Integer::sum));
            bruteForce += (int) v.findings().stream()
                    .filter(f -> f.rule().equals("ssh_bruteforce"))
                    .count();
        }
        for (Severity sev : Severity.values()) {
            assertThat(m.get("nethergaze_flagged_ips{severity=\"" + sev.json() + "\"}"))
                    .as(sev.json())
                    .isEqualTo((double) worst.getOrDefault(sev, 0));
            assertThat(m.get("nethergaze_flagged_ips_unblocked{severity=\"" + sev.json() + "\"}"))
                    .as("nothing blocked in the demo: all of them are left to do")
                    .isEqualTo((double) worst.getOrDefault(sev, 0));
        }
        assertThat(m.get("nethergaze_blocked_ips")).isZero();
        assertThat(worst.get(Severity.CRITICAL))
                .as("the scanner and the brute-forcer that got in")
                .isEqualTo(2);
        assertThat(m.get("nethergaze_findings{rule=\"ssh_bruteforce\",severity=\"high\"}"))
                .isEqualTo(bruteForce);
        assertThat(m.get("nethergaze_findings{rule=\"ssh_login_after_guessing\",severity=\"critical\"}"))
                .isEqualTo(1.0);
        assertThat(m.keySet()).noneMatch(k -> k.contains("2001:db8") || k.contains("198.51.100."));
        assertThat(m.get("nethergaze_source_up{source=\"demo\",kind=\"demo\"}")).isEqualTo(1.0);
    }

    /** A flagged IP the firewall drops whole is done; one held on a port only is still to do. */
    @Test
    void flaggedIpsTheFirewallDropsWholeAreNotLeftToDo() {
        Snapshot s = Snapshots.demo(60).getLast();
        List<IpView> ips = new java.util.ArrayList<>();
        IpView whole = null;
        IpView port = null;
        for (IpView v : s.ips()) {
            if (!v.findings().isEmpty() && whole == null) {
                whole = v.withBlocked(List.of(new dev.nethergaze.model.Block("nethergaze", "r", "", "x", null)));
                v = whole;
            } else if (!v.findings().isEmpty() && port == null) {
                port = v.withBlocked(
                        List.of(new dev.nethergaze.model.Block("fail2ban sshd", "r", "tcp dport 22", "x", null)));
                v = port;
            }
            ips.add(v);
        }
        Map<String, Double> before = parse(PrometheusMetrics.write(s));
        Map<String, Double> m = parse(PrometheusMetrics.write(s.withIps(ips)));
        assertThat(m.get("nethergaze_blocked_ips")).isEqualTo(2.0);
        String sev = whole.findings().stream()
                .map(Finding::severity)
                .max(Enum::compareTo)
                .orElseThrow()
                .json();
        String key = "nethergaze_flagged_ips_unblocked{severity=\"" + sev + "\"}";
        assertThat(m.get(key)).isEqualTo(before.get(key) - 1);
        double open = 0;
        double flagged = 0;
        for (Severity x : Severity.values()) {
            open += m.get("nethergaze_flagged_ips_unblocked{severity=\"" + x.json() + "\"}");
            flagged += m.get("nethergaze_flagged_ips{severity=\"" + x.json() + "\"}");
        }
        assertThat(open).as("only the one dropped whole is done").isEqualTo(flagged - 1);
    }

    /**
     * A capture's per-IP figures in bounded series: IPs by packet rate and by handshake time in fixed
     * buckets and the busiest rate, never an address as a label; none without a capture, and no rate
     * series while the capture counts nothing.
     */
    @Test
    void captureFiguresAreBucketsOfIpsNotASeriesPerIp() {
        dev.nethergaze.engine.Engine e = new dev.nethergaze.engine.Engine(new dev.nethergaze.engine.EngineSettings(
                false, 1000, java.time.Duration.ofMinutes(30), 5, "h", String::valueOf));
        java.time.Instant t0 = java.time.Instant.parse("2026-12-07T04:00:00Z");
        assertThat(PrometheusMetrics.write(e.snapshot(List.of()))).doesNotContain("nethergaze_wire_");
        List<dev.nethergaze.model.WireDelta> d = new java.util.ArrayList<>();
        for (int i = 1; i <= 120; i++) { // 120 addresses: 100 at 5 packets, 20 at 5,000 (a 10 s rate of 500)
            d.add(delta("203.0.113." + i, i <= 100 ? 5 : 5000, i <= 3 ? 2_000_000L * i : -1));
        }
        e.apply(new dev.nethergaze.model.PacketTick("capture", t0, d, false, true));
        e.maintain(t0);
        Map<String, Double> m = parse(PrometheusMetrics.write(e.snapshot(List.of())));
        assertThat(m.get("nethergaze_wire_ips")).isEqualTo(120.0);
        assertThat(m.get("nethergaze_wire_ips_by_pps{le=\"1.0\"}")).isEqualTo(100.0);
        assertThat(m.get("nethergaze_wire_ips_by_pps{le=\"100.0\"}")).isEqualTo(100.0);
        assertThat(m.get("nethergaze_wire_ips_by_pps{le=\"1000.0\"}")).isEqualTo(120.0);
        assertThat(m.get("nethergaze_wire_ips_by_pps{le=\"+Inf\"}")).isEqualTo(120.0);
        assertThat(m.get("nethergaze_wire_ip_pps_max")).isEqualTo(500.0);
        // medians of 2, 4 and 6 ms; the others answered no handshake
        assertThat(m.get("nethergaze_wire_ips_by_handshake_rtt_ms{le=\"1.0\"}")).isZero();
        assertThat(m.get("nethergaze_wire_ips_by_handshake_rtt_ms{le=\"5.0\"}")).isEqualTo(2.0);
        assertThat(m.get("nethergaze_wire_ips_by_handshake_rtt_ms{le=\"10.0\"}"))
                .isEqualTo(3.0);
        assertThat(m.get("nethergaze_wire_ips_by_handshake_rtt_ms{le=\"+Inf\"}"))
                .isEqualTo(3.0);
        assertThat(m.keySet().stream().filter(k -> k.startsWith("nethergaze_wire_")))
                .as("bounded: a fixed set of series however many addresses")
                .hasSize(1 + 6 + 1 + 8)
                .noneMatch(k -> k.contains("203.0.113."));

        e.maintain(t0.plusSeconds(5)); // the capture stopped counting: its rates are unknown
        Map<String, Double> stale = parse(PrometheusMetrics.write(e.snapshot(List.of())));
        assertThat(stale.get("nethergaze_wire_ips")).isEqualTo(120.0);
        assertThat(stale.keySet())
                .noneMatch(k -> k.startsWith("nethergaze_wire_ips_by_pps") || k.startsWith("nethergaze_wire_ip_pps"));
    }

    /** {@code packets} sent by {@code ip}; with a handshake answered in {@code rttNanos} unless negative. */
    private static dev.nethergaze.model.WireDelta delta(String ip, long packets, long rttNanos) {
        return new dev.nethergaze.model.WireDelta(
                dev.nethergaze.model.IpKey.parse(ip),
                packets,
                60 * packets,
                0,
                0,
                0,
                0,
                rttNanos < 0 ? 0 : 1,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                List.of(),
                rttNanos < 0 ? List.of() : List.of(rttNanos),
                0,
                0,
                null);
    }

    /** A source is named by its path: quotes, backslashes and newlines in it are escaped, not breaking lines. */
    @Test
    void labelValuesAreEscaped() {
        Snapshot d = Snapshots.demo(2).getLast();
        String odd = "http:/var/log/we\"ird\\dir/a\nb.log";
        Snapshot s = new Snapshot(
                d.generatedAt(),
                d.host(),
                List.of(new SourceHealth(odd, "http", SourceStatus.PERMISSION_DENIED, "", 7, 2)),
                d.totals(),
                d.ips(),
                d.listeners(),
                d.findings(),
                List.of());
        Map<String, Double> m = parse(PrometheusMetrics.write(s));
        String labels = "{source=\"http:/var/log/we\\\"ird\\\\dir/a\\nb.log\",kind=\"http\"}";
        assertThat(m.get("nethergaze_source_up" + labels)).isZero();
        assertThat(m.get("nethergaze_source_lines_total" + labels)).isEqualTo(7.0);
        assertThat(m.get("nethergaze_source_malformed_lines_total" + labels)).isEqualTo(2.0);
    }

    /**
     * A source that is behind (working, if late) counts as up, and the HELP line says so: it said "1
     * when the source works (ok or done)", so a scraper's reader took the 1 of a lagging log for ok.
     */
    @Test
    void aSourceBehindIsUpAndTheHelpSaysWhatUpMeans() {
        Snapshot d = Snapshots.demo(2).getLast();
        Snapshot s = new Snapshot(
                d.generatedAt(),
                d.host(),
                List.of(new SourceHealth("http:/var/log/a.log", "http", SourceStatus.BEHIND, "", 7, 0)),
                d.totals(),
                d.ips(),
                d.listeners(),
                d.findings(),
                List.of());
        String text = PrometheusMetrics.write(s);
        assertThat(parse(text).get("nethergaze_source_up{source=\"http:/var/log/a.log\",kind=\"http\"}"))
                .isEqualTo(1.0);
        assertThat(text)
                .contains("# HELP nethergaze_source_up 1 when the source works (ok, done, or behind: reading, if"
                        + " late), 0 when it is missing, denied or failing.\n");
    }
}
