package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HistoryCommandTest {

    @TempDir
    Path dir;

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new HistoryCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    private Path db() throws Exception {
        Path db = dir.resolve("h.db");
        dev.nethergaze.store.HistoryStore.open(db);
        long now = System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO sessions(id, started, ended, host) VALUES (1, " + now + ", " + now + ", 'h')");
            st.execute("INSERT INTO ips(ip, first_seen, last_seen, sessions, requests, flagged, auth_failures)"
                    + " VALUES ('203.0.113.7', " + now + ", " + now + ", 3, 42, 2, 9)");
            st.execute(
                    "INSERT INTO ip_sessions(ip, session_id, first_seen, last_seen, requests, flagged, auth_failures)"
                            + " VALUES ('203.0.113.7', 1, " + now + ", " + now + ", 42, 2, 9)");
        }
        return db;
    }

    /**
     * AS names come from registries an attacker can write to: a value a spreadsheet would run as a
     * formula is neutralised in CSV (a leading ' inside the quotes), and a line break in one stays
     * inside its row in the text table.
     */
    @Test
    void csvNeutralisesFormulasAndTextKeepsOneRowPerIp() throws Exception {
        Path db = db();
        long now = System.currentTimeMillis();
        String[] orgs = {"=cmd|' /C calc'!A0", "@HYPERLINK(\"http://x\")", "+SUM(1,2)", "-2+3", "two\nlines"};
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                var st = c.prepareStatement("INSERT INTO ips(ip, first_seen, last_seen, sessions, requests, as_org)"
                        + " VALUES (?, ?, ?, 1, 5, ?)")) {
            for (int i = 0; i < orgs.length; i++) {
                st.setString(1, "198.51.100." + (i + 1));
                st.setLong(2, now);
                st.setLong(3, now);
                st.setString(4, orgs[i]);
                st.executeUpdate();
            }
        }
        String csv = run("recurring", "--min-sessions", "1", "--csv", "--history", db.toString())[1];
        assertThat(csv)
                .contains(",\"'=cmd|' /C calc'!A0\"")
                .contains(",\"'@HYPERLINK(\"\"http://x\"\")\"")
                .contains(",\"'+SUM(1,2)\"")
                .contains(",\"'-2+3\"")
                .contains(",\"two\nlines\"");
        assertThat(csv.lines()).noneMatch(l -> l.contains(",=") || l.contains(",@") || l.contains(",+"));
        String text = run("recurring", "--min-sessions", "1", "--history", db.toString())[1];
        assertThat(text).contains("two\\nlines");
        assertThat(text.lines()).hasSize(1 + 6); // the header and one line per IP
    }

    @Test
    void ipJsonHasTheFieldsOfIpsHistory() throws Exception {
        String[] r = run("203.0.113.7", "--json", "--history", db().toString());
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1])
                .contains("\"sessions\":3", "\"requests_total\":42", "\"flagged_total\":2", "\"first_seen_ever\":\"");
        // and what the text shows: totals, enrichment, recent sessions
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r[1]);
        assertThat(json.get("auth_failures_total").asLong()).isEqualTo(9);
        assertThat(json.get("asn").isNull()).isTrue();
        assertThat(json.get("recent_sessions")).singleElement().satisfies(s -> {
            assertThat(s.get("session").asLong()).isEqualTo(1);
            assertThat(s.get("host").asText()).isEqualTo("h");
            assertThat(s.get("requests").asLong()).isEqualTo(42);
        });
        String text = run("203.0.113.7", "--history", dir.resolve("h.db").toString())[1];
        assertThat(text).contains("  AS -  ").doesNotContain("AS- -");
    }

    /**
     * An address written another way (zeros, capitals, IPv4-mapped) is answered under its usual form,
     * as snapshots and the other history commands write it: `history 2001:0DB8:BAD:0:0:0:0:5` said
     * "2001:0DB8:BAD:0:0:0:0:5 seen in …", and its JSON's "ip" was the text given, which a script
     * joining it with a snapshot's ips[].ip does not find.
     */
    @Test
    void anAddressIsAnsweredUnderItsUsualForm() throws Exception {
        Path db = db();
        String[] text = run("::FFFF:203.0.113.7", "--history", db.toString());
        assertThat(text[0]).isEqualTo("0");
        assertThat(text[1]).startsWith("203.0.113.7  seen in 3 sessions");
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run("::ffff:203.0.113.7", "--json", "--history", db.toString())[1]);
        assertThat(json.get("ip").asText()).isEqualTo("203.0.113.7");
    }

    /**
     * The text of one IP counts its sessions and rules as a person reads them: it said "seen in 1
     * sessions" and printed the rules as a Java map, "rules {ssh_brute_force=1, scanner_agent=3}".
     */
    @Test
    void oneIpsTextSaysOneSessionAndItsRulesMostFirst() throws Exception {
        Path db = db();
        long now = System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            st.execute(
                    "INSERT INTO ips(ip, first_seen, last_seen, sessions, requests, flagged) VALUES ('198.51.100.9', "
                            + now + ", " + now + ", 1, 5, 4)");
            for (String rule : List.of("ssh_brute_force', 1", "scanner_agent', 3")) {
                st.execute("INSERT INTO ip_flags(ip, rule, times, last_at) VALUES ('198.51.100.9', '" + rule + ", "
                        + now + ")");
            }
        }
        String text = run("198.51.100.9", "--history", db.toString())[1];
        assertThat(text).startsWith("198.51.100.9  seen in 1 session, first ");
        assertThat(text.lines()).contains("  rules scanner_agent 3x, ssh_brute_force 1x");
    }

    @Test
    void topRecurringAndCsv() throws Exception {
        Path db = db();
        assertThat(run("top", "--by", "auth", "--since", "7d", "--history", db.toString())[1])
                .contains("203.0.113.7");
        assertThat(run("recurring", "--min-sessions", "3", "--csv", "--history", db.toString())[1])
                .startsWith("ip,sessions,")
                .contains("203.0.113.7,3,");
        assertThat(run("recurring", "--min-sessions", "4", "--history", db.toString())[1])
                .contains("no IPs seen in 4 or more sessions");
    }

    /**
     * {@code history host}: a SYN flood filed by the writer when it ended is listed with when it ended,
     * how long it lasted, its peak, host, reason and evidence (text), whole in JSON, a row in CSV.
     */
    @Test
    void hostListsTheHostWideFindingsThatEnded() throws Exception {
        Path db = dir.resolve("host.db");
        java.time.Instant since = java.time.Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .minusSeconds(3600);
        java.time.Instant ended = since.plusSeconds(910);
        dev.nethergaze.model.Finding flood = new dev.nethergaze.model.Finding(
                "syn_flood_host",
                dev.nethergaze.model.Severity.HIGH,
                "host",
                "12000 half-open connections (SYN_RECV) on this host (threshold 256)",
                12000,
                256,
                java.time.Duration.ZERO,
                since,
                java.util.List.of("a", "b", "c", "d"));
        dev.nethergaze.model.Totals totals =
                new dev.nethergaze.model.Totals(0, 0, java.util.Map.of(), 0, 0, 0, 0, 0, 0, 0, 0);
        dev.nethergaze.store.HistoryStore store = dev.nethergaze.store.HistoryStore.open(db);
        try (dev.nethergaze.store.HistoryWriter w = store.startWriter(
                new dev.nethergaze.store.HistoryOptions(
                        java.time.Duration.ofHours(1), java.time.Duration.ofDays(180), 1000, 1000),
                new dev.nethergaze.store.SessionInfo("web1", "test"),
                java.time.InstantSource.system())) {
            w.accept(new dev.nethergaze.model.Snapshot(
                    ended.plusSeconds(1),
                    "web1",
                    java.util.List.of(),
                    totals,
                    java.util.List.of(),
                    java.util.List.of(),
                    java.util.List.of(),
                    java.util.List.of(new dev.nethergaze.model.PastFinding(flood, ended))));
            assertThat(w.flush()).isTrue();
        }
        String[] text = run("host", "--history", db.toString());
        assertThat(text[0]).isEqualTo("0");
        assertThat(text[1].lines().toList())
                .containsExactly(
                        ended + "  lasted 15m10s  HIGH syn_flood_host  peak 12000  on web1",
                        "  12000 half-open connections (SYN_RECV) on this host (threshold 256)",
                        "    a",
                        "    b",
                        "    c",
                        "    … 1 more (--json has them all)");
        assertThat(run("host", "--json", "--history", db.toString())[1])
                .contains(
                        "\"rule\":\"syn_flood_host\"",
                        "\"ended\":\"" + ended + "\"",
                        "\"evidence\":[\"a\",\"b\",\"c\",\"d\"]");
        assertThat(run("host", "--csv", "--history", db.toString())[1].lines().toList())
                .containsExactly(
                        "ended,since,host,severity,rule,subject,observed,threshold,reason,evidence,sessions",
                        ended + "," + since + ",web1,high,syn_flood_host,host,12000,256,"
                                + "12000 half-open connections (SYN_RECV) on this host (threshold 256),a | b | c | d,1");
        assertThat(run("host", "--since", "30m", "--history", db.toString())[1])
                .isEqualTo("no host-wide finding ended in the last 30m (--since)\n");
    }

    /**
     * {@code history CIDR} (an abuse mail names a range): every IP of the prefix ever seen, the most
     * flagged first; on octet boundaries and off them, IPv4 and IPv6 (whose text the database cannot
     * match by prefix), with --limit and what it left out.
     */
    @Test
    void aPrefixListsEveryIpOfItEverSeen() throws Exception {
        Path db = dir.resolve("prefix.db");
        dev.nethergaze.store.HistoryStore.open(db);
        long now = System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            String[][] ips = {
                {"203.0.113.7", "42", "2"},
                {"203.0.113.200", "500", "0"},
                {"203.0.114.1", "9", "0"},
                {"198.51.100.1", "7", "1"},
                {"2001:db8:1:2::a", "3", "1"},
                {"2001:db8:1:2:ffff::b", "4", "0"},
                {"2001:db8:1:3::1", "5", "0"},
                {"2001:db9::1", "6", "0"}
            };
            for (String[] ip : ips) {
                st.execute("INSERT INTO ips(ip, first_seen, last_seen, sessions, requests, flagged, auth_failures)"
                        + " VALUES ('" + ip[0] + "', " + now + ", " + now + ", 1, " + ip[1] + ", " + ip[2] + ", 0)");
            }
        }
        String h = db.toString();
        String v4 = run("203.0.113.0/24", "--history", h)[1];
        assertThat(v4).contains("203.0.113.7", "203.0.113.200").doesNotContain("203.0.114.1", "198.51.100.1");
        assertThat(v4.indexOf("203.0.113.7")).as("the flagged one first").isLessThan(v4.indexOf("203.0.113.200"));
        // an IPv4-mapped prefix (as a dual-stack socket writes the address) is its IPv4 prefix: before, the
        // /120 was taken as an IPv4 prefix length, "prefix length too long"
        assertThat(run("::ffff:203.0.113.0/120", "--history", h)).containsExactly("0", v4, "");
        assertThat(run("203.0.112.0/22", "--csv", "--history", h)[1])
                .contains("203.0.113.7,", "203.0.113.200,", "203.0.114.1,")
                .doesNotContain("198.51.100.1");
        assertThat(run("2001:db8:1:2::/64", "--json", "--history", h)[1])
                .contains("\"ip\":\"2001:db8:1:2::a\"", "\"ip\":\"2001:db8:1:2:ffff::b\"")
                .doesNotContain("2001:db8:1:3::1", "2001:db9::1");
        String limited = run("2001:db8::/32", "--limit", "2", "--history", h)[1];
        assertThat(limited).contains("2001:db8:1:2::a").endsWith("… 1 more IPs of 2001:db8::/32 (--limit)\n");
        assertThat(run("10.0.0.0/8", "--history", h)[1]).isEqualTo("no IP of 10.0.0.0/8 was ever seen\n");
        String[] bad = run("203.0.113.0/33", "--history", h);
        assertThat(bad[0]).isEqualTo("1");
        assertThat(bad[2].strip()).isEqualTo("history: prefix length too long in '203.0.113.0/33'");
    }

    @Test
    void errorsAreOneLine() throws Exception {
        String[] missing =
                run("203.0.113.7", "--history", dir.resolve("none.db").toString());
        assertThat(missing[0]).isEqualTo("1");
        assertThat(missing[2].strip()).contains("no history file").doesNotContain("\n");
        Path db = db();
        String[] bad = run("top", "--by", "bytes", "--history", db.toString());
        assertThat(bad[2].strip()).isEqualTo("history top: --by must be requests, flagged or auth, got 'bytes'");
        assertThat(run("not-an-ip", "--history", db.toString())[2]).contains("not an IP address");
    }
}
