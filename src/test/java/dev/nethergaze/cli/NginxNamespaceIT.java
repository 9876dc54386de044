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
 * The product's first promise, end to end with real parts: a real nginx (Debian package) in a
 * "server" network namespace, real curl clients with documentation addresses (IPv4 and IPv6) in a
 * "clients" namespace joined by a veth pair, and the shipped jar's {@code snapshot} run inside the
 * server namespace. One IP's row joins what the kernel shows (its two downloads in progress, not yet
 * in the log) with what nginx logged (its finished request); another's exploit probes are flagged
 * with their evidence; another guesses the password of nginx's basic authentication and is flagged
 * (http_login); the IPv6 client is its own row. Everything is stopped by handle, and the
 * namespaces (with their veth pair) are deleted, at the end.
 */
class NginxNamespaceIT {

    private static final String SERVER = "192.0.2.1";
    private static final String PROBER = "192.0.2.10";
    private static final String DOWNLOADER = "192.0.2.11";
    private static final String V6_CLIENT = "2001:db8::10";
    /** Guesses the password of nginx's basic authentication. */
    private static final String GUESSER = "192.0.2.12";
    /** A browser-like agent with what logs must escape: a quote and a backslash. */
    private static final String AGENT = "Mozilla/5.0 \"quoted\" back\\slash";
    /** A log_format of a user's own, given to the jar as {@code --log-format nginx:...}. */
    private static final String CUSTOM_FORMAT =
            "$host $remote_addr [$time_local] \"$request\" $status $body_bytes_sent $request_time \"$http_user_agent\"";
    /** Where the readiness probe comes from: an address of its own, so it is in no client's counts. */
    private static final String PROBE = "192.0.2.99";

    @TempDir
    Path tmp;

    @Test
    void aClientsConnectionsAndRequestsAreOneRow() throws Exception {
        String missing = Netns.missing("nginx", "curl");
        assumeTrue(missing == null, missing);
        try (Netns server = Netns.create();
                Netns clients = Netns.create()) {
            Path log = tmp.resolve("access.log");
            serve(server, clients, log);

            for (String probe : List.of("/.env", "/.git/config", "/wp-login.php")) {
                clients.curl("--interface", PROBER, "http://" + SERVER + ":8080" + probe);
            }
            clients.curl("--interface", DOWNLOADER, "-A", AGENT, "http://" + SERVER + ":8080/");
            clients.curl("-g", "http://[2001:db8::1]:8080/");
            for (int i = 0; i < 6; i++) { // refused with 401 by nginx's auth_basic
                clients.curl("--interface", GUESSER, "-u", "staff:guess" + i, "http://" + SERVER + ":8080/private/");
            }
            clients.curl("--interface", GUESSER, "-u", "staff:s3cret", "http://" + SERVER + ":8080/private/");
            for (int i = 0; i < 2; i++) { // throttled to 1 KB/s: established for minutes, logged only when done
                clients.start(
                        "curl",
                        "-s",
                        "-o",
                        "/dev/null",
                        "--max-time",
                        "120",
                        "--interface",
                        DOWNLOADER,
                        "http://" + SERVER + ":8080/slow.bin");
            }
            LogLines.await(log, "", 13); // the readiness probe's line and 12 more
            awaitDownloads(server);

            JsonNode doc = snapshot(server, log);

            JsonNode downloader = CliRun.ip(doc, DOWNLOADER);
            assertThat(downloader.get("requests").asLong())
                    .as("the finished request, from nginx's log")
                    .isEqualTo(1);
            assertThat(downloader.at("/connections/by_state/ESTABLISHED").asInt())
                    .as("the two downloads in progress, from the kernel")
                    .isEqualTo(2);
            assertThat(downloader.at("/services/0/port").asInt()).isEqualTo(8080);
            assertThat(downloader.at("/last_requests/0/target").asText()).isEqualTo("/");

            JsonNode prober = CliRun.ip(doc, PROBER);
            assertThat(prober.get("requests").asLong()).isEqualTo(3);
            assertThat(prober.at("/status/4xx").asLong()).isEqualTo(3);
            JsonNode exploit = prober.get("findings").get(0);
            assertThat(exploit.get("rule").asText()).isEqualTo("exploit");
            assertThat(exploit.get("evidence").toString()).contains("GET /.env HTTP/1.1", "GET /.git/config HTTP/1.1");

            JsonNode guesser = CliRun.ip(doc, GUESSER);
            assertThat(guesser.at("/status/4xx").asLong()).isEqualTo(6);
            assertThat(guesser.at("/status/2xx").asLong())
                    .as("the right password")
                    .isEqualTo(1);
            JsonNode login = guesser.get("findings").get(0);
            assertThat(login.get("rule").asText()).isEqualTo("http_login");
            assertThat(login.get("observed").asLong()).isEqualTo(6);
            assertThat(login.get("evidence").get(0).asText())
                    .contains("\"GET /private/ HTTP/1.1\" 401")
                    .endsWith("[401 answer]");

            assertThat(CliRun.ip(doc, V6_CLIENT).get("requests").asLong()).isEqualTo(1);
            assertThat(doc.get("listeners").findValuesAsText("port")).contains("8080");
            assertThat(doc.get("sources").get(0).get("detail").asText()).startsWith("netlink");
            assertThat(downloader.at("/last_requests/0/user_agent").asText()).isEqualTo(AGENT);

            // the same requests as nginx's escape=json log and a log_format of the user's own
            LogLines.await(tmp.resolve("access.json"), "", 13);
            LogLines.await(tmp.resolve("custom.log"), "", 13);
            JsonNode main = replay(log);
            assertThat(requests(main)).containsKeys(PROBER, DOWNLOADER, V6_CLIENT);
            assertThat(requests(main).get(DOWNLOADER)).contains("GET", "\"/\"", "quoted");
            for (JsonNode other : List.of(
                    replay(tmp.resolve("access.json")),
                    replay(tmp.resolve("custom.log"), "--log-format", "nginx:" + CUSTOM_FORMAT))) {
                assertThat(other.at("/sources/0/malformed").asLong()).isZero();
                assertThat(requests(other)).isEqualTo(requests(main));
            }
            assertThat(CliRun.ip(replay(tmp.resolve("custom.log"), "--log-format", "nginx:" + CUSTOM_FORMAT), V6_CLIENT)
                            .at("/last_requests/0/vhost")
                            .asText())
                    .as("$host")
                    .isEqualTo("[2001:db8::1]");
        }
    }

