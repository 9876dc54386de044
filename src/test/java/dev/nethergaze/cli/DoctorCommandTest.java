package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nethergaze.enrich.EnrichOptions;
import dev.nethergaze.enrich.GeoPaths;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.httplog.ServerLogFormats;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What doctor says about each kind of trouble, and the whole command on a host with one odd log. */
class DoctorCommandTest {

    @TempDir
    Path tmp;

    @Test
    void eachSourceProblemHasItsFix() {
        DoctorCommand.Check missing = DoctorCommand.source(new SourceHealth(
                "http:/var/log/nginx/access.log", "http", SourceStatus.MISSING, "no file matches", 0, 0));
        assertThat(missing.level()).isEqualTo(DoctorCommand.Level.WARN);
        assertThat(missing.fix()).contains("--access-log");
        DoctorCommand.Check denied = DoctorCommand.source(
                new SourceHealth("auth:/var/log/auth.log", "auth", SourceStatus.PERMISSION_DENIED, "", 0, 0));
        assertThat(denied.level()).isEqualTo(DoctorCommand.Level.FAIL);
        assertThat(denied.fix()).contains("adm group");
        DoctorCommand.Check firewall = DoctorCommand.source(
                new SourceHealth("firewall", "firewall", SourceStatus.PERMISSION_DENIED, "", 0, 0));
        assertThat(firewall.fix())
                .as("no group reads the ruleset")
                .contains("CAP_NET_ADMIN")
                .doesNotContain("adm group");
        DoctorCommand.Check odd = DoctorCommand.source(
                new SourceHealth("http:/x.log", "http", SourceStatus.OK, "", 100, 40),
                () -> ServerLogFormats.read(tmp)); // no web server configuration there
        assertThat(odd.level()).isEqualTo(DoctorCommand.Level.WARN);
        assertThat(odd.detail()).isEqualTo("ok (40 of 100 lines unparsed)");
        assertThat(odd.fix()).contains("--log-format");
        DoctorCommand.Check procfs = DoctorCommand.source(
                new SourceHealth("conn", "conn", SourceStatus.OK, "procfs (netlink: permission denied)", 10, 0));
        assertThat(procfs.level()).isEqualTo(DoctorCommand.Level.WARN);
        assertThat(procfs.fix()).contains("root");
        DoctorCommand.Check behind = DoctorCommand.source(
                new SourceHealth("http:/x.log", "http", SourceStatus.BEHIND, "37.2 MiB unread: …", 100, 0));
        assertThat(behind.level()).isEqualTo(DoctorCommand.Level.WARN);
        assertThat(behind.detail()).isEqualTo("behind: 37.2 MiB unread: …");
        assertThat(behind.fix()).contains("catches up");
        assertThat(DoctorCommand.source(new SourceHealth("conn", "conn", SourceStatus.OK, "netlink: 3 sockets", 3, 0))
                        .level())
                .isEqualTo(DoctorCommand.Level.OK);
    }

    /**
     * On a box without a journal, {@code doctor --journald on} said "auth:journald missing: no journal
     * files …" and, as its fix, "--journald on": the option it was run with. Missing journald points at
     * the log file; a missing log file offers the journal only where there is one to read.
     */
    @Test
    void aMissingAuthSourceIsNeverToldToUseWhatIsNotThere() {
        DoctorCommand.Check journald = DoctorCommand.source(
                new SourceHealth(
                        "auth:journald",
                        "auth",
                        SourceStatus.MISSING,
                        "no journal files in /var/log/journal or /run/log/journal",
                        0,
                        0),
                () -> ServerLogFormats.read(tmp),
                () -> false);
        assertThat(journald.level()).isEqualTo(DoctorCommand.Level.WARN);
        assertThat(journald.fix()).contains("--auth-log PATH").doesNotContain("--journald");
        SourceHealth file = new SourceHealth(
                "auth:/var/log/auth.log,/var/log/secure", "auth", SourceStatus.MISSING, "no file matches", 0, 0);
        assertThat(DoctorCommand.source(file, () -> ServerLogFormats.read(tmp), () -> true)
                        .fix())
                .as("a journal to read here")
                .isEqualTo("sshd logs elsewhere? --auth-log PATH, or --journald on");
        assertThat(DoctorCommand.source(file, () -> ServerLogFormats.read(tmp), () -> false)
                        .fix())
                .as("no journal here")
                .contains("--auth-log PATH")
                .doesNotContain("--journald on")
                .contains("no journal");
    }

