package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nethergaze.source.conn.Netns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSH, end to end with real parts: Debian's sshd in a "server" network namespace with a private /dev
 * and /run (unshare --mount), so it logs through syslog(3) exactly as on a server, and Debian's ssh
 * client and curl in a "clients" namespace with documentation addresses. One client guesses passwords
 * for an unknown and a real user, one sends HTTP to port 22 (what scanners do), one logs in with a key
 * and stays.
 *
 * <p>With rsyslogd writing the classic auth.log format and its ISO-8601 format, the shipped jar
 * replays both files to the same counts and findings, and its one-shot snapshot, run inside the
 * server namespace, joins the logged-in client's row with its ESTABLISHED connection to port 22 from
 * the kernel. With systemd-journald instead, {@code watch} run in the server's namespaces follows the
 * attempts live through the real journalctl. Everything is stopped by handle, the namespaces deleted.
 */
class SshdNamespaceIT {

    private static final String SERVER = "192.0.2.1";
    private static final String SERVER_V6 = "2001:db8::1";
    private static final String GUESSER = "192.0.2.20";
    private static final String SCANNER = "192.0.2.21";
    private static final String ADMIN = "2001:db8::22";
    /** The distributed-guessing test's account, known only inside sshd's mount namespace. */
    private static final String DEPLOY = "deploy";

    private static final String DEPLOY_PASSWORD = "ngz-correct-horse-42";
    /** A password login for deploy from here follows the guesses of ten other addresses. */
    private static final String NEWCOMER = "2001:db8::77";
    /** Where the journald test's readiness probes come from: in no asserted row. */
    private static final String READY = "192.0.2.99";

    private static final int HTTP_PROBES = 5;
    private static final Path JOURNALD = Path.of("/lib/systemd/systemd-journald");

    @TempDir
    Path tmp;

    @Test
    void realSshdLinesGiveCountsFindingsAndTheJoinWithTheKernel() throws Exception {
        String missing = Netns.missing("sshd", "rsyslogd", "ssh", "ssh-keygen", "unshare", "curl");
        assumeTrue(missing == null, missing);
        try (Netns server = Netns.create();
                Netns clients = Netns.create()) {
            network(server, clients);
            Path authLog = tmp.resolve("auth.log");
            Path isoLog = tmp.resolve("secure");
            serve(server, rsyslog(authLog, isoLog));
            LogLines.await(authLog, "Server listening on " + SERVER + " port 22.", 1);

            guessAndProbe(clients);
            // the guesser then gets in (with the key: no user's password is touched here)
            run(
                    clients,
                    ssh(
                            "-o",
                            "BatchMode=yes",
                            "-i",
                            tmp.resolve("client_key").toString(),
                            "-b",
                            GUESSER,
                            "root@" + SERVER,
                            "true"));
            clients.start(ssh(
                    "-o",
                    "BatchMode=yes",
                    "-i",
                    tmp.resolve("client_key").toString(),
                    "-b",
                    ADMIN,
                    "root@" + SERVER_V6,
                    "sleep 120"));
            LogLines.await(authLog, "Failed password for", 6);
            LogLines.await(authLog, "Accepted publickey for root from " + GUESSER, 1);
            LogLines.await(authLog, "banner exchange: Connection from " + SCANNER, HTTP_PROBES);
            LogLines.await(authLog, "Accepted publickey for root from " + ADMIN, 1);
            LogLines.await(isoLog, "Accepted publickey for root from " + ADMIN, 1);

            JsonNode classic = ShippedJar.json(null, "replay", "--json", "--show-private-ips", authLog.toString());
            JsonNode iso = ShippedJar.json(null, "replay", "--json", "--show-private-ips", isoLog.toString());
            for (String ip : List.of(GUESSER, SCANNER, ADMIN)) {
                assertThat(CliRun.ip(iso, ip).get("auth"))
                        .as("%s: the ISO-8601 file counts as the classic one", ip)
                        .isEqualTo(CliRun.ip(classic, ip).get("auth"));
            }

            assertGuesserAndScanner(classic);
            assertThat(CliRun.ip(classic, ADMIN).at("/auth/accepted").asLong()).isEqualTo(1);
            JsonNode in = finding(CliRun.ip(classic, GUESSER), "ssh_login_after_guessing");
            assertThat(in.get("severity").asText())
                    .as("a key, not a guessed password")
                    .isEqualTo("high");
            assertThat(in.get("reason").asText())
                    .startsWith("SSH login accepted (publickey for root) at ")
                    .contains("after 6 failed SSH logins in the 600 s before it");
            assertThat(in.get("evidence").get(0).asText()).contains("Accepted publickey for root from " + GUESSER);
            assertThat(in.get("evidence").get(1).asText()).contains("from " + GUESSER);
            assertThat(CliRun.ip(classic, ADMIN).get("findings"))
                    .as("a key login with no guessing before it")
                    .isEmpty();

            // live: the kernel's table of the server namespace joined with the log's recent past
            JsonNode live = ShippedJar.json(
                    server,
                    "snapshot",
                    "--json",
                    "--no-http",
                    "--no-history",
                    "--offline",
                    "--show-private-ips",
                    "--since",
                    "10m",
                    "--auth-log",
                    authLog.toString());
            JsonNode admin = CliRun.ip(live, ADMIN);
            assertThat(admin.at("/connections/by_state/ESTABLISHED").asInt())
                    .as("the session it holds, from the kernel")
                    .isEqualTo(1);
            assertThat(admin.at("/services/0/port").asInt()).isEqualTo(22);
            assertThat(admin.at("/auth/accepted").asLong())
                    .as("its login, from the log")
                    .isEqualTo(1);
            assertThat(CliRun.ip(live, GUESSER).at("/auth/failures").asLong()).isEqualTo(6);
            assertThat(CliRun.element(live.get("sources"), "name", "auth:" + authLog)
                            .get("status")
                            .asText())
                    .isEqualTo("ok");
        }
    }

