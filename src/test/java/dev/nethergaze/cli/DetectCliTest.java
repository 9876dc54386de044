package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nethergaze.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** explain, replay --filter/--suspicious with findings in JSON, and block/unblock dry runs. */
class DetectCliTest {

    @TempDir
    Path tmp;

    @Test
    void explainReplayPrintsEveryFindingWithEvidence() {
        String log = TestData.path("accesslog/combined/crowdsec_nginx-http-path-traversal.log")
                .toString();
        CliRun r = CliRun.of("explain", "127.0.0.1", "--replay", log);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .startsWith("127.0.0.1: 1 finding, worst high\n")
                .contains("[high] exploit: 9 exploit probes (")
                .contains("observed 9, threshold 1, window 3600 s, since 2021-09-29T15:")
                .contains("  evidence:\n    2021-09-29T15:")
                .contains("\"GET /c:/win.ini HTTP/1.1\" 404");
        CliRun after = CliRun.of("explain", "--replay", log, "127.0.0.1"); // the IP last, after the files
        assertThat(after.exit()).as(after.err()).isZero();
        assertThat(after.out()).isEqualTo(r.out());
        CliRun noFile = CliRun.of("explain", "--replay", "127.0.0.1");
        assertThat(noFile.exit()).isEqualTo(2);
        assertThat(noFile.err())
                .isEqualTo("nethergaze: --replay: no log file given, only the address 127.0.0.1 (nethergaze explain"
                        + " IP --replay FILE...)\n");
        CliRun noIp = CliRun.of("explain", "--replay", log);
        assertThat(noIp.exit()).isEqualTo(2);
        assertThat(noIp.err())
                .isEqualTo("nethergaze: which IP? usage: nethergaze explain IP [--replay FILE...] [--json]\n");
        CliRun none = CliRun.of("explain", "192.0.2.9", "--replay", log);
        assertThat(none.out()).isEqualTo("192.0.2.9: not seen\n");
        CliRun json = CliRun.of("explain", "127.0.0.1", "--json", "--replay", log);
        assertThat(json.json().at("/findings/0/rule").asText()).isEqualTo("exploit");
        assertThat(json.json().at("/findings/0/evidence")).hasSize(5);
        assertThat(json.json().get("seen").asBoolean()).isTrue();
        assertThat(CliRun.of("explain", "192.0.2.9", "--json", "--replay", log)
                        .json()
                        .get("seen")
                        .asBoolean())
                .isFalse();
    }

    /** explain --replay judges what replay judges: an auth log too (it used to read access logs only: "not seen"). */
    @Test
    void explainReplayJudgesAuthLogsAndMixes() {
        String auth = TestData.path("authlog/crowdsec/ssh-bf.log").toString();
        String access = TestData.path("accesslog/combined/crowdsec_nginx-http-path-traversal.log")
                .toString();
        CliRun r = CliRun.of("explain", "35.188.49.176", "--replay", auth, access);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .startsWith("35.188.49.176: 2 findings, worst high\n")
                .contains("[high] ssh_bruteforce: 6 failed SSH logins in 600 s")
                .contains("ssh_user_spray")
                .contains("Invalid user pascal1 from 35.188.49.176 port 53502");
        // the probes of 2021 are judged in their own hour, before the years to the auth log pass: all
        // nine counted, ended an hour after the last (not when the next log's first line came)
        CliRun probe = CliRun.of("explain", "127.0.0.1", "--replay", auth, access);
        assertThat(probe.out())
                .startsWith("127.0.0.1: no findings now\n")
                .contains("[high] exploit: 9 exploit probes (")
                .contains(", ended 2021-09-29T16:");
    }

    /**
     * A burst followed by silence is judged in its own window, as live ticks would judge it, and its
     * finding ends when its window passes, not when the next line comes. Before, six failed logins in
     * one second then two quiet hours were never flagged.
     */
    @Test
    void aBurstBeforeAQuietSpellIsJudgedInItsOwnWindow() throws Exception {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            log.append("Mar 10 10:00:00 web1 sshd[42]: Failed password for root from 198.51.100.7 port 4242 ssh2\n");
        }
        log.append("Mar 10 12:00:00 web1 sshd[43]: Accepted publickey for ops from 192.0.2.9 port 5151 ssh2\n");
        Path auth = Files.writeString(tmp.resolve("auth.log"), log);
        for (String threads : new String[] {"1", "2"}) {
            CliRun r = CliRun.of("replay", "--json", "--threads", threads, auth.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode ip = r.json().get("ips").get(0);
            assertThat(ip.get("ip").asText()).isEqualTo("198.51.100.7");
            assertThat(ip.get("findings")).isEmpty();
            JsonNode ended = ip.get("earlier_findings").get(0);
            assertThat(ended.get("rule").asText()).isEqualTo("ssh_bruteforce");
            assertThat(ended.get("observed").asInt()).isEqualTo(6);
            assertThat(ended.get("ended").asText())
                    .as("--threads " + threads)
                    .startsWith("20")
                    .contains("T10:1");
        }
    }

