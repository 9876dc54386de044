package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.nethergaze.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nethergaze geo update} end to end against a local server (any month: the real clock is used). */
class GeoCommandTest {

    @TempDir
    Path data;

    private static byte[] gzipped(String testFile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(Files.readAllBytes(TestData.path("mmdb/maxmind-test/" + testFile)));
        }
        return out.toByteArray();
    }

    @Test
    void installsBothAndPrintsDatesAndTheLicence() throws Exception {
        byte[] city = gzipped("GeoIP2-City-Test.mmdb");
        byte[] asn = gzipped("GeoLite2-ASN-Test.mmdb");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getPath();
                byte[] body =
                        path.startsWith("/dbip-city-lite-") ? city : path.startsWith("/dbip-asn-lite-") ? asn : null;
                if (body == null) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(body);
                }
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            CliRun r = CliRun.of("geo", "update", "--url", url, "--data-dir", data.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out())
                    .contains("installed " + data.resolve("dbip-city-lite.mmdb") + ": GeoIP2-City built 2026-02-04")
                    .contains("installed " + data.resolve("dbip-asn-lite.mmdb") + ": GeoLite2-ASN built")
                    .contains("IP Geolocation by DB-IP (https://db-ip.com), licensed under CC BY 4.0");
            CliRun look = CliRun.of(
                    "lookup",
                    "--json",
                    "--offline",
                    "--geoip-city-db",
                    data.resolve("dbip-city-lite.mmdb").toString(),
                    "81.2.69.160");
            assertThat(look.json().get(0).at("/geo/city").asText()).isEqualTo("London");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void serverDownExitsOneWithOneLinePerDatabase() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun r = CliRun.of("geo", "update", "--url", "http://127.0.0.1:" + port + "/", "--data-dir", data.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines()).hasSize(2).allMatch(l -> l.startsWith("nethergaze: geo update: http://127.0.0.1:"));
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badUrlIsAUsageError() {
        CliRun r = CliRun.of("geo", "update", "--url", "ftp://example.org/", "--data-dir", data.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("nethergaze: geoip.update_url must be an http(s) URL");
    }
}