    private JsonNode replay(Path log, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("replay", "--json", "--show-private-ips"));
        args.addAll(List.of(options));
        args.add(log.toString());
        return ShippedJar.json(null, args.toArray(String[]::new));
    }

    /** Per IP what the log says about its requests (not the vhost: only the custom format has one). */
    private static java.util.Map<String, String> requests(JsonNode doc) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (JsonNode ip : doc.get("ips")) {
            StringBuilder b = new StringBuilder();
            for (String f : List.of("requests", "bytes", "status", "methods")) {
                b.append(ip.get(f)).append(' ');
            }
            for (JsonNode r : ip.get("last_requests")) {
                for (String f : List.of("time", "method", "target", "status", "bytes", "user_agent", "malformed")) {
                    b.append(r.get(f)).append(' ');
                }
            }
            out.put(ip.get("ip").asText(), b.toString());
        }
        return out;
    }

    /**
     * logrotate as Debian's nginx package sets it up (rename, create, compress the one before, then
     * USR1 so nginx reopens its log), run three times, 0.4 s apart, while a client sends a known
     * number of requests: {@code watch}, following the log by name, counts each request once, none
     * lost in the renamed file nginx still writes to until it reopens, none read twice. (Rotations
     * faster than the tailer looks are FileTailerRotationTest's; here a file compressed before
     * anyone read it would be beyond any follower.)
     */
    @Test
    void logrotateUnderLoadLosesAndDoublesNothing() throws Exception {
        rotateUnderLoad("""
                %1$s {
                    rotate 10
                    compress
                    delaycompress
                    missingok
                    create 0640 root root
                    postrotate
                        kill -USR1 "$(cat %2$s)"
                    endscript
                }
                """, () -> (long) ROTATE_REQUESTS);
        assertThat(Files.exists(tmp.resolve("access.log.2.gz")))
                .as("logrotate rotated and compressed")
                .isTrue();
    }

    /**
     * logrotate with {@code copytruncate} and {@code compress} (no delaycompress: the copy is gzipped
     * at once), three times under load. The lines nginx wrote after the tailer's last look and before
     * logrotate's copy are only in the gzipped copy: {@code watch} reads them from it, so it counts
     * every line on disk (the current log and the copies), and none twice (never more than were
     * sent). What nginx wrote between logrotate's copy and its truncation is on no disk, as logrotate
     * documents: it counts only if the tailer looked in between (so the count may pass the lines on
     * disk by those).
     */
    @Test
    void copytruncateUnderLoadCountsEveryLineOnDiskOnce() throws Exception {
        Path log = tmp.resolve("access.log");
        long[] onDisk = new long[1];
        rotateUnderLoad(
                """
                %1$s {
                    rotate 10
                    compress
                    copytruncate
                    missingok
                }
                """,
                () -> {
                    long n = Files.readAllLines(log).stream()
                            .filter(l -> l.startsWith(DOWNLOADER + " "))
                            .count();
                    for (int i = 1; i <= 3; i++) {
                        try (var in = new java.util.zip.GZIPInputStream(
                                        Files.newInputStream(tmp.resolve("access.log." + i + ".gz")));
                                var r = new java.io.BufferedReader(
                                        new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
                            n += r.lines()
                                    .filter(l -> l.startsWith(DOWNLOADER + " "))
                                    .count();
                        }
                    }
                    onDisk[0] = n;
                    return n;
                });
        assertThat(onDisk[0])
                .as("logrotate loses only what nginx writes between its copy and its truncation")
                .isGreaterThan(ROTATE_REQUESTS * 9L / 10);
    }

    /**
     * Enough that the load outlasts the three rotations (~1.3 s with logrotate's own runs) on a quiet
     * box: 15,000 took curl 0.84 s here, and the test rotated only twice under load (curl's {@code
     * --rate} does not hold it back above 1000/s).
     */
    private static final int ROTATE_REQUESTS = 45_000;

    /**
     * Follows access.log with the shipped jar's {@code watch} while a client sends {@link
     * #ROTATE_REQUESTS} requests and logrotate runs {@code conf} (the log's path as {@code %1$s},
     * nginx's pid file as {@code %2$s}) three times, 0.4 s apart; then waits until {@code watch} counts
     * at least {@code expected} requests (asked once the load is over), never more than were sent, and
     * the same four snapshots later.
     */
    private void rotateUnderLoad(String conf, java.util.concurrent.Callable<Long> expected) throws Exception {
        String missing = Netns.missing("nginx", "curl", "logrotate");
        assumeTrue(missing == null, missing);
        Path log = tmp.resolve("access.log");
        int requests = ROTATE_REQUESTS;
        try (Netns server = Netns.create();
                Netns clients = Netns.create()) {
            serve(server, clients, log);
            Path rotate =
                    Files.writeString(tmp.resolve("logrotate.conf"), conf.formatted(log, tmp.resolve("nginx.pid")));
            try (ShippedJar.Jsonl watch = ShippedJar.Jsonl.watch(
                    List.of("ip", "netns", "exec", server.name()),
                    "0.25",
                    "--no-auth",
                    "--access-log",
                    log.toString())) {
                JsonNode first = watch.next(30);
                assertThat(CliRun.element(first.get("sources"), "name", "http:" + log)
                                .get("status")
                                .asText())
                        .isEqualTo("ok");

                Process load = clients.start(
                        "curl",
                        "-s",
                        "-o",
                        "/dev/null",
                        "--interface",
                        DOWNLOADER,
                        "http://" + SERVER + ":8080/index.html?n=[1-" + requests + "]");
                long loadStart = System.nanoTime();
                int rotations = 0;
                while (load.isAlive() && rotations < 3) {
                    Thread.sleep(400); // each rotated file stays uncompressed for one more rotation
                    Netns.run(List.of(
                            "logrotate",
                            "-f",
                            "-s",
                            tmp.resolve("logrotate.state").toString(),
                            rotate.toString()));
                    rotations++;
                }
                assertThat(load.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(rotations)
                        .as(
                                "rotations while the load ran (curl exited %d after %d ms)",
                                load.exitValue(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadStart))
                        .isEqualTo(3);
                // nginx logs a request after answering it: the last line may land after curl ended
                long want = expected.call();
                for (long again = -1; again != want; ) {
                    Thread.sleep(500);
                    again = want;
                    want = expected.call();
                }

                JsonNode doc = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                int settled = 0;
                long counted = -1;
                while (settled < 4) { // at least the lines on disk, and still the same four snapshots later
                    assertThat(System.nanoTime())
                            .as(
                                    "watch counted %d of %d requests: %s",
                                    counted, want, doc == null ? null : doc.get("sources"))
                            .isLessThan(deadline);
                    doc = watch.next(10);
                    long before = counted;
                    counted = doc.get("ips").findValues("ip").stream()
                                    .anyMatch(n -> n.asText().equals(DOWNLOADER))
                            ? CliRun.ip(doc, DOWNLOADER).get("requests").asLong()
                            : 0;
                    assertThat(counted)
                            .as("never more than were sent: %s", doc.get("sources"))
                            .isLessThanOrEqualTo(requests);
                    settled = counted >= want && counted == before ? settled + 1 : 0;
                }
            }
        }
    }

    /** The two namespaces, nginx in the server one writing {@code log}, serving once this returns. */
    private void serve(Netns server, Netns clients, Path log) throws Exception {
        String[] veth = Netns.veth(server, clients, "ngzv");
        server.address(veth[0], SERVER + "/24", "2001:db8::1/64");
        clients.address(veth[1], PROBER + "/24", DOWNLOADER + "/24", GUESSER + "/24", PROBE + "/24", V6_CLIENT + "/64");
        server.start(
                "nginx",
                "-p",
                tmp.toString(),
                "-c",
                nginxConfig(log).toString(),
                "-e",
                tmp.resolve("error.log").toString());
        awaitServing(clients);
    }

    /** nginx in the foreground, one process, everything under the temp dir, the "main" log format. */
    private Path nginxConfig(Path log) throws IOException {
        Path www = Files.createDirectories(tmp.resolve("www"));
        Files.writeString(www.resolve("index.html"), "ok\n");
        Files.write(www.resolve("slow.bin"), new byte[512 * 1024]);
        Files.writeString(Files.createDirectories(www.resolve("private")).resolve("index.html"), "staff only\n");
        Files.writeString(tmp.resolve("htpasswd"), "staff:{PLAIN}s3cret\n");
        String t = tmp.toString();
        String conf = """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 64; }
                http {
                    log_format main '$remote_addr - $remote_user [$time_local] "$request" '
                                    '$status $body_bytes_sent "$http_referer" '
                                    '"$http_user_agent" "$http_x_forwarded_for"';
                    access_log %2$s main;
                    log_format json escape=json '{"time":"$time_iso8601","remote_addr":"$remote_addr",'
                                    '"request":"$request","status":"$status","body_bytes_sent":"$body_bytes_sent",'
                                    '"http_referer":"$http_referer","http_user_agent":"$http_user_agent",'
                                    '"request_time":"$request_time"}';
                    access_log %1$s/access.json json;
                    log_format custom '%4$s';
                    access_log %1$s/custom.log custom;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen %3$s:8080;
                        listen [2001:db8::1]:8080;
                        root %1$s/www;
                        location = /slow.bin { limit_rate 1k; }
                        location /private/ { auth_basic "staff"; auth_basic_user_file %1$s/htpasswd; }
                    }
                }
                """.formatted(t, log, SERVER, CUSTOM_FORMAT);
        return Files.writeString(tmp.resolve("nginx.conf"), conf);
    }

    private static void awaitServing(Netns clients) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                clients.exec(
                        "curl",
                        "-sf",
                        "-o",
                        "/dev/null",
                        "--max-time",
                        "2",
                        "--interface",
                        PROBE,
                        "http://" + SERVER + ":8080/index.html");
                return;
            } catch (IOException notYet) {
                assertThat(System.nanoTime())
                        .as("nginx answers: %s", notYet.getMessage())
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    /** Until the server's kernel shows the two downloads established (ss, from iproute2). */
    private static void awaitDownloads(Netns server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.exec("ss", "-Htn", "state", "established", "dst", DOWNLOADER)
                        .lines()
                        .count()
                < 2) {
            assertThat(System.nanoTime()).as("two downloads established").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The shipped jar's one-shot snapshot, run inside the server namespace (its socket table, its log). */
    private static JsonNode snapshot(Netns server, Path log) throws Exception {
        return ShippedJar.json(
                server,
                "snapshot",
                "--json",
                "--no-auth",
                "--no-history",
                "--offline",
                "--show-private-ips",
                "--from-start",
                "--access-log",
                log.toString());
    }
}
