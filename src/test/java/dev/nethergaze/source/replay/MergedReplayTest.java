package dev.nethergaze.source.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.ClientResolver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mixed files merged by event time; bad input counted and reported once per file, never fatal. */
class MergedReplayTest {

    private static final FileReplay.Options OPTIONS =
            new FileReplay.Options(AccessFormat.AUTO, ClientResolver.DIRECT, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final List<String> reports = new ArrayList<>();
    private final StatusReporter reporter = (name, status, detail) -> reports.add(name + " " + status + " " + detail);

    private static String access(int sec, String ip) {
        return ip + " - - [10/Mar/2025:00:00:" + String.format("%02d", sec)
                + " +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"\n";
    }

    private static String auth(int sec, String ip) {
        return "Mar 10 00:00:" + String.format("%02d", sec) + " h sshd[1]: Failed password for root from " + ip
                + " port 1 ssh2\n";
    }

    private List<SourceEvent> replay(MergedReplay r) throws InterruptedException {
        List<SourceEvent> out = new ArrayList<>();
        r.run(out::add);
        return out;
    }

    @Test
    void accessAuthAndGzipAreDetectedAndMergedByTime() throws Exception {
        Path a = Files.writeString(dir.resolve("access.log"), access(1, "203.0.113.1") + access(5, "203.0.113.1"));
        Path s = Files.writeString(dir.resolve("secure"), auth(2, "198.51.100.1") + auth(6, "198.51.100.1"));
        Files.setLastModifiedTime(s, FileTime.from(Instant.parse("2025-03-10T01:00:00Z")));
        Path g = dir.resolve("access.log.2.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(g))) {
            out.write((access(0, "203.0.113.2") + access(3, "203.0.113.2")).getBytes(StandardCharsets.UTF_8));
        }
        MergedReplay r = new MergedReplay(List.of(a, s, g), OPTIONS, reporter);
        List<SourceEvent> events = replay(r);
        assertThat(events).extracting(e -> e.time().getEpochSecond() % 60).containsExactly(0L, 1L, 2L, 3L, 5L, 6L);
        assertThat(events.get(2)).isInstanceOf(AuthAttempt.class);
        assertThat(events.get(0)).isInstanceOf(HttpHit.class);
        assertThat(((HttpHit) events.get(0)).source()).isEqualTo(g.toString());
        assertThat(r.fileHealth()).extracting(SourceHealth::kind).containsExactly("http", "auth", "http");
        assertThat(r.fileHealth()).allMatch(h -> h.status() == SourceStatus.DONE && h.malformed() == 0);
        assertThat(reports).isEmpty();
    }

    @Test
    void badInputIsCountedAndReportedOncePerFileWithTheLineNumber() throws Exception {
        ByteArrayOutputStream junk = new ByteArrayOutputStream();
        junk.writeBytes(access(1, "203.0.113.1").getBytes(StandardCharsets.UTF_8));
        junk.writeBytes(new byte[] {0, 0, 0, (byte) 0xff, (byte) 0xfe, '\n'}); // NUL and invalid UTF-8: line 2
        byte[] huge = new byte[1 << 20];
        Arrays.fill(huge, (byte) 'A');
        junk.writeBytes(huge); // a 1 MB line: line 3
        junk.write('\n');
        junk.writeBytes(
                access(2, "203.0.113.1").replace("GET", "G\u00e9T\u0000").getBytes(StandardCharsets.UTF_8));
        Path bad = Files.write(dir.resolve("bad.log"), junk.toByteArray());
        Path truncated = dir.resolve("old.log.gz");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            for (int i = 0; i < 2000; i++) {
                out.write(access(i % 60, "198.51.100.9").getBytes(StandardCharsets.UTF_8));
            }
        }
        Files.write(truncated, Arrays.copyOf(gz.toByteArray(), gz.size() / 2));
        Path directory = Files.createDirectory(dir.resolve("replaced-by-a-directory.log"));

        MergedReplay r = new MergedReplay(List.of(bad, truncated, directory), OPTIONS, reporter);
        List<SourceEvent> events = replay(r);

        SourceHealth b = r.fileHealth().get(0);
        assertThat(b.malformed()).isEqualTo(2);
        assertThat(b.detail()).contains(bad + ":2");
        SourceHealth t = r.fileHealth().get(1);
        assertThat(t.status()).isEqualTo(SourceStatus.ERROR);
        assertThat(t.lines()).isPositive().isLessThan(2000);
        SourceHealth d = r.fileHealth().get(2);
        assertThat(d.status()).isEqualTo(SourceStatus.ERROR);
        assertThat(d.detail()).contains(directory.toString());
        assertThat(events).hasSizeGreaterThan(2);
        assertThat(reports).hasSize(3);
        assertThat(reports).allMatch(line -> !line.contains("\n"));
    }