    @Test
    void theJournalIsFollowedLiveThroughTheRealJournalctl() throws Exception {
        String missing = Netns.missing("sshd", "ssh", "ssh-keygen", "unshare", "nsenter", "curl", "journalctl");
        assumeTrue(missing == null, missing);
        assumeTrue(Files.isExecutable(JOURNALD), "needs " + JOURNALD + " (Debian systemd)");
        try (Netns server = Netns.create();
                Netns clients = Netns.create()) {
            network(server, clients);
            long sshd = serve(server, journald());
            try (ShippedJar.Jsonl watch = ShippedJar.Jsonl.watch(
                    List.of("nsenter", "--target", Long.toString(sshd), "--mount", "--net", "--"),
                    "0.2",
                    "--no-http",
                    "--journald",
                    "on")) {
                // readiness: journalctl -f starts at the journal's end, so probe until one probe shows
                JsonNode doc = awaitDoc(watch, d -> {
                    try {
                        run(clients, probe(READY));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return has(d, READY);
                });
                assertThat(CliRun.element(doc.get("sources"), "name", "auth:journald")
                                .get("status")
                                .asText())
                        .isEqualTo("ok");

                guessAndProbe(clients);
                doc = awaitDoc(
                        watch,
                        d -> has(d, GUESSER)
                                && has(d, SCANNER)
                                && CliRun.ip(d, GUESSER).at("/auth/failures").asLong() >= 6
                                && CliRun.ip(d, SCANNER)
                                                .at("/auth/handshake_failures")
                                                .asLong()
                                        >= HTTP_PROBES);
                assertGuesserAndScanner(doc);
            }
        }
    }

    /**
     * Password guessing spread over ten addresses, one wrong password each for an existing user, so no
     * address reaches a per-IP threshold; then a password login for that user from an eleventh address.
     * The account exists only in sshd's mount namespace: a passwd and shadow of its own are bound over
     * /etc's, so the host's users are never touched. The owner logs in with the password before the
     * guessing and again after it, from the address the owner always uses: not news. The replay flags
     * the newcomer, high, with the real Accepted line, on one thread and on two.
     */
    @Test
    void aPasswordLoginAfterGuessingSpreadOverTenAddressesIsFlagged() throws Exception {
        String missing = Netns.missing("sshd", "rsyslogd", "ssh", "ssh-keygen", "unshare", "openssl");
        assumeTrue(missing == null, missing);
        try (Netns server = Netns.create();
                Netns clients = Netns.create()) {
            String client = network(server, clients);
            List<String> guessers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                guessers.add("192.0.2." + (120 + i));
            }
            clients.address(client, NEWCOMER + "/64");
            clients.address(client, guessers.stream().map(g -> g + "/24").toArray(String[]::new));
            Path authLog = serveDeploy(server);

            run(clients, passwordLogin(ADMIN, SERVER_V6, DEPLOY_PASSWORD));
            LogLines.await(authLog, "Accepted password for deploy from " + ADMIN, 1);
            for (String g : guessers) {
                run(clients, passwordLogin(g, SERVER, "wrong-password"));
            }
            LogLines.await(authLog, "Failed password for deploy", guessers.size());
            run(clients, passwordLogin(ADMIN, SERVER_V6, DEPLOY_PASSWORD));
            run(clients, passwordLogin(NEWCOMER, SERVER_V6, DEPLOY_PASSWORD));
            LogLines.await(authLog, "Accepted password for deploy from " + NEWCOMER, 1);
            LogLines.await(authLog, "Accepted password for deploy from " + ADMIN, 2);

            for (String threads : List.of("1", "2")) {
                JsonNode doc = ShippedJar.json(
                        null, "replay", "--json", "--show-private-ips", "--threads", threads, authLog.toString());
                JsonNode in = finding(CliRun.ip(doc, NEWCOMER), "ssh_login_after_distributed_guessing");
                assertThat(in.get("severity").asText()).isEqualTo("high");
                assertThat(in.get("reason").asText())
                        .startsWith("SSH login accepted (password for deploy) at ")
                        .contains("after 10 failed passwords for this user from 10 other IPs");
                assertThat(in.get("evidence").get(0).asText())
                        .contains("Accepted password for deploy from " + NEWCOMER);
                assertThat(in.get("evidence").get(2).asText()).contains("Failed password for deploy from 192.0.2.1");
                assertThat(CliRun.ip(doc, ADMIN).get("findings"))
                        .as("the owner")
                        .isEmpty();
                for (String g : guessers) {
                    assertThat(CliRun.ip(doc, g).get("findings"))
                            .as("%s tried once", g)
                            .isEmpty();
                }
            }
        }
    }

