package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.source.conn.Netns;
import dev.nethergaze.source.trace.RoutedPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar's {@code trace}, run as user nobody (no root, no capability) inside the client
 * namespace of a real routed path: JSON and text name every hop, IPv4 and IPv6, and exit 0; a target
 * no router can reach exits 1 saying where the path ended.
 */
class TraceNamespaceIT {

    @TempDir
    Path tmp;

    @Test
    void nobodyTracesBothFamiliesThroughTwoRouters() throws Exception {
        String missing = Netns.missing("sysctl", "setpriv");
        assumeTrue(missing == null, missing);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = Files.copy(ShippedJar.JAR, tmp.resolve("nethergaze.jar"));
        try (RoutedPath path = RoutedPath.create()) {
            // first, while router1's budget for "unreachable" answers is whole (see RouteTracerNamespaceTest)
            Run nowhere = run(path, jar, "trace", "100.64.0.1", "--no-whois");
            assertThat(nowhere.exit).isEqualTo(1);
            assertThat(nowhere.out.strip()).endsWith("not reached: net unreachable at hop 1 (192.0.2.1)");
            for (String target : List.of(RoutedPath.TARGET_V4, RoutedPath.TARGET_V6)) {
                Run r = run(path, jar, "trace", target, "--json", "--no-whois");
                assertThat(r.exit).as(r.err).isZero();
                JsonNode doc = new ObjectMapper().readTree(r.out);
                assertThat(doc.get("schema_version").asInt()).isEqualTo(1);
                assertThat(doc.get("reached").asBoolean()).isTrue();
                List<String> hops = new ArrayList<>();
                doc.get("hops").forEach(h -> hops.add(h.get("addresses").get(0).asText()));
                assertThat(hops).isEqualTo(target.contains(":") ? RoutedPath.HOPS_V6 : RoutedPath.HOPS_V4);
                assertThat(doc.at("/hops/2/end").asText()).isEqualTo("reached");
                assertThat(doc.at("/hops/0/rtt_ms").size()).isEqualTo(3);
            }
            // ICMP echo probes, as nobody: refused while the namespace keeps the kernel's group range,
            // then through once the namespace opens its ICMP sockets to every group (as systemd does)
            Run refused = run(path, jar, "trace", RoutedPath.TARGET_V6, "--icmp", "--no-whois");
            assertThat(refused.exit).isEqualTo(1);
            assertThat(refused.err.strip())
                    .startsWith(
                            "nethergaze: trace: ICMP echo probes need this user's group in net.ipv4.ping_group_range")
                    .doesNotContain("Exception");
            path.client.exec("sysctl", "-q", "-w", "net.ipv4.ping_group_range=0 2147483647");
            Run icmp = run(path, jar, "trace", RoutedPath.TARGET_V6, "--icmp", "--json", "--no-whois");
            assertThat(icmp.exit).as(icmp.err).isZero();
            JsonNode echo = new ObjectMapper().readTree(icmp.out);
            assertThat(echo.get("probe").asText()).isEqualTo("icmp");
            assertThat(echo.at("/hops/2/end").asText()).isEqualTo("reached");
            assertThat(echo.at("/hops/1/addresses/0").asText()).isEqualTo(RoutedPath.HOPS_V6.get(1));
            Run text = run(path, jar, "trace", RoutedPath.TARGET_V4, "--no-whois");
            assertThat(text.exit).isZero();
            assertThat(text.out.lines().toList())
                    .first()
                    .isEqualTo("trace to 203.0.113.2: 30 hops at most, 3 UDP probes per hop");
            assertThat(text.out).containsPattern("(?m)^  2  198\\.51\\.100\\.2 +( +\\d+\\.\\d{3} ms){3}$");
            assertThat(text.out.strip()).endsWith("reached 203.0.113.2 in 3 hops");

            // the console's t key: the same lines in a dialog, traced in-process from the client namespace
            dev.nethergaze.ui.tui.ActionResult key =
                    path.client.call(() -> new LiveConsoleActions(dev.nethergaze.config.Config.defaults(), null, true)
                            .trace(dev.nethergaze.model.IpKey.parse(RoutedPath.TARGET_V6)));
            assertThat(key.ok()).isTrue();
            assertThat(key.message()).isEqualTo("reached 2001:db8:3::2 in 3 hops");
            assertThat(key.lines()).hasSize(5);
            assertThat(key.lines().get(2)).startsWith("  2  2001:db8:2::2 ");
            // with reverse DNS on, a hop's PTR name: from the client namespace's own hosts file, which
            // ip netns exec binds over /etc/hosts (/etc/netns/NAME/hosts, removed after)
            Path etc = Path.of("/etc/netns", path.client.name());
            boolean hadNetnsDir = Files.isDirectory(etc.getParent());
            Files.createDirectories(etc);
            try {
                Files.writeString(etc.resolve("hosts"), "198.51.100.2 router2.ngz.test\n");
                Path config = Files.writeString(tmp.resolve("rdns.toml"), "[whois]\nrdns = true\n");
                Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
                Run named = run(
                        path,
                        jar,
                        "trace",
                        RoutedPath.TARGET_V4,
                        "--json",
                        "--no-whois",
                        "--config",
                        config.toString());
                assertThat(named.exit).as(named.err).isZero();
                JsonNode doc = new ObjectMapper().readTree(named.out);
                assertThat(doc.at("/hops/1/name").asText()).isEqualTo("router2.ngz.test");
                assertThat(doc.at("/hops/0/name").isNull())
                        .as("no name for router1")
                        .isTrue();
                Run namedText =
                        run(path, jar, "trace", RoutedPath.TARGET_V4, "--no-whois", "--config", config.toString());
                assertThat(namedText.out).contains("  2  198.51.100.2 (router2.ngz.test) ");
            } finally {
                Files.deleteIfExists(etc.resolve("hosts"));
                Files.deleteIfExists(etc);
                if (!hadNetnsDir) { // made here: leave /etc as it was
                    Files.deleteIfExists(etc.getParent());
                }
            }
            Run bad = run(path, jar, "trace", "not-an-ip");
            assertThat(bad.exit).isEqualTo(2);
            assertThat(bad.err.strip()).isEqualTo("nethergaze: not an IP address: \"not-an-ip\"");
        }
    }

    private record Run(int exit, String out, String err) {}

    private Run run(RoutedPath path, Path jar, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                "ip",
                "netns",
                "exec",
                path.client.name(),
                "setpriv",
                "--reuid=nobody",
                "--regid=nogroup",
                "--clear-groups",
                "--",
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                jar.toString()));
        cmd.addAll(List.of(args));
        Path err = tmp.resolve("err-" + System.nanoTime());
        Process p = new ProcessBuilder(cmd)
                .directory(tmp.toFile())
                .redirectError(err.toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, Files.readString(err));
    }
}
