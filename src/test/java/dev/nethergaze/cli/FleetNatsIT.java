package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nethergaze.fleet.NatsServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of one over a real nats-server on loopback: the shipped jar's demo publishes with
 * {@code --nats}, and {@code nethergaze fleet} (JSON and text) shows the host with its worst finding.
 * Without a publisher, or without a server, {@code fleet} says so in one line.
 */
class FleetNatsIT {

    @TempDir
    Path tmp;

    @Test
    void theDemoHostShowsInTheFleet() throws Exception {
        String missing = NatsServer.missing();
        assumeTrue(missing == null, missing);
        try (NatsServer server = NatsServer.start(tmp, "fleet-token")) {
            Result none = run("fleet", "--nats", server.url(), "--wait", "1");
            assertThat(none.exit).isEqualTo(1);
            assertThat(none.err).contains("no host published in 1.0 s");

            Process demo = new ProcessBuilder(ShippedJar.command(
                            List.of(), "demo", "--headless", "--duration", "20", "--nats", server.url()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(tmp.resolve("demo.err").toFile())
                    .start();
            try {
                Thread.sleep(4000); // the brute-forcer gets in at the demo's third second
                JsonNode fleet = ShippedJar.json(null, "fleet", "--nats", server.url(), "--json", "--wait", "7");
                assertThat(fleet.get("hosts")).hasSize(1);
                JsonNode host = fleet.get("hosts").get(0);
                assertThat(host.get("schema_version").asInt()).isEqualTo(1);
                assertThat(host.at("/totals/connections_by_state/SYN_RECV").asInt())
                        .isEqualTo(270);
                List<String> ips = new ArrayList<>();
                host.get("ips").forEach(ip -> ips.add(ip.get("ip").asText()));
                // only flagged IPs, worst first: the two critical ones (the scanner, the brute-forcer that got in)
                assertThat(ips.subList(0, 2)).containsExactlyInAnyOrder("192.0.2.201", "2001:db8:bad:1::22");
                assertThat(ips).doesNotContain("192.0.2.77", "192.0.2.20");
                assertThat(host.toString()).contains("ssh_login_after_guessing");

                Result text = run("fleet", "--nats", server.url(), "--wait", "6");
                assertThat(text.exit).isZero();
                assertThat(text.out.lines().toList())
                        .hasSize(3)
                        .first()
                        .asString()
                        .startsWith("HOST");
                // the demo publishes as demo@HOST, never as the host itself, and fleet says it is a demo
                assertThat(host.get("host").asText()).startsWith("demo@");
                assertThat(host.get("demo").asBoolean()).isTrue();
                assertThat(text.out.lines().toList().get(2)).startsWith("demo@HOST: 'nethergaze demo'");
                assertThat(text.out.lines().toList().get(1))
                        .contains(host.get("host").asText())
                        .contains(" 270 ")
                        .containsPattern(
                                " critical (exploit 192\\.0\\.2\\.201|ssh_login_after_guessing 2001:db8:bad:1::22)$");
            } finally {
                demo.destroy();
                if (!demo.waitFor(10, TimeUnit.SECONDS)) {
                    demo.destroyForcibly();
                }
            }
            Result refused = run("fleet", "--nats", server.urlWithoutToken(), "--wait", "1");
            assertThat(refused.exit).isEqualTo(2);
            assertThat(refused.err.strip())
                    .startsWith("nethergaze: nats: cannot reach 127.0.0.1:" + server.port()
                            + ": the server refused us: -ERR 'Authorization Violation'")
                    .hasLineCount(1);
            Result plain = run("fleet", "--nats", server.url().replace("nats://", "tls://"), "--wait", "1");
            assertThat(plain.exit).isEqualTo(2);
            assertThat(plain.err.strip())
                    .isEqualTo("nethergaze: nats: cannot reach 127.0.0.1:" + server.port()
                            + ": the server offers no TLS" + " (the URL asks for tls://)");
            Result noCa = run("fleet", "--nats", "tls://127.0.0.1:4222?ca=/nonexistent/ca.pem", "--wait", "1");
            assertThat(noCa.exit).isEqualTo(2);
            assertThat(noCa.err.strip()).isEqualTo("nethergaze: --nats: ca: cannot read /nonexistent/ca.pem");
        }
    }

    /**
     * With JetStream on the server, the demo's publisher makes the stream; once the demo has ended
     * (no one publishes any more), {@code fleet} with no {@code --wait} still shows the host at once,
     * from the stream: a host that went silent does not vanish from the fleet.
     */
    @Test
    void aHostThatStoppedPublishingStaysInTheFleetThroughJetStream() throws Exception {
        String missing = NatsServer.missing();
        assumeTrue(missing == null, missing);
        try (NatsServer server = NatsServer.startJetStream(tmp)) {
            // no stream yet (no one published with JetStream on): it listens, as without JetStream
            Result none = run("fleet", "--nats", server.url(), "--wait", "1");
            assertThat(none.exit).isEqualTo(1);
            assertThat(none.err).contains("no host published in 1.0 s");

            Result demo = run("demo", "--headless", "--duration", "7", "--nats", server.url());
            assertThat(demo.exit).as(demo.err).isZero();
            assertThat(demo.err).contains("made JetStream stream NETHERGAZE");

            JsonNode fleet = ShippedJar.json(null, "fleet", "--nats", server.url(), "--json");
            assertThat(fleet.get("hosts")).hasSize(1);
            assertThat(fleet.at("/hosts/0/totals/connections_by_state/SYN_RECV").asInt())
                    .isEqualTo(270);
            Result text = run("fleet", "--nats", server.url());
            assertThat(text.exit).isZero();
            assertThat(text.out.lines().toList()).hasSize(3); // the host's line and the demo's note
            assertThat(text.out.lines().toList().get(1)).startsWith("demo@").contains(" 270 ");

            // the URL from the environment (credentials stay out of ps): a live watch publishes, fleet reads
            Map<String, String> env = Map.of("NETHERGAZE_NATS", server.url());
            Result watch = run(
                    env,
                    "watch",
                    "--jsonl",
                    "--count",
                    "3",
                    "--interval",
                    "1",
                    "--host",
                    "env-host",
                    "--no-conn",
                    "--no-http",
                    "--no-auth",
                    "--offline",
                    "--no-history");
            assertThat(watch.exit).as(watch.err).isZero();
            assertThat(watch.err).contains("publishing on nethergaze.env-host.snapshot");
            Result both = run(env, "fleet");
            assertThat(both.exit).as(both.err).isZero();
            assertThat(both.out).contains("env-host");
            Result noUrl = run("fleet");
            assertThat(noUrl.exit).isEqualTo(2);
            assertThat(noUrl.err.strip()).isEqualTo("nethergaze: --nats URL is required (or set NETHERGAZE_NATS)");
        }
    }

    private record Result(int exit, String out, String err) {}

    private Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private Result run(Map<String, String> env, String... args) throws Exception {
        Path err = tmp.resolve("err-" + System.nanoTime());
        ProcessBuilder pb = new ProcessBuilder(ShippedJar.command(List.of(), args)).redirectError(err.toFile());
        pb.environment().remove("NETHERGAZE_NATS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, java.nio.file.Files.readString(err));
    }
}
