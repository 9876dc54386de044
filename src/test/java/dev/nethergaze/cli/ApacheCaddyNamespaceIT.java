package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nethergaze.source.conn.Netns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access-log formats as real servers write them: Debian's Apache (the {@code combined} and {@code
 * vhost_combined} formats of its own configuration) and Debian's Caddy (its JSON log, request fields
 * nested) serve in one network namespace, and curl sends each the same requests from documentation
 * addresses: a browser-like agent with a quote and a trailing backslash (which the servers escape
 * each in their own way), an exploit probe, a POST, a query with a quote from an IPv6 client, and an
 * {@code X-Forwarded-For} header the client made up. The shipped jar's replay of each log must give
 * the same per-IP counts and texts, the probe flagged, the made-up header ignored (its peer is not a
 * trusted proxy) and believed when the peer is declared one. A third Apache log in a format of the
 * site's own is read with that same {@code LogFormat} string ({@code --log-format apache:...}).
 */
class ApacheCaddyNamespaceIT {

    private static final String SERVER = "192.0.2.1";
    private static final String SERVER_V6 = "2001:db8::1";
    private static final String CLIENT = "192.0.2.40";
    private static final String V6_CLIENT = "2001:db8::40";
    private static final String FORWARDED = "198.51.100.9";
    private static final String AGENT = "Mozilla/5.0 \"quoted\" agent\\";
    private static final int APACHE = 8081;
    private static final int CADDY = 8082;
    /**
     * A format of a site's own, as its configuration spells it (quotes and escapes included): another
     * time form, another field order, the Host header, a duration nethergaze has no use for.
     */
    private static final String CUSTOM =
            "\"%{%Y-%m-%dT%H:%M:%S%z}t %a %{Host}i \\\"%r\\\" %>s %B %D \\\"%{User-Agent}i\\\" \\\"%{Referer}i\\\"\"";

    @TempDir
    Path tmp;

    @Test
    void apacheAndCaddyLogsGiveTheSameRequests() throws Exception {
        String missing = Netns.missing("apache2", "caddy", "curl");
        assumeTrue(missing == null, missing);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x")); // Apache serves as www-data
        Path www = Files.createDirectories(tmp.resolve("www"));
        Files.writeString(www.resolve("index.html"), "ok\n");
        try (Netns ns = Netns.create()) {
            ns.exec("ip", "addr", "add", SERVER + "/24", "dev", "lo");
            ns.exec("ip", "addr", "add", CLIENT + "/32", "dev", "lo");
            ns.exec("ip", "-6", "addr", "add", SERVER_V6 + "/128", "dev", "lo", "nodad");
            ns.exec("ip", "-6", "addr", "add", V6_CLIENT + "/128", "dev", "lo", "nodad");
            ns.start("apache2", "-X", "-f", apacheConfig().toString(), "-d", tmp.toString());
            ns.start(
                    "env",
                    "HOME=" + tmp,
                    "XDG_DATA_HOME=" + tmp.resolve("xdg"),
                    "XDG_CONFIG_HOME=" + tmp.resolve("xdg"),
                    "caddy",
                    "run",
                    "--config",
                    caddyfile().toString(),
                    "--adapter",
                    "caddyfile");
            for (int port : List.of(APACHE, CADDY)) {
                ns.awaitListening(port, 1, null);
                String base = "http://" + SERVER + ":" + port;
                ns.curl("--interface", CLIENT, "-A", AGENT, base + "/");
                ns.curl("--interface", CLIENT, base + "/.env");
                ns.curl("--interface", CLIENT, "-X", "POST", "-d", "a=1", base + "/login");
                ns.curl("--interface", CLIENT, "-H", "X-Forwarded-For: " + FORWARDED, base + "/");
                ns.curl(
                        "-g",
                        "--interface",
                        V6_CLIENT,
                        "http://[" + SERVER_V6 + "]:" + port + "/index.html?q=a%20b&x=\"y\"");
            }
            LogLines.await(tmp.resolve("apache.log"), "", 5);
            LogLines.await(tmp.resolve("vhost.log"), "", 5);
            LogLines.await(tmp.resolve("caddy.log"), "", 5);
            LogLines.await(tmp.resolve("custom.log"), "", 5);
        }

        JsonNode apache = replay("apache.log");
        JsonNode vhost = replay("vhost.log");
        JsonNode caddy = replay("caddy.log");
        JsonNode custom = replay("custom.log", "--log-format", "apache:" + CUSTOM);
        for (JsonNode doc : List.of(apache, vhost, caddy, custom)) {
            assertThat(doc.at("/sources/0/malformed").asLong()).isZero();
            assertThat(doc.get("ips").findValuesAsText("ip")).containsExactlyInAnyOrder(CLIENT, V6_CLIENT);
            JsonNode client = CliRun.ip(doc, CLIENT);
            assertThat(client.get("requests").asLong()).isEqualTo(4);
            assertThat(client.get("status").toString()).isEqualTo("{\"2xx\":2,\"4xx\":2}");
            assertThat(client.get("methods").toString()).isEqualTo("{\"GET\":3,\"POST\":1}");
            assertThat(client.at("/last_requests/0/user_agent").asText())
                    .as("the agent, unescaped")
                    .isEqualTo(AGENT);
            assertThat(client.at("/findings/0/rule").asText()).isEqualTo("exploit");
            assertThat(client.at("/findings/0/evidence/0").asText()).contains("\"GET /.env HTTP/1.1\" 404");
            assertThat(CliRun.ip(doc, V6_CLIENT).at("/last_requests/0/target").asText())
                    .isEqualTo("/index.html?q=a%20b&x=\"y\"");
        }
        assertThat(CliRun.ip(apache, CLIENT).get("bytes"))
                .as("Apache's %O in both of its formats")
                .isEqualTo(CliRun.ip(vhost, CLIENT).get("bytes"));
        assertThat(CliRun.ip(caddy, CLIENT).get("bytes").asLong())
                .as("Caddy's size: two index pages of 3 bytes, two empty 404s")
                .isEqualTo(6);

        assertThat(CliRun.ip(apache, CLIENT).at("/last_requests/0/vhost").asText())
                .isEmpty();
        assertThat(CliRun.ip(vhost, CLIENT).at("/last_requests/0/vhost").asText())
                .isEqualTo("test.example");
        assertThat(CliRun.ip(vhost, CLIENT).at("/findings/0/evidence/0").asText())
                .contains(CLIENT + " test.example \"GET /.env");
        assertThat(CliRun.ip(caddy, CLIENT).at("/last_requests/0/vhost").asText())
                .as("the Host header's site, without its port")
                .isEqualTo(SERVER);
        assertThat(CliRun.ip(custom, CLIENT).at("/last_requests/0/vhost").asText())
                .as("the Host header's site, without its port")
                .isEqualTo(SERVER);
        assertThat(CliRun.ip(custom, CLIENT).get("last_requests").findValuesAsText("time"))
                .as("its own time form, the same seconds as Apache's %t")
                .isEqualTo(CliRun.ip(apache, CLIENT).get("last_requests").findValuesAsText("time"));

        // Caddy logs request headers: the made-up X-Forwarded-For counts once its sender is trusted
        JsonNode trusted = replay("caddy.log", "--trusted-proxy", CLIENT + "/32");
        JsonNode forwarded = CliRun.ip(trusted, FORWARDED);
        assertThat(forwarded.get("requests").asLong()).isEqualTo(1);
        assertThat(forwarded.get("via").toString()).isEqualTo("[\"" + CLIENT + "\"]");
        assertThat(CliRun.ip(trusted, CLIENT).get("requests").asLong()).isEqualTo(3);
    }