    /**
     * A guesser that takes a new address of its IPv6 /64 for each password: one wrong password for
     * deploy from each of eight addresses of 2001:db8:bad:1::/64, so no address reaches a per-address
     * threshold. The replay of real sshd's log flags the /64 as one brute force, in the top-level
     * findings and on every address of it, and nothing per address, on one thread and on two.
     */
    @Test
    void aGuesserRotatingThroughItsSlash64IsOneBruteForce() throws Exception {
        String missing = Netns.missing("sshd", "rsyslogd", "ssh", "ssh-keygen", "unshare", "openssl");
        assumeTrue(missing == null, missing);
        try (Netns server = Netns.create();
                Netns clients = Netns.create()) {
            String client = network(server, clients);
            String serverEnd = client.substring(0, client.length() - 1) + "s"; // Netns.veth's two ends
            server.exec("ip", "-6", "route", "add", "2001:db8:bad:1::/64", "dev", serverEnd);
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                addresses.add("2001:db8:bad:1::" + Integer.toHexString(0x10 + i));
            }
            clients.address(client, addresses.stream().map(a -> a + "/64").toArray(String[]::new));
            Path authLog = serveDeploy(server);
            for (String a : addresses) {
                run(clients, passwordLogin(a, SERVER_V6, "wrong-password"));
            }
            LogLines.await(authLog, "Failed password for deploy", addresses.size());

            for (String threads : List.of("1", "2")) {
                JsonNode doc = ShippedJar.json(
                        null, "replay", "--json", "--show-private-ips", "--threads", threads, authLog.toString());
                JsonNode top = doc.get("findings");
                assertThat(top.findValuesAsText("subject")).containsOnly("2001:db8:bad:1::/64");
                JsonNode brute = finding(CliRun.ip(doc, addresses.getFirst()), "ssh_bruteforce_prefix");
                assertThat(top)
                        .as("the same finding on the host's list and on its addresses")
                        .contains(brute);
                assertThat(brute.get("reason").asText()).endsWith("from 8 addresses of 2001:db8:bad:1::/64");
                assertThat(brute.get("observed").asLong())
                        .as("each address's password, the first's too: the /64's track starts with the events"
                                + " of its first address")
                        .isEqualTo(8);
                assertThat(brute.get("evidence").toString())
                        .contains("Failed password for deploy from 2001:db8:bad:1::17");
                for (String a : addresses) {
                    assertThat(CliRun.ip(doc, a).get("findings").findValuesAsText("rule"))
                            .as("%s tried once, flagged with its /64", a)
                            .containsExactly("ssh_bruteforce_prefix");
                }
            }
        }
    }

    /** sshd with the "deploy" account ({@link #account}) logging through rsyslog, listening; returns its auth log. */
    private Path serveDeploy(Netns server) throws Exception {
        account();
        Path authLog = tmp.resolve("auth.log");
        serve(server, rsyslog(authLog, tmp.resolve("secure")));
        LogLines.await(authLog, "Server listening on " + SERVER + " port 22.", 1);
        return authLog;
    }

    /** A passwd and shadow with a "deploy" account (password {@link #DEPLOY_PASSWORD}), for sshd's eyes only. */
    private void account() throws IOException, InterruptedException {
        String hash = Netns.run(List.of("openssl", "passwd", "-6", "-salt", "ngzsalt", DEPLOY_PASSWORD))
                .strip();
        Files.writeString(
                tmp.resolve("passwd"),
                Files.readString(Path.of("/etc/passwd")) + DEPLOY + ":x:4242:4242:nethergaze test:" + tmp
                        + ":/bin/sh\n");
        Files.writeString(
                tmp.resolve("shadow"),
                Files.readString(Path.of("/etc/shadow")) + DEPLOY + ":" + hash + ":19000:0:99999:7:::\n");
    }

    /** One password login for deploy from {@code from}, answering {@code password} once. */
    private String[] passwordLogin(String from, String to, String password) throws IOException {
        Path answer = tmp.resolve("askpass-" + password);
        Files.writeString(answer, "#!/bin/sh\necho '" + password + "'\n");
        assertThat(answer.toFile().setExecutable(true)).isTrue();
        return concat(
                List.of("env", "SSH_ASKPASS=" + answer, "SSH_ASKPASS_REQUIRE=force"),
                ssh(
                        "-b",
                        from,
                        "-o",
                        "PubkeyAuthentication=no",
                        "-o",
                        "PreferredAuthentications=password",
                        "-o",
                        "NumberOfPasswordPrompts=1",
                        DEPLOY + "@" + to,
                        "true"));
    }

    /** What both log paths must show for the guesser and the scanner. */
    private static void assertGuesserAndScanner(JsonNode doc) {
        JsonNode guesser = CliRun.ip(doc, GUESSER);
        assertThat(guesser.at("/auth/failures").asLong())
                .as("6 wrong passwords, each once")
                .isEqualTo(6);
        assertThat(guesser.at("/auth/invalid_users").asLong())
                .as("3 of them as 'admin'")
                .isEqualTo(3);
        assertThat(texts(guesser.at("/auth/users"))).containsExactlyInAnyOrder("admin", "root");
        JsonNode brute = finding(guesser, "ssh_bruteforce");
        assertThat(brute.get("observed").asLong()).isEqualTo(6);
        assertThat(brute.get("evidence").toString())
                .contains("Failed password for invalid user admin from " + GUESSER)
                .contains("Failed password for root from " + GUESSER);

        JsonNode scanner = CliRun.ip(doc, SCANNER);
        assertThat(scanner.at("/auth/handshake_failures").asLong()).isEqualTo(HTTP_PROBES);
        assertThat(scanner.at("/auth/failures").asLong()).isZero();
        assertThat(finding(scanner, "ssh_handshake").get("evidence").toString())
                .contains("banner exchange: Connection from " + SCANNER);
    }

    /** Links the namespaces and addresses both ends; returns the clients' end. */
    private static String network(Netns server, Netns clients) throws IOException, InterruptedException {
        String[] veth = Netns.veth(server, clients, "ngzh");
        server.address(veth[0], SERVER + "/24", SERVER_V6 + "/64");
        clients.address(veth[1], GUESSER + "/24", SCANNER + "/24", READY + "/24", ADMIN + "/64");
        return veth[1];
    }

    /**
     * Starts sshd in the server namespace behind {@code logger} (a shell fragment that starts the
     * syslog daemon and waits for its socket) and waits until it listens; returns its pid.
     */
    private long serve(Netns server, String logger) throws IOException, InterruptedException {
        keys();
        Process p = server.start(
                "unshare", "--mount", "--propagation", "private", "sh", serveScript(logger), tmp.toString());
        // listening, sshd runs in the namespaces its script made: only now is its pid the one to join
        server.awaitListening(22, 2, p);
        return p.pid(); // ip netns exec, unshare and sh each exec the next: this is sshd
    }

    /** 3 wrong passwords for 'admin' (unknown) and for root, then sshd's MaxAuthTries; HTTP to port 22. */
    private void guessAndProbe(Netns clients) throws Exception {
        for (String user : List.of("admin", "root")) {
            run(
                    clients,
                    concat(
                            List.of("env", "SSH_ASKPASS=" + askpass(), "SSH_ASKPASS_REQUIRE=force"),
                            ssh(
                                    "-b",
                                    GUESSER,
                                    "-o",
                                    "PubkeyAuthentication=no",
                                    "-o",
                                    "PreferredAuthentications=password",
                                    "-o",
                                    "NumberOfPasswordPrompts=3",
                                    user + "@" + SERVER,
                                    "true")));
        }
        for (int i = 0; i < HTTP_PROBES; i++) {
            run(clients, probe(SCANNER));
        }
    }

    private static String[] probe(String from) {
        return new String[] {"curl", "-s", "--max-time", "3", "--interface", from, "http://" + SERVER + ":22/"};
    }

    private void keys() throws IOException, InterruptedException {
        for (String k : List.of("host_key", "client_key")) {
            Netns.run(List.of(
                    "ssh-keygen",
                    "-q",
                    "-t",
                    "ed25519",
                    "-N",
                    "",
                    "-f",
                    tmp.resolve(k).toString()));
        }
        Files.copy(tmp.resolve("client_key.pub"), tmp.resolve("authorized_keys"));
    }

    /** An SSH_ASKPASS program that always answers the same wrong password. */
    private String askpass() throws IOException {
        Path p = tmp.resolve("askpass");
        Files.writeString(p, "#!/bin/sh\necho wrong-password\n");
        assertThat(p.toFile().setExecutable(true)).isTrue();
        return p.toString();
    }

    /**
     * The server side, run as {@code sh SCRIPT TMP} inside {@code unshare --mount} (so its mounts stay
     * in that namespace): a /dev of its own with the few devices sshd opens, a /run with sshd's
     * privilege-separation directory, the syslog daemon {@code logger} starts, then sshd in the
     * foreground.
     */
    private String serveScript(String logger) throws IOException {
        String t = tmp.toString();
        Files.writeString(tmp.resolve("sshd_config"), """
                ListenAddress %2$s:22
                ListenAddress [%3$s]:22
                HostKey %1$s/host_key
                PidFile %1$s/sshd.pid
                UsePAM no
                PasswordAuthentication yes
                KbdInteractiveAuthentication no
                PermitRootLogin yes
                AuthorizedKeysFile %1$s/authorized_keys
                StrictModes no
                MaxAuthTries 3
                SyslogFacility AUTH
                LogLevel INFO
                """.formatted(t, SERVER, SERVER_V6));
        Path script = tmp.resolve("serve.sh");
        Files.writeString(script, """
                set -eu
                T=$1
                mkdir -p "$T/dev"
                for n in null zero random urandom tty; do : > "$T/dev/$n"; mount --bind "/dev/$n" "$T/dev/$n"; done
                mount --rbind "$T/dev" /dev
                mount -t tmpfs -o mode=755 ngz-run /run
                mkdir -m 755 /run/sshd
                if [ -f "$T/passwd" ]; then # accounts for sshd alone: bound in this mount namespace only
                  mount --bind "$T/passwd" /etc/passwd
                  mount --bind "$T/shadow" /etc/shadow
                fi
                await_socket() {
                  i=0
                  while [ ! -S "$1" ]; do
                    i=$((i + 1)); [ "$i" -lt 200 ] || { echo "no $1" >&2; exit 1; }
                    sleep 0.05
                  done
                }
                """ + logger + """
                exec /usr/sbin/sshd -D -f "$T/sshd_config"
                """);
        return script.toString();
    }

    /** rsyslogd on /dev/log, writing sshd's lines to two files: classic and ISO-8601 timestamps. */
    private String rsyslog(Path authLog, Path isoLog) throws IOException {
        Files.writeString(tmp.resolve("rsyslog.conf"), """
                global(workDirectory="%1$s")
                module(load="imuxsock" SysSock.Name="/dev/log" SysSock.RateLimit.Interval="0")
                auth,authpriv.* action(type="omfile" file="%2$s" template="RSYSLOG_TraditionalFileFormat")
                auth,authpriv.* action(type="omfile" file="%3$s" template="RSYSLOG_FileFormat")
                """.formatted(tmp, authLog, isoLog));
        return """
                rsyslogd -n -f "$T/rsyslog.conf" -i "$T/rsyslog.pid" &
                await_socket /dev/log
                """;
    }

    /**
     * systemd-journald, run outside systemd: it makes its own sockets under the private /run (the
     * syslog one is where /dev/log points) and keeps the journal in /run/log/journal; it needs the
     * cgroup2 hierarchy mounted.
     */
    private static String journald() {
        return """
                ln -s /run/systemd/journal/dev-log /dev/log
                mkdir -p /run/systemd/journal
                mount -t cgroup2 ngz-cgroup /sys/fs/cgroup
                %s &
                await_socket /run/systemd/journal/dev-log
                """.formatted(JOURNALD);
    }

    /** The ssh client with no user configuration, no host-key prompt, no stdin. */
    private static String[] ssh(String... args) {
        return concat(
                List.of(
                        "ssh",
                        "-n",
                        "-F",
                        "/dev/null",
                        "-o",
                        "StrictHostKeyChecking=no",
                        "-o",
                        "UserKnownHostsFile=/dev/null",
                        "-o",
                        "ConnectTimeout=5"),
                args);
    }

    /** Runs a client to its end; its exit status is not checked (a refused login is the point). */
    private static void run(Netns clients, String... cmd) throws Exception {
        Process p = clients.start(cmd);
        assertThat(p.waitFor(30, TimeUnit.SECONDS))
                .as("%s ends", String.join(" ", cmd))
                .isTrue();
    }

    private static String[] concat(List<String> first, String... rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    /** Until a document from {@code watch} satisfies {@code done} (30 s); that document. */
    private static JsonNode awaitDoc(ShippedJar.Jsonl watch, java.util.function.Predicate<JsonNode> done)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            JsonNode doc = watch.poll(500);
            if (doc != null) {
                last = doc;
                if (done.test(doc)) {
                    return doc;
                }
            }
        }
        throw new AssertionError("watch never showed it; its last snapshot: " + last);
    }

    private static boolean has(JsonNode doc, String ip) {
        for (JsonNode n : doc.get("ips")) {
            if (n.get("ip").asText().equals(ip)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode finding(JsonNode ip, String rule) {
        for (String field : List.of("findings", "earlier_findings")) {
            for (JsonNode f : ip.get(field)) {
                if (f.get("rule").asText().equals(rule)) {
                    return f;
                }
            }
        }
        throw new AssertionError(ip.get("ip").asText() + " has no " + rule + " finding: " + ip.get("findings"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
