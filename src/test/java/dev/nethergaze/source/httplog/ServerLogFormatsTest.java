package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log formats nginx and Apache configurations declare, laid out as Debian installs them (under a
 * folder standing for /), and a line each server would write in that format read back with the
 * {@code --log-format} found.
 */
class ServerLogFormatsTest {

    @TempDir
    Path root;

    private void write(String hostPath, String text) throws IOException {
        Path p = root.resolve(hostPath.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static HttpHit read(String option, String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        ParseResult r =
                AccessFormat.parse(option).parser("t", ClientResolver.DIRECT).parse(b, 0, b.length);
        assertThat(r).as(option + " reading " + line).isInstanceOf(ParseResult.Hit.class);
        return ((ParseResult.Hit) r).hit();
    }

    @Test
    void nginxSitesWithTheirOwnFormats() throws IOException {
        write("/etc/nginx/nginx.conf", """
                user www-data;
                include /etc/nginx/modules-enabled/*.conf;
                events { worker_connections 768; }
                http {
                    # access_log /var/log/nginx/commented.log main;
                    access_log /var/log/nginx/access.log;
                    log_format main '$remote_addr - $remote_user [$time_local] "$request" '
                                    '$status $body_bytes_sent "$http_referer" '
                                    "\\"$http_user_agent\\" $request_time";
                    log_format jsonlog escape=json '{"time":"$time_iso8601","addr":"$remote_addr"}';
                    include /etc/nginx/conf.d/*.conf;
                    include /etc/nginx/sites-enabled/*;
                }
                """);
        write("/etc/nginx/sites-enabled/shop", """
                server {
                    listen 443 ssl;
                    access_log /var/log/nginx/shop.access.log main buffer=32k flush=5s;
                    access_log /var/log/nginx/shop.json.log jsonlog;
                    access_log /var/log/nginx/$host.log main;
                    location /health { access_log off; }
                }
                """);
        ServerLogFormats f = ServerLogFormats.read(root);
        assertThat(f.all().keySet())
                .extracting(Path::toString)
                .containsExactly(
                        "/var/log/nginx/access.log", "/var/log/nginx/shop.access.log", "/var/log/nginx/shop.json.log");
        assertThat(f.forLog(Path.of("/var/log/nginx/access.log")).orElseThrow().option())
                .isEqualTo("combined");
        ServerLogFormats.Declared shop =
                f.forLog(Path.of("/var/log/nginx/shop.access.log")).orElseThrow();
        assertThat(shop.where()).isEqualTo("log_format main in /etc/nginx/nginx.conf");
        assertThat(f.forLog(Path.of("/var/log/nginx/shop.json.log"))
                        .orElseThrow()
                        .option())
                .isEqualTo("json");
        HttpHit h = read(
                shop.option(),
                "2001:db8::5 - - [10/Oct/2025:13:55:36 +0200] \"GET /cart HTTP/2.0\" 200 512 \"-\" \"curl/8\" 0.012");
        assertThat(h.target()).isEqualTo("/cart");
        assertThat(h.userAgent()).isEqualTo("curl/8");
        assertThat(h.time()).isEqualTo(Instant.parse("2025-10-10T11:55:36Z"));
    }

    @Test
    void apacheOnDebianWithAVirtualHostOfItsOwn() throws IOException {
        write("/etc/apache2/apache2.conf", """
                ErrorLog ${APACHE_LOG_DIR}/error.log
                IncludeOptional mods-enabled/*.load
                LogFormat "%v:%p %h %l %u %t \\"%r\\" %>s %O \\"%{Referer}i\\" \\"%{User-Agent}i\\"" vhost_combined
                LogFormat "%h %l %u %t \\"%r\\" %>s %O \\"%{Referer}i\\" \\"%{User-Agent}i\\"" combined
                IncludeOptional conf-enabled/*.conf
                IncludeOptional sites-enabled/*.conf
                """);
        write("/etc/apache2/conf-enabled/other-vhosts-access-log.conf", """
                CustomLog ${APACHE_LOG_DIR}/other_vhosts_access.log vhost_combined
                """);
        write("/etc/apache2/sites-enabled/shop.conf", """
                <VirtualHost *:443>
                    LogFormat "%a %{Host}i %{%Y-%m-%dT%H:%M:%S%z}t \\"%r\\" %>s %B %D" shop
                    CustomLog ${APACHE_LOG_DIR}/shop_access.log shop
                    CustomLog "|/usr/bin/rotatelogs /var/log/apache2/piped.%Y 86400" combined
                    CustomLog ${APACHE_LOG_DIR}/plain.log "%h %t \\"%r\\" %>s %b"
                </VirtualHost>
                """);
        ServerLogFormats f = ServerLogFormats.read(root);
        assertThat(f.all().keySet())
                .extracting(Path::toString)
                .containsExactlyInAnyOrder(
                        "/var/log/apache2/other_vhosts_access.log",
                        "/var/log/apache2/shop_access.log",
                        "/var/log/apache2/plain.log");
        ServerLogFormats.Declared shop =
                f.forLog(Path.of("/var/log/apache2/shop_access.log")).orElseThrow();
        assertThat(shop.where()).isEqualTo("LogFormat shop in /etc/apache2/sites-enabled/shop.conf");
        HttpHit h = read(
                shop.option(), "203.0.113.7 shop.example 2025-10-10T13:55:36+0200 \"POST /login HTTP/1.1\" 401 0 1543");
        assertThat(h.vhost()).isEqualTo("shop.example");
        assertThat(h.status()).isEqualTo(401);
        assertThat(f.forLog(Path.of("/var/log/apache2/other_vhosts_access.log"))
                        .orElseThrow()
                        .option())
                .as("Apache's stock format is the preset")
                .isEqualTo("vhost_combined");
        HttpHit v = read(
                f.forLog(Path.of("/var/log/apache2/other_vhosts_access.log"))
                        .orElseThrow()
                        .option(),
                "shop.example:443 203.0.113.7 - - [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 10 \"-\" \"x\"");
        assertThat(v.vhost()).isEqualTo("shop.example");
        assertThat(read(
                                f.forLog(Path.of("/var/log/apache2/plain.log"))
                                        .orElseThrow()
                                        .option(),
                                "203.0.113.7 [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 -")
                        .client()
                        .toString())
                .isEqualTo("203.0.113.7");
    }

    @Test
    void autoReadsEachLogInTheFormatItsServerDeclaresFirst() throws IOException {
        write("/etc/nginx/nginx.conf", """
                http {
                    log_format timed '$time_iso8601 $remote_addr "$request" $status $body_bytes_sent "$http_user_agent"';
                    access_log /var/log/nginx/shop.access.log timed;
                }
                """);
        AccessFormat auto = AccessFormat.AUTO.withServers(ServerLogFormats.read(root));
        String custom = "2025-10-10T13:55:36+02:00 203.0.113.7 \"GET /.env HTTP/1.1\" 404 153 \"zgrab\"";
        String combined = "203.0.113.8 - - [10/Oct/2025:13:55:37 +0200] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl\"";
        for (String file : List.of("/var/log/nginx/shop.access.log", "/var/log/nginx/shop.access.log.2.gz")) {
            AccessLineParser p = auto.parser(file, ClientResolver.DIRECT);
            byte[] b = custom.getBytes(StandardCharsets.UTF_8);
            assertThat(p.parse(b, 0, b.length)).as(file).isInstanceOf(ParseResult.Hit.class);
            byte[] c = combined.getBytes(StandardCharsets.UTF_8);
            assertThat(p.parse(c, 0, c.length))
                    .as("a line of the log from before, in combined")
                    .isInstanceOf(ParseResult.Hit.class);
        }
        byte[] b = custom.getBytes(StandardCharsets.UTF_8);
        assertThat(auto.parser("/var/log/nginx/other.log", ClientResolver.DIRECT)
                        .parse(b, 0, b.length))
                .as("a log no configuration names: auto alone")
                .isInstanceOf(ParseResult.Malformed.class);
        assertThat(AccessFormat.AUTO
                        .parser("/var/log/nginx/shop.access.log", ClientResolver.DIRECT)
                        .parse(b, 0, b.length))
                .as("without the servers' formats")
                .isInstanceOf(ParseResult.Malformed.class);
    }

    @Test
    void aReplayOfADeclaredLogReadsItsFormatAndSaysSo() throws Exception {
        Path log = Files.writeString(root.resolve("shop.access.log"), """
                2025-10-10T13:55:36+02:00 203.0.113.7 "GET /.env HTTP/1.1" 404 153 "zgrab"
                203.0.113.8 - - [10/Oct/2025:13:55:37 +0200] "GET / HTTP/1.1" 200 5 "-" "curl"
                """);
        write("/etc/nginx/nginx.conf", """
                http {
                    log_format timed '$time_iso8601 $remote_addr "$request" $status $body_bytes_sent "$http_user_agent"';
                    access_log %s timed;
                }
                """.formatted(log));
        var options = new dev.nethergaze.source.replay.FileReplay.Options(
                AccessFormat.AUTO.withServers(ServerLogFormats.read(root)),
                ClientResolver.DIRECT,
                java.time.ZoneOffset.UTC);
        var replay = new dev.nethergaze.source.replay.FileReplay(log, options);
        List<dev.nethergaze.model.SourceEvent> events = new java.util.ArrayList<>();
        replay.run(events::add);
        assertThat(events).hasSize(2);
        assertThat(replay.health().malformed()).isZero();
        assertThat(replay.health().detail())
                .endsWith(
                        "; read first as its server declares (log_format timed in /etc/nginx/nginx.conf), then as auto");
    }

    @Test
    void configurationsAreReadWhenFirstAskedAboutALogAndOnlyThen() throws IOException {
        ServerLogFormats f = ServerLogFormats.read(root); // nothing there yet: a run that asks nothing reads nothing
        write("/etc/nginx/nginx.conf", "http { access_log /var/log/nginx/a.log; }\n");
        assertThat(f.forLog(Path.of("/var/log/nginx/a.log")))
                .as("read at the first question")
                .isPresent();
        write("/etc/nginx/nginx.conf", "http { access_log /var/log/nginx/b.log; }\n");
        assertThat(f.all().keySet())
                .as("read once: what it declared then")
                .extracting(Path::toString)
                .containsExactly("/var/log/nginx/a.log");
    }

    @Test
    void noConfigurationOrALoopingOneDeclaresNothingAndEnds() throws IOException {
        assertThat(ServerLogFormats.read(root).all()).isEmpty();
        write("/etc/nginx/nginx.conf", "http { include /etc/nginx/nginx.conf; access_log /var/log/nginx/a.log; }\n");
        assertThat(ServerLogFormats.read(root).all().keySet())
                .extracting(Path::toString)
                .containsExactly("/var/log/nginx/a.log");
    }
}
