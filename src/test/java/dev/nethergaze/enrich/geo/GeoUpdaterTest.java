package dev.nethergaze.enrich.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.nethergaze.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code geo update} against a local HttpServer serving gzipped MaxMind test databases under DB-IP names. */
class GeoUpdaterTest {

    private static final InstantSource MARCH = InstantSource.fixed(Instant.parse("2026-03-10T12:00:00Z"));

    @TempDir
    Path data;

    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/free/", ex -> {
            try (ex) {
                String name = ex.getRequestURI().getPath().substring("/free/".length());
                requested.add(name);
                byte[] body = files.get(name);
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
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/free");
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    static byte[] gzipped(String testFile) throws IOException {
        return gzip(Files.readAllBytes(TestData.path("mmdb/" + testFile)));
    }

    private GeoUpdater updater(URI base) {
        return new GeoUpdater(base, data, MARCH, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Test
    void installsThisMonthsCityAndAsnAtomically() throws Exception {
        files.put("dbip-city-lite-2026-03.mmdb.gz", gzipped("maxmind-test/GeoIP2-City-Test.mmdb"));
        files.put("dbip-asn-lite-2026-03.mmdb.gz", gzipped("maxmind-test/GeoLite2-ASN-Test.mmdb"));
        GeoUpdater u = updater(serve());

        GeoUpdater.Installed city = u.update(GeoUpdater.Product.CITY);
        GeoUpdater.Installed asn = u.update(GeoUpdater.Product.ASN);

        assertThat(city.file()).isEqualTo(data.resolve("dbip-city-lite.mmdb"));
        assertThat(city.databaseType()).isEqualTo("GeoIP2-City");
        assertThat(city.buildDate()).isEqualTo(LocalDate.of(2026, 2, 4));
        assertThat(city.source().toString()).endsWith("/free/dbip-city-lite-2026-03.mmdb.gz");
        assertThat(asn.file()).isEqualTo(data.resolve("dbip-asn-lite.mmdb"));
        assertThat(Files.readAllBytes(city.file()))
                .isEqualTo(Files.readAllBytes(TestData.path("mmdb/maxmind-test/GeoIP2-City-Test.mmdb")));
        try (GeoDatabase db = GeoDatabase.open(city.file())) {
            assertThat(db.lookup(dev.nethergaze.model.IpKey.parse("81.2.69.160"))
                            .orElseThrow()
                            .city())
                    .isEqualTo("London");
        }
        assertThat(listing()).containsExactlyInAnyOrder("dbip-city-lite.mmdb", "dbip-asn-lite.mmdb");
    }

    @Test
    void fallsBackToEarlierMonthsUpToThree() throws Exception {
        files.put("dbip-city-lite-2025-12.mmdb.gz", gzipped("maxmind-test/GeoLite2-City-Test.mmdb"));
        GeoUpdater u = updater(serve());

        GeoUpdater.Installed city = u.update(GeoUpdater.Product.CITY);

        assertThat(city.source().toString()).endsWith("dbip-city-lite-2025-12.mmdb.gz");
        assertThat(requested)
                .containsExactly(
                        "dbip-city-lite-2026-03.mmdb.gz",
                        "dbip-city-lite-2026-02.mmdb.gz",
                        "dbip-city-lite-2026-01.mmdb.gz",
                        "dbip-city-lite-2025-12.mmdb.gz");
        requested.clear();
        assertThatThrownBy(() -> u.update(GeoUpdater.Product.ASN))
                .isInstanceOf(GeoUpdateException.class)
                .hasMessageContaining("no dbip-asn-lite file for 2026-03 or the 3 months before");
        assertThat(requested).hasSize(4).last().isEqualTo("dbip-asn-lite-2025-12.mmdb.gz");
    }

    @Test
    void corruptOrWrongDownloadsNeverReplaceTheInstalledFile() throws Exception {
        byte[] good = Files.readAllBytes(TestData.path("mmdb/maxmind-test/GeoLite2-City-Test.mmdb"));
        Files.write(data.resolve("dbip-city-lite.mmdb"), good);
        URI base = serve();
        GeoUpdater u = updater(base);
        byte[] whole = gzipped("maxmind-test/GeoIP2-City-Test.mmdb");
        List<byte[]> bad = List.of(
                gzipped("maxmind-bad-data/libmaxminddb-corrupt-search-tree.mmdb"), // corrupt tree
                gzipped("maxmind-bad-data/libmaxminddb-metadata-marker-only.mmdb"), // no database
                Arrays.copyOf(whole, whole.length / 2), // truncated gzip
                "not gzip at all".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                gzipped("maxmind-test/GeoLite2-ASN-Test.mmdb")); // an ASN database where a City one belongs
        for (byte[] body : bad) {
            files.put("dbip-city-lite-2026-03.mmdb.gz", body);
            assertThatThrownBy(() -> u.update(GeoUpdater.Product.CITY))
                    .isInstanceOf(GeoUpdateException.class)
                    .hasMessageContaining("dbip-city-lite-2026-03.mmdb.gz")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThat(Files.readAllBytes(data.resolve("dbip-city-lite.mmdb"))).isEqualTo(good);
            assertThat(listing()).containsExactly("dbip-city-lite.mmdb");
        }
    }

    /**
     * A download whose search tree is broken where the three probe addresses do not go, or whose
     * node count the file cannot hold, is not installed: the whole tree is checked against the
     * metadata first. Before: the three probe lookups (1.1.1.1, 81.2.69.160, 2001:4860:4860::8888)
     * passed and the broken file replaced the good one.
     */
    @Test
    void aDownloadIsCheckedWholeBeforeItReplacesTheInstalledFile() throws Exception {
        byte[] good = Files.readAllBytes(TestData.path("mmdb/maxmind-test/GeoLite2-City-Test.mmdb"));
        Files.write(data.resolve("dbip-city-lite.mmdb"), good);
        GeoUpdater u = updater(serve());
        byte[] city = Files.readAllBytes(TestData.path("mmdb/maxmind-test/GeoIP2-City-Test.mmdb"));
        int tree = 1547 * 28 / 4; // node_count × two 28-bit records (ORACLES.md)
        byte[] middle = city.clone();
        Arrays.fill(middle, tree / 2, tree / 2 + 700, (byte) 0xFF);
        for (byte[] body : List.of(gzip(middle), gzipped("maxmind-test/GeoIP2-City-Test-Invalid-Node-Count.mmdb"))) {
            files.put("dbip-city-lite-2026-03.mmdb.gz", body);
            assertThatThrownBy(() -> u.update(GeoUpdater.Product.CITY))
                    .isInstanceOf(GeoUpdateException.class)
                    .hasMessageContaining("dbip-city-lite-2026-03.mmdb.gz: downloaded file is not a usable database (")
                    .hasMessageContaining("corrupt search tree or metadata (");
            assertThat(Files.readAllBytes(data.resolve("dbip-city-lite.mmdb"))).isEqualTo(good);
            assertThat(listing()).containsExactly("dbip-city-lite.mmdb");
        }
    }

    /**
     * A failed update names the file the user has (the database left as it was) and where the download
     * came from, never the temporary file it was checked in. Before: "…mmdb.gz: downloaded file is not a
     * usable database (DATA/.dbip-city-lite-123.tmp: corrupt search tree …)", a file that no longer exists.
     */
    @Test
    void aFailedUpdateNamesTheInstalledFileAndTheSourceNotTheTemporaryOne() throws Exception {
        Files.write(data.resolve("dbip-city-lite.mmdb"), new byte[] {1});
        URI base = serve();
        GeoUpdater u = updater(base);
        for (byte[] body : List.of(
                gzipped("maxmind-bad-data/libmaxminddb-corrupt-search-tree.mmdb"),
                gzipped("maxmind-bad-data/libmaxminddb-metadata-marker-only.mmdb"),
                "not gzip at all".getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            files.put("dbip-city-lite-2026-03.mmdb.gz", body);
            assertThatThrownBy(() -> u.update(GeoUpdater.Product.CITY))
                    .isInstanceOf(GeoUpdateException.class)
                    .hasMessageStartingWith(base + "/dbip-city-lite-2026-03.mmdb.gz: ")
                    .hasMessageEndingWith("; " + data.resolve("dbip-city-lite.mmdb") + " unchanged")
                    .satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain(".tmp")
                            .as("said once")
                            .doesNotContain("(not a usable MMDB database ("));
        }
        files.clear();
        assertThatThrownBy(() -> u.update(GeoUpdater.Product.CITY))
                .hasMessageEndingWith("under " + base + "/; " + data.resolve("dbip-city-lite.mmdb") + " unchanged");
        // with no database there before, nothing was left unchanged: it says none was installed
        Files.delete(data.resolve("dbip-city-lite.mmdb"));
        assertThatThrownBy(() -> u.update(GeoUpdater.Product.CITY))
                .hasMessageEndingWith("under " + base + "/; " + data.resolve("dbip-city-lite.mmdb") + " not installed");
        files.put(
                "dbip-city-lite-2026-03.mmdb.gz", "not gzip at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> u.update(GeoUpdater.Product.CITY))
                .hasMessageEndingWith("; " + data.resolve("dbip-city-lite.mmdb") + " not installed");
        files.clear();
        // a data folder that cannot be made says why, not only its own name again ("cannot create D (D)")
        Files.writeString(data.resolve("plain-file"), "x");
        Path under = data.resolve("plain-file").resolve("geo");
        assertThatThrownBy(() -> new GeoUpdater(base, under, MARCH, Duration.ofSeconds(2), Duration.ofSeconds(5))
                        .update(GeoUpdater.Product.CITY))
                .hasMessageStartingWith("cannot create " + under + " (")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("(" + under));
    }

    @Test
    void serverDownIsOneLineAndChangesNothing() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(data.resolve("dbip-asn-lite.mmdb"), "previous");
        GeoUpdater u = updater(URI.create("http://127.0.0.1:" + port + "/free/"));

        assertThatThrownBy(() -> u.update(GeoUpdater.Product.ASN))
                .isInstanceOf(GeoUpdateException.class)
                .hasMessageStartingWith("http://127.0.0.1:" + port + "/free/dbip-asn-lite-2026-03.mmdb.gz: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                // it said "corrupt or truncated data", as if a file had come
                .hasMessageContaining("connection refused")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("corrupt"));
        assertThat(Files.readString(data.resolve("dbip-asn-lite.mmdb"))).isEqualTo("previous");
        assertThat(listing()).containsExactly("dbip-asn-lite.mmdb");
    }

    /** Found by serving the headers and a first KiB, then nothing: {@code geo update} waited for ever. */
    @Test
    void aDownloadThatStallsIsAbandonedAndChangesNothing() throws Exception {
        byte[] gz = gzipped("maxmind-test/GeoLite2-City-Test.mmdb");
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/free/", ex -> {
            ex.sendResponseHeaders(200, gz.length);
            OutputStream o = ex.getResponseBody();
            o.write(gz, 0, 1024);
            o.flush();
            try {
                release.await(); // a server that stalls mid-body
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        Files.writeString(data.resolve("dbip-city-lite.mmdb"), "previous");
        GeoUpdater u = new GeoUpdater(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/free/"),
                data,
                MARCH,
                Duration.ofSeconds(2),
                Duration.ofSeconds(1));
        try {
            long t0 = System.nanoTime();
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    Duration.ofSeconds(20),
                    () -> assertThatThrownBy(() -> u.update(GeoUpdater.Product.CITY))
                            .isInstanceOf(GeoUpdateException.class)
                            .hasMessageContaining("dbip-city-lite-2026-03.mmdb.gz: no data for 1 s")
                            .hasMessageEndingWith("dbip-city-lite.mmdb unchanged"));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        } finally {
            release.countDown();
        }
        assertThat(Files.readString(data.resolve("dbip-city-lite.mmdb"))).isEqualTo("previous");
        assertThat(listing()).containsExactly("dbip-city-lite.mmdb");
    }

    /**
     * Found by {@code geo update --data-dir DIR} as root (the systemd unit into /var/lib/GeoIP): the
     * database was installed 0600, so a console run by any other user found it unreadable.
     */
    @Test
    void theInstalledDatabaseIsReadableByEveryUser() throws Exception {
        files.put("dbip-city-lite-2026-03.mmdb.gz", gzipped("maxmind-test/GeoIP2-City-Test.mmdb"));
        GeoUpdater.Installed city = updater(serve()).update(GeoUpdater.Product.CITY);

        assertThat(Files.getPosixFilePermissions(city.file()))
                .contains(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.GROUP_READ,
                        java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
    }

    @Test
    void baseUrlMustBeHttp() {
        assertThat(GeoUpdater.baseUrl("https://download.db-ip.com/free/").getHost())
                .isEqualTo("download.db-ip.com");
        assertThatThrownBy(() -> GeoUpdater.baseUrl("file:///etc/"))
                .hasMessage("geoip.update_url must be an http(s) URL, got \"file:///etc/\"");
        assertThatThrownBy(() -> GeoUpdater.baseUrl("http://a b/")).hasMessageContaining("is not a URL");
    }

    private List<String> listing() throws IOException {
        try (var s = Files.list(data)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