    private JsonNode replay(String log, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("replay", "--json", "--show-private-ips"));
        args.addAll(List.of(more));
        args.add(tmp.resolve(log).toString());
        return ShippedJar.json(null, args.toArray(String[]::new));
    }

    /** Apache in the foreground (-X), its Debian modules, both of its stock log formats and a custom one. */
    private Path apacheConfig() throws IOException {
        String t = tmp.toString();
        String conf = """
                ServerRoot %1$s
                ServerName test.example
                Listen %2$s:%3$d
                Listen [%4$s]:%3$d
                LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
                LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
                LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
                User www-data
                Group www-data
                PidFile %1$s/httpd.pid
                ErrorLog %1$s/apache-error.log
                DocumentRoot %1$s/www
                <Directory %1$s/www>
                  Require all granted
                </Directory>
                LogFormat "%%v:%%p %%h %%l %%u %%t \\"%%r\\" %%>s %%O \\"%%{Referer}i\\" \\"%%{User-Agent}i\\"" vhost_combined
                LogFormat "%%h %%l %%u %%t \\"%%r\\" %%>s %%O \\"%%{Referer}i\\" \\"%%{User-Agent}i\\"" combined
                CustomLog %1$s/vhost.log vhost_combined
                CustomLog %1$s/apache.log combined
                LogFormat %5$s custom
                CustomLog %1$s/custom.log custom
                """.formatted(t, SERVER, APACHE, SERVER_V6, CUSTOM);
        return Files.writeString(tmp.resolve("apache.conf"), conf);
    }

    /** Caddy with no admin endpoint and no certificates, its JSON access log to a file. */
    private Path caddyfile() throws IOException {
        String conf = """
                {
                \tadmin off
                \tauto_https off
                }
                http://%1$s:%2$d, http://[%3$s]:%2$d {
                \troot * %4$s
                \tfile_server
                \tlog {
                \t\toutput file %5$s
                \t\tformat json
                \t}
                }
                """.formatted(SERVER, CADDY, SERVER_V6, tmp.resolve("www"), tmp.resolve("caddy.log"));
        return Files.writeString(tmp.resolve("Caddyfile"), conf);
    }
}
