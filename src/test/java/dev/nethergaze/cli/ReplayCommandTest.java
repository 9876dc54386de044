package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nethergaze.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** replay on the real logs of ../shared/testdata/accesslog/combined*: counts equal ORACLES.md. */
class ReplayCommandTest {

    private static JsonNode replay(String file) {
        CliRun r =
                CliRun.of("replay", "--json", TestData.path("accesslog/" + file).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return r.json();
    }

    private static Map<String, Long> requestsPerIp(JsonNode doc) {
        Map<String, Long> m = new HashMap<>();
        doc.get("ips")
                .forEach(ip -> m.put(ip.get("ip").asText(), ip.get("requests").asLong()));
        return m;
    }

    private static Map<String, Long> statusTotals(JsonNode doc) {
        Map<String, Long> m = new HashMap<>();
        doc.get("ips")
                .forEach(ip -> ip.get("status")
                        .properties()
                        .forEach(e -> m.merge(e.getKey(), e.getValue().asLong(), Long::sum)));
        return m;
    }

    /** ORACLES.md, accesslog/: parsed lines, distinct hosts, top host and count, unparsed lines. */
    @ParameterizedTest
    @CsvSource({
        "combined/crowdsec_apache2-logs.log, 7, 5, 2, 2",
        "combined/crowdsec_nginx-bad-user-agent.log, 3, 1, 3, 0",
        "combined/crowdsec_nginx-http-generic-bf.log, 6, 1, 6, 16",
        "combined/crowdsec_nginx-http-path-traversal.log, 9, 1, 9, 0",
        "combined/crowdsec_nginx-http-sensitive-files.log, 9, 1, 9, 0",
        "combined/crowdsec_nginx-http-sqli-probing.log, 16, 1, 16, 0",
        "combined/crowdsec_nginx-http-xss-probing.log, 26, 1, 26, 0",
        "combined/crowdsec_nginx_http-logs.log, 7, 1, 7, 2",
        "combined/drill_hackers-access_basjes.log, 3456, 520, 150, 0",
        "combined/lnav_logfile_access_log.0.log, 3, 1, 3, 0",
        "combined-extended/crowdsec_traefik_clf.log, 7, 4, 4, 0", // its unparsed lines 8-9 are blank: skipped, not
        // malformed
        "combined-extended/lnav_shop_access_log.log, 1000, 101, 88, 0"
    })
    void everyCombinedLogMatchesTheOracle(String file, long parsed, int hosts, long topCount, long unparsed) {
        JsonNode d = replay(file);
        assertThat(d.get("totals").get("requests").asLong()).isEqualTo(parsed);
        assertThat(d.get("ips")).hasSize(hosts);
        assertThat(d.get("ips").get(0).get("requests").asLong()).isEqualTo(topCount);
        long statusSum =
                statusTotals(d).values().stream().mapToLong(Long::longValue).sum();
        assertThat(statusSum).isEqualTo(parsed);
        assertThat(d.get("sources").get(0).get("malformed").asLong()).isEqualTo(unparsed);
    }

    /** A log's escape sequences reach the reader's terminal made visible, in the report as in the evidence. */
    @Test
    void theTextReportShowsALinesControlCharactersInsteadOfSendingThem(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("access.log");
        Files.writeString(
                log,
                "{\"remote_addr\":\"203.0.113.9\",\"time_iso8601\":\"2025-03-10T10:00:00+00:00\","
                        + "\"request\":\"GET /\\u001b[2J\\u001b]0;pwned\\u0007 HTTP/1.1\",\"status\":\"404\","
                        + "\"body_bytes_sent\":\"9\",\"http_user_agent\":\"\\u001b[31mred\\u009b0m\"}\n"
                        + "203.0.113.10 - - [10/Mar/2025:10:00:01 +0000] \"GET /\u001b[5m HTTP/1.1\" 200 9 \"-\" \"x\"\n");
        CliRun r = CliRun.of("replay", "--offline", "--no-history", log.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("GET /\\x1b[2J\\x1b]0;pwned\\x07").contains("GET /\\x1b[5m");
        assertThat(r.out().chars().filter(c -> (c < 0x20 && c != '\n') || (c >= 0x7f && c < 0xa0)))
                .as("control characters in the report")
                .isEmpty();
    }

    /**
     * A line longer than the 64 KiB cap inside its user agent keeps the agent as far as it was read: a
     * 70 KB "sqlmap AAAA…" is still sqlmap's (it was "" before, and no rule saw it), and the detail
     * says the line was read cut.
     */
    @Test
    void aUserAgentCutAtTheLineCapIsKeptAsFarAsItGoes(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("access.log");
        Files.write(
                log,
                List.of(
                        "203.0.113.70 - - [10/Mar/2025:10:00:00 +0000] \"GET /item?id=1 HTTP/1.1\" 200 5 \"-\" \"sqlmap/1.8"
                                + " " + "A".repeat(70_000) + "\""));
        CliRun r = CliRun.of("replay", "--json", "--offline", "--no-history", log.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode d = r.json();
        JsonNode ip = CliRun.ip(d, "203.0.113.70");
        assertThat(ip.get("last_requests").get(0).get("user_agent").asText()).startsWith("sqlmap/1.8 AAAA");
        assertThat(ip.get("findings").findValuesAsText("rule")).contains("scanner_agent");
        assertThat(d.get("sources").get(0).get("detail").asText())
                .isEqualTo("access: 1 line, 1 event, 1 longer than 64 KiB read as far as that");
    }

    /** ips_shown is what ips[] lists after a filter; hidden_requests what the hidden private remotes asked. */
    @Test
    void theTotalsSayWhatTheListLeavesOut(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("access.log");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            lines.add("10.0.0.5 - - [10/Mar/2025:10:00:0" + i + " +0000] \"GET /a HTTP/1.1\" 200 100 \"-\" \"ua\"");
        }
        lines.add("203.0.113.99 - - [10/Mar/2025:10:00:09 +0000] \"GET /b HTTP/1.1\" 200 100 \"-\" \"ua\"");
        lines.add("198.51.100.1 - - [10/Mar/2025:10:00:09 +0000] \"GET /c HTTP/1.1\" 200 100 \"-\" \"ua\"");
        Files.write(log, lines);
        CliRun filtered = CliRun.of("replay", "--json", "--offline", "--filter", "cidr:203.0.113.0/24", log.toString());
        JsonNode f = filtered.json();
        assertThat(f.get("ips")).hasSize(1);
        assertThat(f.get("totals").get("ips_shown").asInt()).isEqualTo(1);
        assertThat(f.get("totals").get("ips").asInt()).isEqualTo(3);
        CliRun hidden = CliRun.of("replay", "--json", "--offline", "--hide-private-ips", log.toString());
        JsonNode h = hidden.json();
        assertThat(h.get("totals").get("requests").asLong()).isEqualTo(10);
        assertThat(h.get("totals").get("hidden_requests").asLong()).isEqualTo(8);
        assertThat(h.get("ips")).hasSize(2);
        CliRun text = CliRun.of("replay", "--offline", "--hide-private-ips", log.toString());
        assertThat(text.out()).contains("requests 10 (8 of hidden private addresses)");
    }

    /**
     * More IPs than limits.max_ips: an IP dropped and seen again counts anew, so the report says its
     * per-IP figures may be short (in the text, and on stderr beside the JSON).
     */
    @Test
    void evictionsAreSaidNotHidden(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("access.log");
        List<String> lines = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 300; i++) {
                lines.add("203.0.113." + i % 250 + " - - [10/Mar/2025:10:" + (10 + round) + ":00 +0000] \"GET /" + i
                        + " HTTP/1.1\" 200 1 \"-\" \"ua\"");
            }
        }
        Files.write(log, lines);
        CliRun text = CliRun.of("replay", "--offline", "--set", "limits.max_ips=100", log.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("! more IPs than limits.max_ips: the least recently seen was dropped");
        CliRun json = CliRun.of("replay", "--json", "--offline", "--set", "limits.max_ips=100", log.toString());
        assertThat(json.json().get("totals").get("evicted_ips").asLong()).isPositive();
        assertThat(json.json().get("totals").get("requests").asLong()).isEqualTo(600);
        assertThat(json.err()).contains("per-IP figures may be short (the totals are whole)");
        CliRun enough = CliRun.of("replay", "--offline", log.toString());
        assertThat(enough.out()).doesNotContain("more IPs than limits.max_ips");
    }

    /**
     * A key-guessing client: sshd logs its failed keys only at VERBOSE, so "maximum authentication
     * attempts exceeded" (or "Too many authentication failures") is all there is of each connection,
     * and counts as its failure; after logged failures it adds none. It counted for nothing before.
     */
    @Test
    void tooManyAuthenticationFailuresIsAFailureWhenNoneWasLogged(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String pid = String.valueOf(400 + i);
            String t = String.format("Mar 10 10:00:%02d web01 sshd[", i * 2);
            lines.add(t + pid + "]: error: maximum authentication attempts exceeded for root from 198.51.100.80 port "
                    + (8000 + i) + " ssh2 [preauth]");
            lines.add(t + pid + "]: Disconnecting authenticating user root 198.51.100.80 port " + (8000 + i)
                    + ": Too many authentication failures [preauth]");
            String other = String.valueOf(500 + i);
            lines.add(t + other + "]: Connection from 198.51.100.81 port " + (9000 + i) + " on 192.0.2.1 port 22");
            lines.add(t + other + "]: Disconnecting: Too many authentication failures [preauth]");
        }
        for (int i = 0; i < 6; i++) { // logged failures, then the limit: six, not seven
            lines.add("Mar 10 10:01:0" + i
                    + " web01 sshd[600]: Failed password for root from 198.51.100.82 port 7000 ssh2");
        }
        lines.add("Mar 10 10:01:06 web01 sshd[600]: error: maximum authentication attempts exceeded for root from"
                + " 198.51.100.82 port 7000 ssh2 [preauth]");
        Path log = Files.write(dir.resolve("auth.log"), lines);
        CliRun r = CliRun.of("replay", "--json", "--offline", "--no-history", log.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode d = r.json();
        assertThat(CliRun.ip(d, "198.51.100.80").get("auth").get("failures").asLong())
                .isEqualTo(10);
        assertThat(CliRun.ip(d, "198.51.100.80").get("auth").get("users").toString())
                .contains("root");
        assertThat(CliRun.ip(d, "198.51.100.81").get("auth").get("failures").asLong())
                .isEqualTo(10);
        assertThat(CliRun.ip(d, "198.51.100.82").get("auth").get("failures").asLong())
                .isEqualTo(6);
        assertThat(d.get("totals").get("auth_failures").asLong()).isEqualTo(26);
        assertThat(CliRun.ip(d, "198.51.100.80").get("findings").findValuesAsText("rule"))
                .contains("ssh_bruteforce");
    }

    /** An auth line longer than the 64 KiB cap, cut before its address, is counted as unparsed, not lost unsaid. */
    @Test
    void anAuthLineCutAtTheLineCapIsCounted(@TempDir Path dir) throws Exception {
        Path log = Files.write(
                dir.resolve("auth.log"),
                List.of(
                        "Mar 10 10:00:00 web01 sshd[7]: Failed password for root from 198.51.100.3 port 1 ssh2",
                        "Mar 10 10:00:01 web01 sshd[8]: Failed password for invalid user " + "u".repeat(70_000)
                                + " from 198.51.100.4 port 2 ssh2",
                        "Mar 10 10:00:02 web01 sshd[9]: Failed password for root from 198.51.100.5 port 3 ssh2"));
        CliRun r = CliRun.of("replay", "--json", "--offline", "--no-history", log.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode source = r.json().get("sources").get(0);
        assertThat(source.get("malformed").asLong()).isEqualTo(1);
        assertThat(source.get("detail").asText()).contains("1 unparsed (first at " + log + ":2; 1 longer than 64 KiB)");
    }

    /** A log compressed in a form replay does not unpack says which and how to read it, beside the others. */
    @Test
    void bzip2XzAndZstdLogsSayHowToReadThem(@TempDir Path dir) throws Exception {
        Path bz = Files.write(dir.resolve("access.log.2.bz2"), new byte[] {'B', 'Z', 'h', '9', '1', 'A', 'Y'});
        Path xz = Files.write(dir.resolve("access.log.3.xz"), new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0, 0});
        Path zst = Files.write(dir.resolve("access.log.4.zst"), new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0});
        Path plain = Files.write(
                dir.resolve("access.log"),
                List.of("203.0.113.5 - - [10/Mar/2025:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"x\""));
        CliRun r = CliRun.of(
                "replay",
                "--json",
                "--offline",
                "--no-history",
                bz.toString(),
                xz.toString(),
                zst.toString(),
                plain.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode d = r.json();
        assertThat(d.get("totals").get("requests").asLong()).isEqualTo(1);
        assertThat(CliRun.element(d.get("sources"), "name", bz.toString())
                        .get("detail")
                        .asText())
                .endsWith(bz + ": bzip2-compressed, which replay does not unpack: bzcat " + bz
                        + " | nethergaze replay -");
        assertThat(CliRun.element(d.get("sources"), "name", xz.toString())
                        .get("status")
                        .asText())
                .isEqualTo("error");
        assertThat(CliRun.element(d.get("sources"), "name", xz.toString())
                        .get("detail")
                        .asText())
                .contains("xzcat ");
        assertThat(CliRun.element(d.get("sources"), "name", zst.toString())
                        .get("detail")
                        .asText())
                .contains("zstdcat ");
    }

    /**
     * Every input failed while being read (a .bz2 alone, a gzip cut within its header): exit 2 with a
     * line saying so, not 0 with an empty report a script takes for a quiet log.
     */
    @Test
    void nothingReadableInAnyInputIsExit2(@TempDir Path dir) throws Exception {
        Path bz = Files.write(dir.resolve("access.log.2.bz2"), new byte[] {'B', 'Z', 'h', '9', '1', 'A', 'Y'});
        Path gz = Files.write(dir.resolve("access.log.3.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0});
        CliRun r = CliRun.of("replay", "--json", "--offline", "--no-history", bz.toString(), gz.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("nethergaze: replay: nothing could be read from the input");
        assertThat(r.json().get("sources").findValuesAsText("status")).containsOnly("error");

        Path empty = Files.write(dir.resolve("quiet.log"), new byte[0]);
        CliRun quiet = CliRun.of("replay", "--json", "--offline", "--no-history", empty.toString());
        assertThat(quiet.exit())
                .as("an empty log was read: a quiet day, exit 0")
                .isZero();
    }

    /**
     * A gzip cut in its body after some lines were read: the cut said once (its sources[] entry and
     * stderr, with the line), the report of what was read, exit 0 as when one of several inputs fails;
     * before: "nothing could be read from the input" after that report, and exit 2.
     */
    @Test
    void aGzipCutInItsBodyAfterEventsIsAReportNotANothingRead(@TempDir Path dir) throws Exception {
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(whole)) {
            for (int i = 0; i < 2000; i++) {
                z.write(String.format(
                                "192.0.2.%d - - [30/Nov/2026:10:00:%02d +0000] \"GET /g%d HTTP/1.1\" 200 10 \"-\" \"ua\"%n",
                                i % 250 + 1, i % 60, i)
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        }
        byte[] gz = whole.toByteArray();
        Path cut = Files.write(dir.resolve("trunc.log.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        CliRun r = CliRun.of("replay", "--json", "--offline", "--no-history", cut.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("nothing could be read");
        long read = r.json().get("totals").get("requests").asLong();
        assertThat(read).isBetween(1L, 1999L);
        assertThat(r.json().get("sources").findValuesAsText("status")).containsOnly("error");
        assertThat(r.json().get("sources").findValuesAsText("detail"))
                .singleElement()
                .asString()
                .contains(read + " events", "unexpected end of file", "(after line " + read + ")");
    }

    /** A PAM failure with no "Failed" line of its pid counts once, also the last one of the file. */
    @Test
    void aPamOnlyFailureIsCountedAtItsConnectionsEndOrTheFilesEnd(@TempDir Path dir) throws Exception {
        Path log = Files.write(
                dir.resolve("pam3.log"),
                List.of(
                        "Nov 30 10:00:01 host sshd[701]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.121  user=root",
                        "Nov 30 10:00:06 host sshd[703]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.123  user=root",
                        "Nov 30 10:00:16 host sshd[703]: Connection closed by authenticating user root 198.51.100.123 port 1 [preauth]"));
        CliRun r = CliRun.of("replay", "--json", "--offline", "--no-history", log.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Long> failures = new HashMap<>();
        r.json()
                .get("ips")
                .forEach(ip -> failures.put(
                        ip.get("ip").asText(), ip.get("auth").get("failures").asLong()));
        assertThat(failures).containsOnly(Map.entry("198.51.100.121", 1L), Map.entry("198.51.100.123", 1L));
    }

    /**
     * A capture of which nothing can be read (its global header cut short: the first 10 bytes of a real
     * pcap) is like a log that cannot be opened: given alone, a usage error in one line naming the file,
     * exit 2, no report (before: exit 0 and a report whose sources[] said error); beside a readable
     * file, left out and listed.
     */
    @Test
    void aCaptureWithNothingReadableIsLeftOutOrAUsageError(@TempDir Path dir) throws Exception {
        byte[] pcap = Files.readAllBytes(TestData.path("pcap/zeek/tcp_syn-synack.pcap"));
        Path cut = Files.write(dir.resolve("cut.pcap"), java.util.Arrays.copyOf(pcap, 10));
        CliRun alone = CliRun.of("replay", "--json", "--offline", "--no-history", cut.toString());
        assertThat(alone.exit()).as(alone.out()).isEqualTo(2);
        assertThat(alone.out()).isEmpty();
        assertThat(alone.err())
                .isEqualTo("nethergaze: " + cut + ": truncated pcap file header (10 of 24 bytes) at offset 10"
                        + System.lineSeparator());

        Path log = Files.write(
                dir.resolve("access.log"),
                List.of("203.0.113.5 - - [10/Mar/2025:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"x\""));
        CliRun mixed = CliRun.of("replay", "--json", "--offline", "--no-history", cut.toString(), log.toString());
        assertThat(mixed.exit()).as(mixed.err()).isZero();
        JsonNode entry = CliRun.element(mixed.json().get("sources"), "name", cut.toString());
        assertThat(entry.get("kind").asText()).isEqualTo("capture");
        assertThat(entry.get("status").asText()).isEqualTo("error");
        assertThat(entry.get("detail").asText()).isEqualTo("truncated pcap file header (10 of 24 bytes) at offset 10");
        assertThat(mixed.json().get("totals").get("requests").asLong()).isEqualTo(1);
    }

    /**
     * A capture whose last packet is cut short (copied while tcpdump wrote it) is no error: read up to
     * there, done, saying so (before: status error).
     */
    @Test
    void aCaptureCutShortInItsLastPacketIsReadUpToThere(@TempDir Path dir) throws Exception {
        byte[] pcap = Files.readAllBytes(TestData.path("pcap/zeek/tcp_syn-synack.pcap")); // SYN, SYN-ACK
        Path cut = Files.write(dir.resolve("cut.pcap"), java.util.Arrays.copyOf(pcap, pcap.length - 10));
        CliRun r = CliRun.of("replay", "--json", "--offline", "--no-history", "--show-private-ips", cut.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode entry = CliRun.element(r.json().get("sources"), "name", "capture:" + cut);
        assertThat(entry.get("status").asText()).isEqualTo("done");
        assertThat(entry.get("detail").asText())
                .isEqualTo(cut + ": 1 packets, read up to where the file is cut short (truncated packet (64 of 74"
                        + " bytes) at offset 118)");
        assertThat(CliRun.ip(r.json(), "141.142.228.5").get("wire").get("syn").asLong())
                .as("the SYN before the cut")
                .isEqualTo(1);
    }

    /**
     * A capture's wire figures are the IP's own: 200 SYNs within 0.2 s are a peak of 200 a second (it
     * was "0 pps": the report's second had not completed), and first/last seen are its own packets'
     * times (they were the times of the tick batches they came in).
     */
    @Test
    void aCapturesRatesAndTimesAreTheIpsOwn() {
        JsonNode flood = CliRun.of(
                        "replay",
                        "--json",
                        "--offline",
                        "--no-history",
                        TestData.path("pcap/suricata-verify/tcp-session-syn-flood-drop-precedence.pcap")
                                .toString())
                .json();
        JsonNode w = CliRun.ip(flood, "192.0.2.10").get("wire");
        assertThat(w.get("packets").asLong()).isEqualTo(200);
        assertThat(w.get("peak_pps").asDouble()).isEqualTo(200.0);
        assertThat(w.get("pps").asDouble()).isEqualTo(200.0);
        assertThat(w.get("first_seen_ns").asLong()).isEqualTo(1_700_000_000_000_000_000L);
        assertThat(w.get("last_seen_ns").asLong()).isEqualTo(1_700_000_000_199_000_000L);
        JsonNode http = CliRun.of(
                        "replay",
                        "--json",
                        "--offline",
                        "--no-history",
                        "--show-private-ips",
                        TestData.path("pcap/zeek/http_get.pcap").toString())
                .json();
        assertThat(CliRun.ip(http, "141.142.228.5")
                        .get("wire")
                        .get("first_seen_ns")
                        .asLong())
                .isEqualTo(1_362_692_526_869_344_000L);
        assertThat(CliRun.ip(http, "192.150.187.43")
                        .get("wire")
                        .get("first_seen_ns")
                        .asLong())
                .isEqualTo(1_362_692_526_869_344_000L); // the SYN it received
    }

    /** replay looks up where each IP comes from in the local databases it is given (it ignored them). */
    @Test
    void aReplayShowsWhereItsIpsComeFrom(@TempDir Path dir) throws Exception {
        Path log = Files.write(
                dir.resolve("access.log"),
                List.of(
                        "81.2.69.160 - - [10/Mar/2025:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"x\"",
                        "1.128.0.1 - - [10/Mar/2025:10:00:01 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"x\""));
        CliRun r = CliRun.of(
                "replay",
                "--json",
                "--offline",
                "--no-history",
                "--geoip-city-db",
                TestData.path("mmdb/maxmind-test/GeoIP2-City-Test.mmdb").toString(),
                "--geoip-asn-db",
                TestData.path("mmdb/maxmind-test/GeoLite2-ASN-Test.mmdb").toString(),
                log.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode d = r.json();
        assertThat(CliRun.ip(d, "81.2.69.160").at("/geo/city").asText()).isEqualTo("London");
        assertThat(CliRun.ip(d, "1.128.0.1").at("/geo/asn").asLong()).isEqualTo(1221);
    }

    /**
     * explain --replay says where the IP comes from, from the same databases replay uses (it looked
     * up no geo: the options were accepted and ignored): an MMDB, or a --geo-csv file.
     */
    @Test
    void explainReplayShowsWhereTheIpComesFrom(@TempDir Path dir) throws Exception {
        Path log = Files.write(
                dir.resolve("access.log"),
                List.of(
                        "81.2.69.160 - - [10/Mar/2025:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"x\"",
                        "1.128.0.1 - - [10/Mar/2025:10:00:01 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"x\""));
        String city = TestData.path("mmdb/maxmind-test/GeoIP2-City-Test.mmdb").toString();
        String asn = TestData.path("mmdb/maxmind-test/GeoLite2-ASN-Test.mmdb").toString();
        CliRun json = CliRun.of(
                "explain", "81.2.69.160", "--json", "--offline", "--geoip-city-db", city, "--replay", log.toString());
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(json.json().get("seen").asBoolean()).isTrue();
        assertThat(json.json().at("/geo/country").asText()).isEqualTo("GB");
        assertThat(json.json().at("/geo/city").asText()).isEqualTo("London");

        CliRun text = CliRun.of(
                "explain",
                "1.128.0.1",
                "--offline",
                "--geoip-city-db",
                city,
                "--geoip-asn-db",
                asn,
                "--replay",
                log.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("1.128.0.1: no findings now\nwhere: AS1221 Telstra Pty Ltd\n");

        Path csv = Files.write(
                dir.resolve("ranges.csv"),
                List.of("81.2.69.0/24,GB,United Kingdom,London,2856,\"British Telecommunications, PLC\""));
        CliRun fromCsv = CliRun.of(
                "explain", "81.2.69.160", "--offline", "--geo-csv", csv.toString(), "--replay", log.toString());
        assertThat(fromCsv.exit()).as(fromCsv.err()).isZero();
        assertThat(fromCsv.out().lines())
                .containsExactly(
                        "81.2.69.160: no findings now",
                        "where: GB (United Kingdom), London; AS2856 British Telecommunications, PLC");
        CliRun notSeen = CliRun.of(
                "explain",
                "81.2.69.161",
                "--json",
                "--offline",
                "--geo-csv",
                csv.toString(),
                "--replay",
                log.toString());
        assertThat(notSeen.json().get("seen").asBoolean()).isFalse();
        assertThat(notSeen.json().get("geo").isNull()).isTrue();
    }

    /** A log saved with a UTF-8 byte order mark (a Windows editor) keeps its first line. */
    @Test
    void aByteOrderMarkDoesNotCostTheFirstLine(@TempDir Path dir) throws Exception {
        Path access = dir.resolve("access.log");
        Files.write(
                access,
                List.of(
                        "\uFEFF203.0.113.130 - - [10/Mar/2025:10:00:00 +0000] \"GET /bom HTTP/1.1\" 200 5 \"-\" \"x\"",
                        "203.0.113.131 - - [10/Mar/2025:10:00:01 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"x\""));
        Path auth = dir.resolve("auth.log");
        Files.writeString(
                auth,
                "\uFEFFMar 10 10:00:02 web1 sshd[42]: Failed password for root from 198.51.100.7 port 4242 ssh2\n");
        CliRun r = CliRun.of("replay", "--json", "--offline", "--no-history", access.toString(), auth.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode d = r.json();
        assertThat(d.get("totals").get("requests").asLong()).isEqualTo(2);
        assertThat(CliRun.ip(d, "203.0.113.130").get("requests").asLong()).isEqualTo(1);
        assertThat(CliRun.ip(d, "198.51.100.7").get("auth").get("failures").asLong())
                .isEqualTo(1);
    }

    @Test
    void drillHackersLog() {
        JsonNode d = replay("combined/drill_hackers-access_basjes.log");
        assertThat(d.get("schema_version").asInt()).isEqualTo(1);
        assertThat(d.get("totals").get("requests").asLong()).isEqualTo(3456);
        assertThat(d.get("ips")).hasSize(520);
        Map<String, Long> per = requestsPerIp(d);
        assertThat(per)
                .containsEntry("216.244.81.34", 150L)
                .containsEntry("192.99.244.139", 74L)
                .containsEntry("23.254.164.173", 72L);
        assertThat(d.get("ips").get(0).get("ip").asText())
                .as("most active first")
                .isEqualTo("216.244.81.34");
        assertThat(statusTotals(d)).containsExactlyInAnyOrderEntriesOf(Map.of("2xx", 2846L, "3xx", 585L, "4xx", 25L));
        JsonNode src = d.get("sources").get(0);
        assertThat(src.get("lines").asLong()).isEqualTo(3456);
        assertThat(src.get("malformed").asLong()).isZero();
    }

    @Test
    void shopLogWithExtendedFields() {
        JsonNode d = replay("combined-extended/lnav_shop_access_log.log");
        assertThat(d.get("totals").get("requests").asLong()).isEqualTo(1000);
        assertThat(d.get("ips")).hasSize(101);
        assertThat(requestsPerIp(d))
                .containsEntry("66.249.66.194", 88L)
                .containsEntry("66.249.66.91", 83L)
                .containsEntry("130.185.74.243", 78L);
        assertThat(statusTotals(d)).containsExactlyInAnyOrderEntriesOf(Map.of("2xx", 938L, "3xx", 38L, "4xx", 24L));
    }

    @Test
    void unparseableLinesAreCountedNotFatal() {
        JsonNode d = replay("combined/crowdsec_nginx_http-logs.log");
        assertThat(d.get("totals").get("requests").asLong()).isEqualTo(7);
        assertThat(requestsPerIp(d)).containsExactly(Map.entry("192.168.1.1", 7L));
        assertThat(statusTotals(d))
                .containsExactlyInAnyOrderEntriesOf(Map.of("2xx", 1L, "3xx", 1L, "4xx", 1L, "5xx", 4L));
        assertThat(d.get("sources").get(0).get("malformed").asLong()).isEqualTo(2);
    }

    @Test
    void scannerJunkKeepsItsAddressAndStatus() {
        JsonNode d = replay("malformed/crowdsec_nginx-http-malformed.log");
        assertThat(requestsPerIp(d)).containsExactly(Map.entry("1.2.3.4", 12L));
        assertThat(statusTotals(d)).containsExactly(Map.entry("4xx", 12L));
    }

    @Test
    void aDirectoryIsAOneLineUserError(@TempDir Path dir) {
        CliRun r = CliRun.of("replay", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("nethergaze: " + dir + ": is a directory (give the log files in it");
        CliRun explain = CliRun.of("explain", "192.0.2.1", "--replay", dir.toString());
        assertThat(explain.exit()).isEqualTo(2);
    }

    /** A replay with no event (an empty log) is dated when it was made, not at the epoch. */
    @Test
    void aReportOfNoEventIsDatedNow(@TempDir Path dir) throws Exception {
        Path empty = java.nio.file.Files.createFile(dir.resolve("access.log"));
        java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        JsonNode d = CliRun.of("replay", "--json", empty.toString()).json();
        java.time.Instant at = java.time.Instant.parse(d.get("generated_at").asText());
        assertThat(at).isBetween(before, java.time.Instant.now());
        assertThat(d.get("totals").get("requests").asLong()).isZero();
    }

    @Test
    void missingFileIsAOneLineUserError() {
        CliRun r = CliRun.of("replay", "--json", "/nonexistent/access.log");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("nethergaze: /nonexistent/access.log: no such file");
    }

    /** The text report says why: each flagged IP marked, its findings with the reason and evidence. */
    @Test
    void textReportShowsFindingsWithReasonAndEvidence() {
        CliRun r = CliRun.of(
                "replay",
                TestData.path("accesslog/combined/crowdsec_nginx-http-sensitive-files.log")
                        .toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .containsPattern(
                        "^Nethergaze — \\S+  2021-09-30 \\d\\d:\\d\\d:\\d\\d UTC\n") // as of the log's last line
                .contains("● 127.0.0.1 ")
                .contains("\nfindings:\n")
                .containsPattern(
                        "● 127\\.0\\.0\\.1  CRITICAL exploit since 2021-09-30 \\d\\d:\\d\\d:\\d\\d: 9 exploit probes")
                .contains("\"GET /.env HTTP/1.1\" 404")
                .contains("… 2 more");

        CliRun quiet = CliRun.of(
                "replay",
                TestData.path("accesslog/combined/drill_hackers-access_basjes.log")
                        .toString());
        assertThat(quiet.exit()).as(quiet.err()).isZero();
        String table = quiet.out()
                .substring(
                        0,
                        quiet.out().indexOf("\nfindings:") < 0
                                ? quiet.out().length()
                                : quiet.out().indexOf("\nfindings:"));
        assertThat(table.lines().filter(l -> l.startsWith("  ") || l.startsWith("● ") || l.startsWith("○ ")))
                .as("every row has its marker column")
                .hasSizeGreaterThan(10);
    }

    /**
     * Lines Apache 2.4 wrote in its stock vhost_combined format (ApacheCaddyNamespaceIT): each kept
     * request and each request in evidence names the site it was made to; a log without one says "".
     */
    @Test
    void theVhostOfARequestIsKeptAndShown(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("vhost.log");
        Files.writeString(log, """
                shop.example:443 192.0.2.40 - - [04/Dec/2026:19:09:50 +0000] "GET /.env HTTP/1.1" 404 397 "-" "curl/7.88.1"
                blog.example:80 192.0.2.40 - - [04/Dec/2026:19:09:51 +0000] "GET / HTTP/1.1" 200 203 "-" "curl/7.88.1"
                """);
        JsonNode ip = CliRun.ip(
                CliRun.of("replay", "--json", "--show-private-ips", log.toString())
                        .json(),
                "192.0.2.40");
        assertThat(ip.get("last_requests").findValuesAsText("vhost"))
                .as("the site, without vhost_combined's port")
                .containsExactly("shop.example", "blog.example");
        assertThat(ip.at("/findings/0/evidence/0").asText())
                .isEqualTo(
                        "2026-12-04T19:09:50Z 192.0.2.40 shop.example \"GET /.env HTTP/1.1\" 404 \"-\" \"curl/7.88.1\""
                                + "  [.env secrets file in path]");
        assertThat(CliRun.of(
                                "replay",
                                "--json",
                                TestData.path("accesslog/combined/crowdsec_apache2-logs.log")
                                        .toString())
                        .json()
                        .at("/ips/0/last_requests/0/vhost")
                        .asText())
                .as("crowdsec's Apache sample is vhost_combined")
                .isEqualTo("www.crowdsec.net");
        assertThat(CliRun.of(
                                "replay",
                                "--json",
                                TestData.path("accesslog/common/nasa_ksc_jul95_lines1-300.log")
                                        .toString())
                        .json()
                        .at("/ips/0/last_requests/0/vhost")
                        .asText())
                .isEmpty();
    }

    /** Two logs of one server (say, two sites): each kept request names the file it was read from. */
    @Test
    void eachRequestNamesItsLogFile(@TempDir Path tmp) throws Exception {
        Path shop = tmp.resolve("shop.access.log");
        Path blog = tmp.resolve("blog.access.log");
        Files.writeString(shop, """
                192.0.2.40 - - [04/Dec/2026:19:09:50 +0000] "GET /cart HTTP/1.1" 200 397 "-" "curl/7.88.1"
                192.0.2.40 - - [04/Dec/2026:19:09:52 +0000] "GET /pay HTTP/1.1" 200 397 "-" "curl/7.88.1"
                """);
        Files.writeString(blog, """
                192.0.2.40 - - [04/Dec/2026:19:09:51 +0000] "GET /post HTTP/1.1" 200 203 "-" "curl/7.88.1"
                """);
        JsonNode ip = CliRun.ip(
                CliRun.of("replay", "--json", "--show-private-ips", shop.toString(), blog.toString())
                        .json(),
                "192.0.2.40");
        assertThat(ip.get("last_requests").findValuesAsText("target")).containsExactly("/cart", "/post", "/pay");
        assertThat(ip.get("last_requests").findValuesAsText("source"))
                .containsExactly(shop.toString(), blog.toString(), shop.toString());
    }

    /** IPs seen only in an auth log or on the wire say what they did there, not an empty LAST column. */
    @Test
    void textReportDescribesAuthOnlyAndWireOnlyIps() {
        CliRun auth =
                CliRun.of("replay", TestData.path("authlog/crowdsec/ssh-bf.log").toString());
        assertThat(auth.out())
                .contains("● 35.188.49.176 ")
                .contains("ssh: 6 failed (6 as invalid users); users pascal");
        CliRun preauth = CliRun.of(
                "replay", TestData.path("authlog/crowdsec/sshd-logs.log").toString());
        assertThat(preauth.out().lines().filter(l -> l.contains(" 80.94.92.63 ")))
                .singleElement()
                .satisfies(l -> assertThat(l).endsWith("ssh: 1 left before auth; users root"));
        CliRun kex = CliRun.of(
                "replay",
                TestData.path("authlog/crowdsec/sshd-bad-keyexchange-bf.log").toString());
        assertThat(kex.out().lines().filter(l -> l.contains(" 123.57.135.134 ")).findFirst())
                .hasValueSatisfying(l -> assertThat(l).endsWith("ssh: 6 failed handshakes"));
        JsonNode kexJson = CliRun.of(
                        "replay",
                        "--json",
                        TestData.path("authlog/crowdsec/sshd-bad-keyexchange-bf.log")
                                .toString())
                .json();
        assertThat(CliRun.ip(kexJson, "123.123.123.123").get("auth"))
                .hasToString("{\"failures\":0,\"invalid_users\":0,\"accepted\":0,\"preauth_disconnects\":0,"
                        + "\"handshake_failures\":7,\"users\":[]}");
        CliRun wire =
                CliRun.of("replay", TestData.path("pcap/ndpi/tcp_scan.pcapng").toString());
        assertThat(wire.out()).contains("wire: 11 pkts 694B, SYN 4 (2 unanswered, 2 of them refused by RST), RST 2");
        // a SYN scan's open port: the SYN-ACK answered by RST is said, as the JSON's synack_reset is
        CliRun scanned = CliRun.of(
                "replay", TestData.path("pcap/esnet/nmap_80_vanilla.pcap").toString());
        assertThat(scanned.out()).contains("10.87.1.10").contains("SYN 3 (0 unanswered, 1 SYN-ACK reset by it), RST 3");
    }

    /**
     * Captures are merged with each other and with logs by time: a masscan of 2019 given after a 2020
     * capture is still judged when it happened (a SYN scan, ended), not after the 2020 packets when
     * its window had passed (no finding at all, before).
     */
    @Test
    void capturesAreMergedByTimeWithEachOtherAndWithLogs() {
        String newer = TestData.path("pcap/esnet/nmap_80_vanilla.pcap").toString();
        String older = TestData.path("pcap/esnet/tcp_0_1000_20190821.pcap").toString();
        String log = TestData.path("authlog/crowdsec/ssh-bf.log").toString();
        CliRun r = CliRun.of("replay", "--json", newer, log, older);
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode scanner = null;
        for (JsonNode ip : r.json().get("ips")) {
            if (ip.get("ip").asText().equals("172.31.15.102")) {
                scanner = ip;
            }
        }
        assertThat(scanner).isNotNull();
        List<String> rules = new ArrayList<>();
        scanner.get("findings").forEach(f -> rules.add(f.get("rule").asText()));
        scanner.get("earlier_findings").forEach(f -> rules.add(f.get("rule").asText()));
        assertThat(rules).contains("syn_scan");
        assertThat(r.json().get("sources")).hasSize(3);
    }

    /**
     * An {@code sshd -E} file (sshd's messages with no time) is an auth log whose lines a replay has no
     * time for, and says so: it was read as an access log and said "no line was recognised: not an
     * access, auth or journald log", of a file of sshd's own lines (as {@code explain --no-socket} and
     * {@code snapshot --since} said of the file given as {@code --auth-log}). Lines as OpenSSH 9.2 wrote them.
     */
    @Test
    void anSshdEFileSaysItsLinesHaveNoTime(@TempDir Path tmp) throws Exception {
        Path e = java.nio.file.Files.writeString(tmp.resolve("sshd.log"), """
                Server listening on 192.0.2.10 port 22.\r
                Failed password for root from 203.0.113.99 port 34143 ssh2\r
                Failed password for root from 203.0.113.99 port 34143 ssh2\r
                Disconnecting authenticating user root 203.0.113.99 port 34143: Too many authentication failures [preauth]\r
                """);
        CliRun r = CliRun.of("replay", "--json", e.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("sources").get(0).get("detail").asText())
                .startsWith("auth: 4 lines, 0 events, 3 unparsed")
                .contains("3 sshd lines without a time (as sshd -E writes them)")
                .doesNotContain("no line was recognised");
    }

    /** A file no parser recognises says so (it is read as an access log for want of a better guess). */
    @Test
    void aFileOfNoKnownFormatSaysSo(@TempDir Path tmp) throws Exception {
        Path notes = java.nio.file.Files.writeString(tmp.resolve("notes.txt"), "remember the milk\nand the eggs\n");
        CliRun r = CliRun.of("replay", "--json", notes.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.json().get("sources").get(0).get("detail").asText())
                .startsWith("access: 2 lines, 0 events, 2 unparsed")
                .contains("no line was recognised: not an access, auth or journald log");
        CliRun fine = CliRun.of(
                "replay",
                "--json",
                TestData.path("accesslog/common/nasa_ksc_jul95_lines1-300.log").toString());
        assertThat(fine.json().get("sources").get(0).get("detail").asText()) // 2 bad lines of 9: a log all the same
                .doesNotContain("no line was recognised");
    }

    /** A line over the cap is read cut and counted, and said to be too long, not of an unknown format. */
    @Test
    void anOverlongLineIsCountedAsTooLongNotAsAnUnknownFormat(@TempDir Path tmp) throws Exception {
        String line = "203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] \"GET /%s HTTP/1.1\" 200 12 \"-\" \"curl\"\n";
        Path log = java.nio.file.Files.writeString(tmp.resolve("big.log"), line.formatted("a".repeat(1 << 20)));
        CliRun r = CliRun.of("replay", "--json", log.toString());
        assertThat(r.exit()).isZero();
        JsonNode source = r.json().get("sources").get(0);
        assertThat(source.get("malformed").asLong()).isEqualTo(1);
        assertThat(source.get("detail").asText())
                .isEqualTo("access: 1 line, 0 events, 1 unparsed (first at " + log + ":1; 1 longer than 64 KiB)");

        java.nio.file.Files.writeString(log, line.formatted("ok") + line.formatted("a".repeat(70_000)) + "\n\n");
        JsonNode mixed = CliRun.of("replay", "--json", log.toString())
                .json()
                .get("sources")
                .get(0);
        assertThat(mixed.get("detail").asText())
                .isEqualTo("access: 4 lines, 1 event, 1 unparsed (first at " + log + ":2; 1 longer than 64 KiB)");
    }

    /**
     * An exploit probe is remembered for an hour (detect.http.memory_seconds): the finding ends an hour
     * after the probe, even when the log is quiet until long after, not at the next of the re-judgements
     * an eighth of the hour apart.
     */
    @Test
    void anExploitFindingEndsAnHourAfterTheProbe(@TempDir Path tmp) throws Exception {
        Path log = java.nio.file.Files.writeString(tmp.resolve("sparse.log"), """
                203.0.113.50 - - [04/Dec/2026:10:00:01 +0000] "GET /.env HTTP/1.1" 404 153 "-" "Mozilla/5.0"
                198.51.100.9 - - [04/Dec/2026:14:00:00 +0000] "GET / HTTP/1.1" 200 153 "-" "Mozilla/5.0"
                """);
        JsonNode ips = CliRun.of("replay", "--json", log.toString()).json().get("ips");
        JsonNode prober = null;
        for (JsonNode ip : ips) {
            if (ip.get("ip").asText().equals("203.0.113.50")) {
                prober = ip;
            }
        }
        assertThat(prober).isNotNull();
        assertThat(prober.get("findings")).isEmpty();
        JsonNode ended = prober.get("earlier_findings").get(0);
        assertThat(ended.get("rule").asText()).isEqualTo("exploit");
        assertThat(ended.get("ended").asText()).isEqualTo("2026-12-04T11:00:02Z");
    }

    /**
     * The real "hackers" access log of a Plone site (basjes): a login bot posts to {@code /login_form}
     * every few minutes from each of hundreds of addresses, far below six a minute and twenty addresses
     * in ten minutes. The busiest, 19 failed logins in a day, is a slow guess, ended, with its attempts
     * (and, on a later day, one of the network's slow distributed guess).
     */
    @Test
    void theSlowPloneLoginBotOfARealHackersLogIsFound() {
        CliRun r = CliRun.of(
                "replay",
                "--json",
                "--offline",
                "--no-history",
                TestData.path("accesslog/combined/drill_hackers-access_basjes.log")
                        .toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode ip = CliRun.ip(r.json(), "216.244.81.34");
        assertThat(ip.get("earlier_findings"))
                .extracting(p -> p.get("rule").asText())
                .containsExactlyInAnyOrder("http_login_slow", "http_login_spray_slow"); // also one of the network
        assertThat(ip.get("earlier_findings"))
                .filteredOn(p -> p.get("rule").asText().equals("http_login_slow"))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.get("observed").asLong()).isEqualTo(19);
                    assertThat(p.get("evidence").get(0).asText())
                            .contains("216.244.81.34 \"POST /login_form HTTP/1.1\" 200")
                            .endsWith("[Plone login]");
                });
    }
}