    @Test
    void replayJsonCarriesFindingsAndFilters() {
        String probing = TestData.path("accesslog/common/crowdsec_apache-http-probing.log")
                .toString();
        String site = TestData.path("accesslog/combined/lnav_logfile_access_log.0.log")
                .toString();
        CliRun r = CliRun.of("replay", "--json", "--suspicious", probing, site);
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode ips = r.json().get("ips");
        assertThat(ips).hasSize(1);
        JsonNode f = ips.get(0).get("findings");
        assertThat(ips.get(0).get("ip").asText()).isEqualTo("172.17.0.1");
        assertThat(f.findValuesAsText("rule")).contains("exploit", "error_burst");
        for (JsonNode one : f) {
            assertThat(one.get("severity").asText()).isIn("low", "medium", "high", "critical");
            assertThat(one.get("reason").asText()).matches(".*\\d.*");
            assertThat(one.get("evidence")).isNotEmpty();
            assertThat(one.has("observed") && one.has("threshold") && one.has("window_s"))
                    .isTrue();
        }
        assertThat(r.json().get("findings").isArray()).isTrue();

        CliRun filtered = CliRun.of("replay", "--json", "--filter", "!rule:exploit status:2xx", probing, site);
        assertThat(filtered.json().get("ips").findValuesAsText("ip")).containsExactly("192.168.202.254");
        CliRun bad = CliRun.of("replay", "--json", "--filter", "rate>=60 stat:4xx", probing);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err())
                .isEqualTo("nethergaze: --filter: bad filter term 'stat:4xx' at column 10: unknown field 'stat'"
                        + " (fields: state, status, cidr, country, asn, svc, rule, ended, blocked, rate, conns,"
                        + " requests, new, fails, findings)\n");
    }

    @Test
    void blockAndUnblockPrintCommandsAndRefuseWhatMustNotBeBlocked() throws Exception {
        Path cfg = tmp.resolve("c.toml");
        Files.writeString(cfg, "[allowlist]\ncidrs = [\"198.51.100.0/24\"]\n");
        CliRun b = CliRun.of(
                "block", "--config", cfg.toString(), "--firewall", "nftables", "--for", "1h", "2001:db8:bad:1::/64");
        assertThat(b.exit()).as(b.err()).isZero();
        assertThat(b.out())
                .contains("nft add element inet nethergaze blocked6 '{ 2001:db8:bad:1::/64 timeout 3600s }'\n")
                .endsWith("# not executed: set actions.enable_block_execution = true to run these\n");
        CliRun u =
                CliRun.of("unblock", "--config", cfg.toString(), "--firewall", "iptables", "--dry-run", "203.0.113.7");
        // as root, our rules were read first (none here); without root a note says they could not be
        assertThat(u.out()).endsWith("""
            while iptables -w -C INPUT -s 203.0.113.7 -m comment --comment nethergaze -j DROP; do iptables -w -D INPUT -s 203.0.113.7 -m comment --comment nethergaze -j DROP; done
            # dry run: nothing was executed
            """);
        CliRun refused = CliRun.of("block", "--config", cfg.toString(), "--firewall", "ufw", "198.51.100.7");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err())
                .isEqualTo("nethergaze: refusing to block 198.51.100.7: it overlaps the allowlist entry"
                        + " 198.51.100.0/24\n");
        CliRun ttl = CliRun.of("block", "--config", cfg.toString(), "--firewall", "ufw", "--for", "1h", "203.0.113.7");
        assertThat(ttl.err()).startsWith("nethergaze: ufw cannot expire a block by itself");
        CliRun wide = CliRun.of("block", "--firewall", "nftables", "--dry-run", "203.0.113.9/8");
        assertThat(wide.err()) // a typo for /24 would block 16 million addresses: said before the commands
                .isEqualTo("nethergaze: note: 203.0.113.9/8 has host bits set: the network is 203.0.0.0/8"
                        + " (16777216 addresses)\n");
        assertThat(wide.out()).contains("blocked4 '{ 203.0.0.0/8 }'");
        assertThat(CliRun.of("block", "--firewall", "nftables", "--dry-run", "203.0.113.0/24")
                        .err())
                .isEmpty();
        CliRun hostile = CliRun.of("block", "--firewall", "nftables", "1.2.3.4; rm -rf /");
        assertThat(hostile.exit()).isEqualTo(2);
        assertThat(hostile.err()).isEqualTo("nethergaze: not an IP address or CIDR: '1.2.3.4; rm -rf /'\n");
    }

    /**
     * A --for longer than the backend's longest timeout is refused before anything is planned or
     * run (ipset had already created its set and rule when its add failed), naming the maximum; the
     * maximum itself is accepted.
     */
    @Test
    void aBlockLongerThanTheFirewallAllowsIsRefusedUpFront() throws Exception {
        CliRun ipset = CliRun.of("block", "--firewall", "ipset", "--dry-run", "--for", "60d", "203.0.113.7");
        assertThat(ipset.exit()).isEqualTo(2);
        assertThat(ipset.out()).isEmpty();
        assertThat(ipset.err())
                .isEqualTo("nethergaze: --for 5184000 s is longer than ipset allows: at most 2147483 s (24d 20h);"
                        + " use a shorter one, or no --for to block until unblocked\n");
        CliRun nft = CliRun.of("block", "--firewall", "nftables", "--dry-run", "--for", "99999d", "203.0.113.7");
        assertThat(nft.exit()).isEqualTo(2);
        assertThat(nft.err()).contains("longer than nftables allows: at most 99999999 s (1157d 9h)");
        assertThat(CliRun.of("block", "--firewall", "ipset", "--dry-run", "--for", "2147483s", "203.0.113.7")
                        .exit())
                .isZero();
        assertThat(CliRun.of("block", "--firewall", "nftables", "--dry-run", "--for", "1157d", "203.0.113.7")
                        .exit())
                .isZero();
    }
}