    @Test
    void aLogWhoseLinesDoNotParseGetsTheFormatItsServerDeclares() throws Exception {
        Path conf = tmp.resolve("etc/nginx/nginx.conf");
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, """
                http {
                    log_format main '$remote_addr [$time_local] "$request" $status $body_bytes_sent $request_time';
                    server { access_log /var/log/nginx/shop.access.log main; }
                    server { access_log /var/log/nginx/blog.access.log; }
                }
                """);
        DoctorCommand.Check shop = DoctorCommand.source(
                new SourceHealth("http:/var/log/nginx/shop.access.log", "http", SourceStatus.OK, "", 100, 100),
                () -> ServerLogFormats.read(tmp));
        assertThat(shop.level()).isEqualTo(DoctorCommand.Level.WARN);
        assertThat(shop.fix())
                .isEqualTo("its server declares /var/log/nginx/shop.access.log (log_format main in"
                        + " /etc/nginx/nginx.conf): --log-format 'nginx:$remote_addr [$time_local] \"$request\""
                        + " $status $body_bytes_sent $request_time'");
        DoctorCommand.Check both = DoctorCommand.source(
                new SourceHealth("http:/var/log/nginx/*access*.log", "http", SourceStatus.OK, "", 100, 50),
                () -> ServerLogFormats.read(tmp));
        assertThat(both.fix())
                .startsWith("its server declares a format per log")
                .contains("/var/log/nginx/shop.access.log (log_format main")
                .contains(
                        "/var/log/nginx/blog.access.log (nginx's predefined combined format): --log-format 'combined'");
        assertThat(DoctorCommand.source(
                                new SourceHealth(
                                        "http:/var/log/nginx/shop.access.log", "http", SourceStatus.OK, "", 100, 0),
                                () -> ServerLogFormats.read(tmp))
                        .fix())
                .as("every line parsed: nothing to fix")
                .isEmpty();
    }

    @Test
    void theKernelOptionIsReadFromAPlainOrGzippedConfig() throws Exception {
        Path gz = tmp.resolve("config.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("#\nCONFIG_INET_DIAG=y\nCONFIG_INET_DIAG_DESTROY=y\n".getBytes(StandardCharsets.UTF_8));
        }
        Path plain = tmp.resolve("config-6.1");
        Files.writeString(plain, "#\nCONFIG_INET_DIAG=y\n# CONFIG_INET_DIAG_DESTROY is not set\n");
        Path none = tmp.resolve("absent");
        assertThat(DoctorCommand.kernelOption("CONFIG_INET_DIAG_DESTROY", List.of(none, gz)))
                .isTrue();
        assertThat(DoctorCommand.kernelOption("CONFIG_INET_DIAG_DESTROY", List.of(plain, gz)))
                .isFalse();
        assertThat(DoctorCommand.kernelOption("CONFIG_INET_DIAG_DESTROY", List.of(none)))
                .isNull();
    }

    /** A log that is mostly not an access log: doctor warns with the fix (a warning is no failure: exit 0). */
    @Test
    void theWholeCheckAsJson() throws Exception {
        Path log = tmp.resolve("access.log");
        Files.writeString(log, """
                203.0.113.9 - - [10/Mar/2025:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "curl"
                this is not an access log line
                nor is this
                """);
        CliRun r = CliRun.of(
                "doctor",
                "--json",
                "--from-start",
                "--access-log",
                log.toString(),
                "--no-auth",
                "--no-conn",
                "--offline");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode checks = r.json();
        List<String> names = new java.util.ArrayList<>();
        checks.forEach(c -> names.add(c.get("check").asText()));
        assertThat(names)
                .contains(
                        "privileges",
                        "http:" + log,
                        "geoip",
                        "block backend",
                        "firewall",
                        "close connections (ss -K)",
                        "packet capture (--capture)");
        assertThat(CliRun.element(checks, "check", "http:" + log).get("level").asText())
                .as("followed from its end: nothing read yet")
                .isEqualTo("ok");
        JsonNode read = CliRun.element(checks, "check", "backfill"); // --from-start read it from its start
        assertThat(read.get("level").asText()).isEqualTo("warn");
        assertThat(read.get("detail").asText()).contains("2 of 3 lines unparsed");
        assertThat(read.get("fix").asText()).contains("--log-format");
        checks.forEach(c -> assertThat(c.get("level").asText()).isIn("ok", "warn", "fail"));
    }

    /**
     * An auth log the user named that is not there: a failure naming it and why, then the journal a
     * live run reads instead (before: only the journal was reported, as a warning, and doctor exited 0).
     */
    @Test
    void aNamedAuthLogThatIsMissingFailsBeforeTheJournalReadInstead() throws java.io.IOException {
        Path nope = tmp.resolve("nowhere/auth.log");
        Path journal = Files.createDirectories(tmp.resolve("journal/0123456789abcdef"));
        Files.writeString(journal.resolve("system.journal"), "");
        CliRun r = CliRun.withStderr(
                "doctor",
                "--json",
                "--auth-log",
                nope.toString(),
                "--journal-dir",
                journal.getParent().toString(),
                "--no-conn",
                "--no-http",
                "--no-firewall",
                "--offline");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        // said once, in the list: the sources' own warnings on stderr repeated each failing row above it
        assertThat(r.err()).isEmpty();
        JsonNode named = CliRun.element(r.json(), "check", "auth:" + nope);
        assertThat(named.get("level").asText()).isEqualTo("fail");
        assertThat(named.get("detail").asText())
                .isEqualTo(nope + ": no such file; a live run reads sshd's journal instead");
        assertThat(named.get("fix").asText()).contains("--auth-log PATH");
        List<String> names = new java.util.ArrayList<>();
        r.json().forEach(c -> names.add(c.get("check").asText()));
        assertThat(names).containsSubsequence("auth:" + nope, "auth:journald");

        CliRun waiting = CliRun.of(waitingForAuthLog(nope));
        List<String> levels = new java.util.ArrayList<>();
        waiting.json()
                .forEach(c -> levels.add(
                        c.get("check").asText() + "=" + c.get("level").asText()));
        assertThat(levels)
                .as("--journald off: the run waits for the file, as before")
                .contains("auth:" + nope + "=warn")
                .noneMatch(l -> l.startsWith("auth:journald"));

        // no journal to read either (none on this host, or an empty --journal-dir): the run waits for the file
        Path empty = Files.createDirectories(tmp.resolve("empty-journal"));
        List<String> none = new java.util.ArrayList<>();
        CliRun.of(
                        "doctor",
                        "--json",
                        "--auth-log",
                        nope.toString(),
                        "--journal-dir",
                        empty.toString(),
                        "--no-conn",
                        "--no-http",
                        "--no-firewall",
                        "--offline")
                .json()
                .forEach(c ->
                        none.add(c.get("check").asText() + "=" + c.get("level").asText()));
        assertThat(none).contains("auth:" + nope + "=warn").noneMatch(l -> l.startsWith("auth:journald"));
    }

    /**
     * Doctor holds back the sources' own warnings while it asks them, without taking System.err from
     * the rest of the process: a line another thread writes to stderr meanwhile is not lost. Before,
     * doctor set System.err to a null stream for the time of its session, swallowing every line
     * written there by anyone.
     */
    @Test
    void aLineAnotherThreadWritesToStderrWhileDoctorRunsIsNotLost() throws Exception {
        Path nope = tmp.resolve("nowhere/auth.log");
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        Thread other = new Thread(() -> {
            while (!done.get()) {
                System.err.println("other-thread line " + written.incrementAndGet());
                started.countDown();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        CliRun r = CliRun.withStderr(
                () -> {
                    other.start();
                    started.await();
                },
                () -> {
                    done.set(true);
                    other.join();
                },
                waitingForAuthLog(nope));
        assertThat(r.err()
                        .lines()
                        .filter(l -> l.startsWith("other-thread line "))
                        .count())
                .isEqualTo(written.get());
        assertThat(r.err().lines().filter(l -> !l.startsWith("other-thread line "))) // the sources': held back
                .isEmpty();
    }

    /** doctor --json with only the auth log {@code authLog}, waited for (no journal instead). */
    private static String[] waitingForAuthLog(Path authLog) {
        return new String[] {
            "doctor",
            "--json",
            "--auth-log",
            authLog.toString(),
            "--journald",
            "off",
            "--no-conn",
            "--no-http",
            "--no-firewall",
            "--offline"
        };
    }

    /**
     * A geo database or CSV named on the command line that is not there is a failure naming it (before:
     * a warning, exit 0; --geo-csv was not checked at all).
     */
    @Test
    void aNamedGeoDatabaseThatIsMissingIsAFailure() {
        for (String option : List.of("--geoip-city-db", "--geoip-country-db", "--geoip-asn-db", "--geo-csv")) {
            Path nope = tmp.resolve("nowhere/geo.db");
            CliRun r = CliRun.of(
                    "doctor",
                    "--json",
                    option,
                    nope.toString(),
                    "--no-auth",
                    "--no-conn",
                    "--no-http",
                    "--no-firewall",
                    "--offline");
            assertThat(r.exit()).as(option + ": " + r.out() + r.err()).isEqualTo(1);
            JsonNode geo = CliRun.element(r.json(), "check", "geoip");
            assertThat(geo.get("level").asText()).as(option).isEqualTo("fail");
            assertThat(geo.get("detail").asText()).as(option).contains(nope + ": no such file");
        }
    }

    /**
     * A database whose search tree is corrupt still opens (its metadata is intact): doctor walks a sample
     * of lookups through it and fails naming the file and what is wrong (before: "✓"/"!", exit 0).
     */
    @Test
    void aGeoDatabaseWithACorruptSearchTreeIsAFailure() throws Exception {
        byte[] db = Files.readAllBytes(dev.nethergaze.TestData.path("mmdb/maxmind-test/GeoIP2-City-Test.mmdb"));
        java.util.Arrays.fill(db, 0, 64, (byte) 0xFF); // the root nodes: 1547 nodes of 7 bytes come first
        Path corrupt = tmp.resolve("GeoIP2-City-corrupt.mmdb");
        Files.write(corrupt, db);
        JsonNode geo = failedGeoCheck(corrupt);
        assertThat(geo.get("level").asText()).isEqualTo("fail");
        assertThat(geo.get("detail").asText())
                .isEqualTo(corrupt + ": corrupt search tree or data (The MaxMind DB file's search tree is corrupt:"
                        + " contains pointer larger than the database.)");
    }

    /** Nothing named and nothing found stays a warning; a named file that opens is no failure. */
    @Test
    void geoDatabasesFoundOrNot() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("GeoIP"));
        DoctorCommand.Check none = DoctorCommand.geo(
                EnrichOptions.offlineWith(new GeoPaths(null, null, null, null, List.of(empty), empty), tmp));
        assertThat(none.level()).isEqualTo(DoctorCommand.Level.WARN);
        assertThat(none.detail()).startsWith("no offline database");

        Path city = dev.nethergaze.TestData.path("mmdb/maxmind-test/GeoLite2-City-Test.mmdb");
        Files.copy(
                dev.nethergaze.TestData.path("mmdb/maxmind-test/GeoLite2-ASN-Test.mmdb"),
                empty.resolve("GeoLite2-ASN.mmdb"));
        Path csv = tmp.resolve("ranges.csv");
        Files.writeString(csv, "203.0.113.0/24,NL,Netherlands,Amsterdam,64500,Example\n");
        DoctorCommand.Check good = DoctorCommand.geo(
                EnrichOptions.offlineWith(new GeoPaths(city, null, null, csv, List.of(empty), empty), tmp));
        assertThat(good.level()).isNotEqualTo(DoctorCommand.Level.FAIL);
        assertThat(good.detail())
                .startsWith("GeoLite2-City-Test.mmdb (")
                .contains("GeoLite2-ASN.mmdb (")
                .endsWith("ranges.csv (1 ranges)");
    }

    /**
     * A database of another kind than its setting is a failure naming the setting, the file and what it
     * is. Before: "! geoip GeoIP2-Anonymous-IP-Test.mmdb (2026-02-04)", a warning about its age only.
     */
    @Test
    void aGeoDatabaseOfAnotherKindFails() {
        Path anonymous = dev.nethergaze.TestData.path("mmdb/maxmind-test/GeoIP2-Anonymous-IP-Test.mmdb");
        JsonNode geo = failedGeoCheck(anonymous);
        assertThat(geo.get("level").asText()).isEqualTo("fail");
        assertThat(geo.get("detail").asText())
                .startsWith(
                        "geoip.city_db " + anonymous + ": is a GeoIP2-Anonymous-IP database, not a City/Country one");
    }

    /** doctor's geoip check with {@code cityDb} as the city database and the other checks off; it fails (exit 1). */
    private static JsonNode failedGeoCheck(Path cityDb) {
        CliRun r = CliRun.of(
                "doctor",
                "--json",
                "--geoip-city-db",
                cityDb.toString(),
                "--no-auth",
                "--no-conn",
                "--no-http",
                "--no-firewall",
                "--offline");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        return CliRun.element(r.json(), "check", "geoip");
    }

    /** doctor --history FILE reads the file: no session recorded into it, nothing pruned from it. */
    @Test
    void doctorChecksAHistoryFileWithoutWritingIt() throws Exception {
        Path db = tmp.resolve("h.db");
        String old = dev.nethergaze.TestData.path("accesslog/combined/drill_hackers-access_basjes.log")
                .toString();
        CliRun replay = CliRun.of("replay", "--json", "--history", db.toString(), old); // a log years old
        assertThat(replay.exit()).as(replay.err()).isZero();
        String before = sessionsAndIps(db);
        Path log = tmp.resolve("access.log");
        Files.writeString(
                log, "203.0.113.9 - - [10/Mar/2025:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl\"\n");
        CliRun r = CliRun.of(
                "doctor",
                "--json",
                "--history",
                db.toString(),
                "--access-log",
                log.toString(),
                "--no-auth",
                "--no-conn",
                "--offline");
        assertThat(r.err()).doesNotContain("pruned");
        JsonNode h = CliRun.element(r.json(), "check", "history");
        assertThat(h.get("level").asText()).isEqualTo("ok");
        assertThat(h.get("detail").asText()).contains("schema v").contains("1 sessions");
        assertThat(sessionsAndIps(db)).as("no session recorded, nothing pruned").isEqualTo(before);

        Files.writeString(tmp.resolve("junk.db"), "not a database, but long enough to look like a file header");
        assertThat(DoctorCommand.history(tmp.resolve("junk.db")).level()).isEqualTo(DoctorCommand.Level.FAIL);
    }

    private static String sessionsAndIps(Path db) throws java.sql.SQLException {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                var st = c.createStatement();
                var rs =
                        st.executeQuery("SELECT (SELECT group_concat(id) FROM sessions), (SELECT count(*) FROM ips)")) {
            rs.next();
            return rs.getString(1) + " / " + rs.getLong(2);
        }
    }
}