    /**
     * Lines naming their client by host name (Apache's HostnameLookups, sshd's UseDNS) are not used, and
     * the file's entry says how many and where the first is, as a followed file's does (before: "2 from
     * host names", with no place to look).
     */
    @Test
    void hostNameLinesAreSaidWithTheFirstOnesPlace() throws Exception {
        Path a = Files.writeString(
                dir.resolve("access.log"),
                access(1, "203.0.113.1") + access(2, "crawl-66-249-66-1.googlebot.com") + access(3, "a.example"));
        Path s = Files.writeString(dir.resolve("secure"), auth(2, "198.51.100.1") + auth(6, "scan.example.net"));
        Files.setLastModifiedTime(s, FileTime.from(Instant.parse("2025-03-10T01:00:00Z")));
        MergedReplay r = new MergedReplay(List.of(a, s), OPTIONS, reporter);
        assertThat(replay(r)).hasSize(2);
        assertThat(r.fileHealth())
                .extracting(SourceHealth::detail)
                .containsExactly(
                        "access: 3 lines, 1 event, 2 lines naming the client by host name, not address, not used"
                                + " (first \"crawl-66-249-66-1.googlebot.com\" at " + a
                                + ":2; Apache HostnameLookups or sshd UseDNS on? log addresses)",
                        "auth: 2 lines, 1 event, 1 line naming the client by host name, not address, not used"
                                + " (first at " + s + ":2; Apache HostnameLookups or sshd UseDNS on? log addresses)");
        // and said once each, as unparsed lines are: a log of host names alone was a quiet "1 fine"
        assertThat(reports).hasSize(2).allMatch(line -> line.contains("naming the client by host name"));
    }

    /**
     * Client fields that look like addresses but are none (256.1.1.1, 1.2.3, 1:2:3:4:5:6:7:8:9,
     * 01.02.03.004) are unparsed lines, counted with the first one's place, not lines "naming the client
     * by host name" (a file of them alone was summarised as fine); a name starting with digits stays one.
     */
    @Test
    void badAddressesAreUnparsedLinesAndHostNamesStayHostNames() throws Exception {
        Path a = Files.writeString(
                dir.resolve("access.log"),
                access(1, "203.0.113.1")
                        + access(2, "256.1.1.1")
                        + access(3, "1.2.3")
                        + access(4, "1:2:3:4:5:6:7:8:9")
                        + access(5, "1password.com"));
        Path b = Files.writeString(dir.resolve("other.log"), access(6, "01.02.03.004") + access(7, "256.1.1.1"));
        MergedReplay r = new MergedReplay(List.of(a, b), OPTIONS, reporter);
        assertThat(replay(r)).hasSize(1);
        List<String> details = r.fileHealth().stream().map(SourceHealth::detail).toList();
        assertThat(details.get(0))
                .contains("3 unparsed (first at " + a + ":2")
                .contains("1 line naming the client by host name")
                .contains("\"1password.com\" at " + a + ":5");
        assertThat(details.get(1)).contains("2 unparsed (first at " + b + ":1");
        assertThat(reports).hasSize(2);
    }

    /** An auth log whose sshd hosts are addresses that are none says why its lines are unparsed. */
    @Test
    void anAuthLogsHostsThatAreNoAddressAreSaidSo() throws Exception {
        Path a = Files.writeString(dir.resolve("auth.log"), """
                Dec  6 10:00:01 web sshd[11]: Failed password for root from 256.1.1.1 port 5555 ssh2
                Dec  6 10:00:02 web sshd[12]: Invalid user x from 1:2:3:4:5:6:7:8:9 port 5555
                """);
        MergedReplay r = new MergedReplay(List.of(a), OPTIONS, reporter);
        assertThat(replay(r)).isEmpty();
        assertThat(r.fileHealth().getFirst().detail())
                .startsWith("auth: ")
                .contains("2 unparsed (first at " + a + ":1")
                .contains("2 unparsed (first at " + a + ":1); their client fields are not valid addresses (first at "
                        + a + ":1)")
                .doesNotContain("no line was recognised");
    }

    @Test
    void journalJsonIsDetected() throws IOException, InterruptedException {
        Path j = Files.writeString(
                dir.resolve("journal.json"),
                "{\"__CURSOR\":\"c1\",\"__REALTIME_TIMESTAMP\":\"1741564800000000\",\"_COMM\":\"sshd-session\",\"_PID\":\"5\","
                        + "\"MESSAGE\":\"Invalid user admin from 203.0.113.77 port 22\"}\n"
                        + "{\"__REALTIME_TIMESTAMP\":\"1741564801000000\",\"_COMM\":\"cron\",\"MESSAGE\":\"x\"}\n");
        MergedReplay r = new MergedReplay(List.of(j), OPTIONS, reporter);
        List<SourceEvent> events = replay(r);
        assertThat(events).hasSize(1);
        assertThat(((AuthAttempt) events.get(0)).ip().toString()).isEqualTo("203.0.113.77");
        assertThat(events.get(0).time()).isEqualTo(Instant.parse("2025-03-10T00:00:00Z"));
        assertThat(r.fileHealth().get(0).kind()).isEqualTo("auth");
    }

    /**
     * A named pipe is read once: its kind is told from its first bytes without consuming them (they
     * were lost before: the first 32 KB went to the sniffer, and a gzip stream was not read at all).
     */
    @Test
    void aPipeIsReadOnceAndWhole(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        for (boolean gzip : new boolean[] {false, true}) {
            Path fifo = tmp.resolve(gzip ? "gz.fifo" : "plain.fifo");
            assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                    .isZero();
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 2000; i++) { // ~60 KB of auth lines: past the peek
                text.append(auth(i % 60, "198.51.100." + i % 250));
            }
            Thread writer = Thread.ofPlatform().start(() -> {
                try (java.io.OutputStream raw = Files.newOutputStream(fifo);
                        java.io.OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
                    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            MergedReplay r = new MergedReplay(List.of(fifo), OPTIONS, (n, st, d) -> {});
            List<SourceEvent> got = replay(r);
            writer.join();
            assertThat(got).as("gzip " + gzip).hasSize(2000);
            assertThat(r.fileHealth().getFirst().detail()).isEqualTo("auth: 2000 lines, 2000 events");
        }
    }
}
