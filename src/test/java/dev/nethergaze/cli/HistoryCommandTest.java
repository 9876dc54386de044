package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
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

    @Test
    void ipJsonHasTheFieldsOfIpsHistory() throws Exception {
        String[] r = run("203.0.113.7", "--json", "--history", db().toString());
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1])
                .contains("\"sessions\":3", "\"requests_total\":42", "\"flagged_total\":2", "\"first_seen_ever\":\"");
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
