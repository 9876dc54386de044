package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.source.conn.Netns;
import dev.nethergaze.ui.web.Chromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web view in a real browser: the shipped jar's {@code serve} follows an access log in which a
 * client sends markup as its path and user agent; Debian's headless Chromium opens the page, driven
 * over the DevTools protocol. The page shows the IP, its findings and its requests as they come over
 * the event stream, and the attacker's markup only as text: no element of it exists in the page and
 * its script never ran. A screenshot is left in target/ for people.
 */
class WebChromiumIT {

    private static final String ATTACKER = "203.0.113.66";
    /** Another address of the attacker's /24. */
    private static final String NEIGHBOUR = "203.0.113.67";

    private static final String HOSTILE_AGENT = "<img src=x onerror=\"document.title='pwned'\">";
    private static final String HOSTILE_PATH = "/<script>document.title='pwned2'</script>";

    @TempDir
    Path tmp;

    @Test
    void thePageShowsTheHostLiveAndLogTextOnlyAsText() throws Exception {
        String missing = Netns.missing("chromium");
        assumeTrue(missing == null, missing);
        Path log = tmp.resolve("access.log");
        String now = ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss", Locale.ROOT));
        List<String> lines = new ArrayList<>();
        for (String path : List.of(HOSTILE_PATH, "/.env", "/.git/config", "/wp-login.php")) {
            lines.add(ATTACKER + " - - [" + now + " +0000] \"GET " + path + " HTTP/1.1\" 404 12 \"-\" \""
                    + HOSTILE_AGENT.replace("\"", "\\\"") + "\"");
        }
        lines.add("198.51.100.7 - - [" + now + " +0000] \"GET / HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"");
        lines.add(NEIGHBOUR + " - - [" + now + " +0000] \"GET / HTTP/1.1\" 200 256 \"-\" \"Mozilla/5.0\"");
        Files.write(log, lines);

        ShippedJar.Serve serve = ShippedJar.Serve.start(log, tmp.resolve("serve.err"));
        Process browser = null;
        try {
            String url = serve.url();
            Path profile = Files.createDirectory(tmp.resolve("chromium"));
            browser = Chromium.start(url + "?ip=" + ATTACKER, profile, 1600, 900);
            try (Chromium.DevTools page = Chromium.DevTools.attach(profile, browser)) {
                // the first document comes over the event stream; the selected IP's detail opens
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!page.eval("document.querySelector('#detail h2') !== null")
                                .asBoolean()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                String row = page.eval("document.querySelector('tr[data-ip=\"" + ATTACKER + "\"]').innerText")
                        .asText();
                assertThat(row).contains(ATTACKER).contains("exploit").contains("404 GET /wp-login.php");
                String detail =
                        page.eval("document.getElementById('detail').innerText").asText();
                assertThat(detail)
                        .contains(
                                "CRITICAL exploit",
                                "cross-site scripting in path",
                                "cross-site scripting in user agent")
                        .as("the markup is shown as the client sent it")
                        .contains(HOSTILE_AGENT, HOSTILE_PATH);
                // the page names its tab by its host; the attacker's script, had it run, would have renamed it
                String host = page.eval("document.getElementById('host').textContent")
                        .asText()
                        .replaceFirst("^nethergaze ", "");
                assertThat(page.eval("document.title").asText()).isEqualTo(host + " · nethergaze");
                assertThat(page.eval(
                                        "[...document.querySelectorAll('#ips th')].filter((th) =>"
                                                + " getComputedStyle(th).display !== 'none').map((th) => th.textContent).join(' ')")
                                .asText())
                        .as("without a capture, no capture columns")
                        .doesNotContain("PKT/S", "HS RTT");
                assertThat(page.eval("document.querySelectorAll('img, main script, aside script').length")
                                .asInt())
                        .as("no element of the attacker's markup exists")
                        .isZero();
                assertThat(page.eval("document.getElementById('status').textContent")
                                .asText())
                        .isEqualTo("live");
                page.screenshot(Path.of("target", "web-chromium.png"));

                // grouped by prefix: the attacker and its neighbour are one row, its detail lists both
                page.eval("document.getElementById('group').click(), true");
                String group = page.eval("document.querySelector('tr[data-ip=\"203.0.113.0/24\"]').innerText")
                        .asText();
                assertThat(group).contains("203.0.113.0/24 ×2").contains("exploit");
                assertThat(page.eval("document.querySelectorAll('tr[data-ip=\"" + ATTACKER + "\"]').length")
                                .asInt())
                        .isZero();
                assertThat(page.eval("document.querySelector('tr[data-ip=\"198.51.100.7\"]') !== null")
                                .asBoolean())
                        .as("an address alone in its /24 stays a row of its own")
                        .isTrue();
                page.eval("document.querySelector('tr[data-ip=\"203.0.113.0/24\"]').click(), true");
                String groupDetail =
                        page.eval("document.getElementById('detail').innerText").asText();
                assertThat(groupDetail)
                        .contains("203.0.113.0/24 · 2 IPs", "IPs in it", ATTACKER + " conns", NEIGHBOUR + " conns")
                        .contains("CRITICAL exploit " + ATTACKER); // (innerText folds double spaces)
                assertThat(page.eval("location.search").asText()).contains("group=1");
                page.eval("document.getElementById('group').click(), true");
                assertThat(page.eval("document.querySelector('tr[data-ip=\"" + ATTACKER + "\"]') !== null")
                                .asBoolean())
                        .isTrue();

                // a frozen server (stopped, its connection still open) is shown as one, not as live
                signal(serve.process(), "STOP");
                try {
                    String status = awaitStatus(page, s -> s.startsWith("no update for"), 20);
                    assertThat(status).matches("no update for \\d+ s");
                } finally {
                    signal(serve.process(), "CONT");
                }
                assertThat(awaitStatus(page, "live"::equals, 20)).isEqualTo("live");
            }
        } finally {
            Chromium.stop(browser);
            serve.close();
        }
    }

    /**
     * What the firewall already blocks, on the page: serve runs in a network namespace whose own
     * nftables drops the attacker (the host's firewall is not touched), and listens on a veth address
     * this test's browser reaches. The attacker's row is marked ⊘ and its detail says by which rule;
     * its neighbour, not blocked, is not marked.
     */
    @Test
    void aRowTheFirewallBlocksIsMarkedWithItsRule() throws Exception {
        String missing = Netns.missing("chromium", "nft");
        assumeTrue(missing == null, missing);
        Path log = tmp.resolve("access.log");
        String now = ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss", Locale.ROOT));
        Files.write(
                log,
                List.of(
                        ATTACKER + " - - [" + now + " +0000] \"GET /.env HTTP/1.1\" 404 12 \"-\" \"curl/8\"",
                        NEIGHBOUR + " - - [" + now + " +0000] \"GET / HTTP/1.1\" 200 256 \"-\" \"Mozilla/5.0\""));
        try (Netns ns = Netns.create()) {
            String stem = veth(ns, "ngzw", "198.18.0.1/30", "198.18.0.2/30");
            try {
                ns.exec("nft", "add", "table", "inet", "t");
                ns.exec("nft", "add", "chain", "inet", "t", "input", "{ type filter hook input priority 0; }");
                ns.exec("nft", "add", "rule", "inet", "t", "input", "ip", "saddr", ATTACKER, "drop");
                ShippedJar.Serve serve = ShippedJar.Serve.start(
                        List.of("ip", "netns", "exec", ns.name()),
                        "198.18.0.2:0",
                        log,
                        tmp.resolve("serve-ns.err"),
                        Map.of("NETHERGAZE_WEB_TOKEN", "ngz-test-token")); // beyond loopback: a token
                Process browser = null;
                try {
                    Path profile = Files.createDirectory(tmp.resolve("chromium-ns"));
                    String where =
                            serve.url().replaceFirst("\\?.*", ""); // it prints where the token goes as "?token=…"
                    browser = Chromium.start(where + "?token=ngz-test-token&ip=" + ATTACKER, profile, 1600, 900);
                    try (Chromium.DevTools page = Chromium.DevTools.attach(profile, browser)) {
                        String sel = "document.querySelector('tr[data-ip=\"" + ATTACKER + "\"]')";
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                        while (!page.eval(sel + " !== null && " + sel + ".innerText.startsWith('⊘')")
                                        .asBoolean()
                                && System.nanoTime() < deadline) {
                            Thread.sleep(200);
                        }
                        assertThat(page.eval(sel + " !== null").asBoolean())
                                .as(
                                        "the row, on %s: %s",
                                        page.eval("location.href").asText(),
                                        page.eval("document.body.innerText").asText())
                                .isTrue();
                        assertThat(page.eval(sel + ".innerText").asText())
                                .startsWith("⊘")
                                .contains(ATTACKER);
                        assertThat(page.eval("document.querySelector('tr[data-ip=\"" + NEIGHBOUR + "\"]').innerText")
                                        .asText())
                                .doesNotContain("⊘", "⊖");
                        assertThat(page.eval("document.getElementById('detail').innerText")
                                        .asText())
                                .contains("⊘ BLOCKED nftables: every packet · " + ATTACKER)
                                .contains("inet t input: ip saddr " + ATTACKER + " drop");
                    }
                } finally {
                    Chromium.stop(browser);
                    serve.close();
                }
            } finally {
                Netns.run(List.of("ip", "link", "del", stem + "h"));
            }
        }
    }

    /**
     * A packet capture's figures on the page and in /metrics: serve captures on its side of a veth
     * in a network namespace and listens there; a bounded hping3 SYN burst and the browser's own
     * connections cross it. The table gains PKT/S and HS RTT columns, the browser's address its
     * packet rate and handshake time there and a Wire section in its detail, and /metrics counts the
     * IPs in fixed buckets, with no address in any series.
     */
    @Test
    void aCapturesFiguresAreOnThePageAndInMetrics() throws Exception {
        String missing = Netns.missing("chromium", "hping3");
        assumeTrue(missing == null, missing);
        assumeTrue(dev.nethergaze.source.capture.LiveCapture.libpcapAvailable(), "libpcap not installed");
        Path log = tmp.resolve("access.log");
        Files.write(log, List.of());
        try (Netns ns = Netns.create()) {
            String stem = veth(ns, "ngzc", "198.18.0.5/30", "198.18.0.6/30");
            try {
                ShippedJar.Serve serve = ShippedJar.Serve.start(
                        List.of("ip", "netns", "exec", ns.name()),
                        "198.18.0.6:0",
                        log,
                        tmp.resolve("serve-capture.err"),
                        Map.of("NETHERGAZE_WEB_TOKEN", "ngz-test-token"),
                        List.of("--capture=" + stem + "n", "--show-private-ips"));
                Process browser = null;
                try {
                    String where = serve.url().replaceFirst("\\?.*", "");
                    Process hping = new ProcessBuilder(
                                    "hping3", "-q", "-S", "-p", "9", "-c", "300", "-i", "u2000", "198.18.0.6")
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
                    assertThat(hping.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    Path profile = Files.createDirectory(tmp.resolve("chromium-capture"));
                    browser = Chromium.start(where + "?token=ngz-test-token&ip=198.18.0.5", profile, 1600, 900);
                    try (Chromium.DevTools page = Chromium.DevTools.attach(profile, browser)) {
                        String sel = "document.querySelector('tr[data-ip=\"198.18.0.5\"]')";
                        String rtt = sel + ".children[11].textContent";
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                        while (!page.eval(sel + " !== null && " + rtt + ".endsWith(' ms')")
                                        .asBoolean()
                                && System.nanoTime() < deadline) {
                            Thread.sleep(200);
                        }
                        assertThat(page.eval("document.getElementById('ips').className")
                                        .asText())
                                .isEqualTo("wired");
                        assertThat(page.eval("[...document.querySelectorAll('#ips th')].map((th) =>"
                                                + " th.textContent).slice(10, 12).join(' ')")
                                        .asText())
                                .isEqualTo("PKT/S HS RTT");
                        assertThat(page.eval(rtt).asText())
                                .as("the browser's handshakes: %s", page.eval("document.body.innerText"))
                                .matches("[0-9.]+ ms");
                        String detail = page.eval("document.getElementById('detail').innerText")
                                .asText();
                        assertThat(detail)
                                .contains("Wire")
                                .containsPattern("pkt/s · 10 s [0-9.·]+ · 60 s [0-9.·]+")
                                .containsPattern("handshake RTT p50 [0-9.]+ ms")
                                .containsPattern("SYN [1-9][0-9]+ · SYN-ACK");
                        page.screenshot(Path.of("target", "web-chromium-capture.png"));
                    }
                    HttpResponse<String> metrics = HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(where + "metrics?token=ngz-test-token"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                    assertThat(metrics.body())
                            .containsPattern("\nnethergaze_wire_ips [1-9]")
                            .containsPattern("\nnethergaze_wire_ips_by_handshake_rtt_ms\\{le=\"\\+Inf\"} [1-9]")
                            .contains("nethergaze_wire_ip_pps_max ")
                            .doesNotContain("198.18.0.");
                } finally {
                    Chromium.stop(browser);
                    serve.close();
                }
            } finally {
                Netns.run(List.of("ip", "link", "del", stem + "h"));
            }
        }
    }

    /**
     * A veth pair named after {@code prefix} and this process: STEMh here with {@code here}, up, STEMn
     * in {@code ns} with {@code there}; returns STEM (the caller deletes STEMh, which takes STEMn too).
     */
    private static String veth(Netns ns, String prefix, String here, String there) throws Exception {
        String stem = prefix + ProcessHandle.current().pid() % 100_000;
        Netns.run(List.of(
                "ip", "link", "add", stem + "h", "type", "veth", "peer", "name", stem + "n", "netns", ns.name()));
        try {
            Netns.run(List.of("ip", "addr", "add", here, "dev", stem + "h"));
            Netns.run(List.of("ip", "link", "set", stem + "h", "up"));
            ns.address(stem + "n", there);
        } catch (Exception | AssertionError e) {
            Netns.run(List.of("ip", "link", "del", stem + "h"));
            throw e;
        }
        return stem;
    }

    /** The page's status line once it satisfies {@code done}, or as it is after {@code seconds}. */
    private static String awaitStatus(Chromium.DevTools page, java.util.function.Predicate<String> done, int seconds)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String status;
        do {
            Thread.sleep(200);
            status = page.eval("document.getElementById('status').textContent").asText();
        } while (!done.test(status) && System.nanoTime() < deadline);
        return status;
    }

    /** Sends SIGSTOP or SIGCONT to the process this test started. */
    private static void signal(Process p, String sig) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
                .as("kill -" + sig)
                .isTrue();
    }
}
