package dev.nethergaze.source.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.AccessLineParser;
import dev.nethergaze.source.httplog.ClientResolver;
import dev.nethergaze.source.httplog.ParseResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParsedBatchesTest {

    private static final Path FILE = Path.of("access.log");

    private static AccessLineParser parser() {
        return AccessFormat.AUTO.parser(FILE.toString(), ClientResolver.DIRECT);
    }

    /** Lines of every kind (hits over v4 and v6, JSON, a host name, junk, empty), in many batches. */
    private static List<String> lines(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(
                    switch (i % 6) {
                        case 0 ->
                            "203.0.113." + (i % 250) + " - - [10/Mar/2025:10:00:" + String.format("%02d", i % 60)
                                    + " +0000] \"GET /p" + i + " HTTP/1.1\" 200 " + i + " \"-\" \"curl/8\"";
                        case 1 ->
                            "2001:db8::" + Integer.toHexString(i) + " - - [10/Mar/2025:10:01:00 +0000] \"POST /x"
                                    + " HTTP/1.1\" 404 0 \"-\" \"-\"";
                        case 2 ->
                            "{\"ts\":1741600800." + i + ",\"request\":{\"remote_ip\":\"198.51.100." + (i % 200)
                                    + "\",\"method\":\"GET\",\"uri\":\"/j" + i + "\"},\"status\":301,\"size\":5}";
                        case 3 -> "host" + i + ".example.com - - [10/Mar/2025:10:00:00 +0000] \"GET / HTTP/1.0\" 200 1";
                        case 4 -> "garbage \u0000 line " + i;
                        default -> "";
                    });
        }
        return out;
    }

    /** What the handler saw, one text per line: its number, length, cut flag and result. */
    private static List<String> run(List<String> lines, boolean parallel) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        try (ParsedBatches b = new ParsedBatches(
                ParsedBatchesTest::parser,
                (f, n, len, cut, r) -> seen.add(f + ":" + n + ":" + len + ":" + cut + ":" + describe(r)),
                parallel)) {
            byte[] buf = new byte[400_000];
            long n = 0;
            for (String line : lines) {
                byte[] l = line.getBytes(StandardCharsets.UTF_8);
                int off = (int) (n % 7); // the reader's buffer: the line anywhere in it, overwritten after
                System.arraycopy(l, 0, buf, off, l.length);
                b.line(FILE, ++n, buf, off, l.length, n % 97 == 0);
                java.util.Arrays.fill(buf, (byte) 'x');
            }
            b.finish();
        }
        return seen;
    }

    private static String describe(ParseResult r) {
        return switch (r) {
            case ParseResult.Hit h ->
                "hit " + h.hit().client() + " " + h.hit().time() + " " + h.hit().target() + " "
                        + h.hit().status();
            default -> r.toString();
        };
    }

    @Test
    void parallelParsingGivesEachLinesResultInFileOrderAsTheReadingThreadWould() throws InterruptedException {
        List<String> lines = lines(5 * ParsedBatches.BATCH_LINES + 17);
        List<String> serial = run(lines, false);
        List<String> parallel = run(lines, true);
        assertThat(serial).hasSize(lines.size());
        assertThat(serial.get(0)).startsWith("access.log:1:").contains("hit 203.0.113.0 ");
        assertThat(serial.get(3)).contains("UnresolvedHost[host=host3.example.com");
        assertThat(serial.get(96)).contains(":97:").contains(":true:");
        assertThat(parallel).isEqualTo(serial);
    }

    @Test
    void aBatchIsHandedOverAtItsByteCapHoweverFewItsLines() throws InterruptedException {
        String big = "203.0.113.9 - - [10/Mar/2025:10:00:00 +0000] \"GET /" + "a".repeat(300_000)
                + " HTTP/1.1\" 200 1 \"-\" \"-\"";
        List<String> lines =
                List.of(big, big, big, "203.0.113.8 - - [10/Mar/2025:10:00:01 +0000] \"GET / HTTP/1.1\" 200 1");
        List<String> seen = run(lines, true);
        assertThat(seen).hasSize(4);
        assertThat(seen.get(2)).contains(":3:" + big.length() + ":").contains("hit 203.0.113.9 ");
        assertThat(seen.get(3)).contains("hit 203.0.113.8 ");
    }

    @Test
    void whatTheHandlerThrowsEndsTheReadingAndCloseDropsTheBatchesInFlight() throws InterruptedException {
        AtomicInteger handled = new AtomicInteger();
        RuntimeException stop = new IllegalStateException("past the window");
        List<String> lines = lines(20 * ParsedBatches.BATCH_LINES);
        ParsedBatches b = new ParsedBatches(
                ParsedBatchesTest::parser,
                (f, n, len, cut, r) -> {
                    if (handled.incrementAndGet() == 1500) {
                        throw stop;
                    }
                },
                true);
        assertThatThrownBy(() -> {
                    long n = 0;
                    for (String line : lines) {
                        byte[] l = line.getBytes(StandardCharsets.UTF_8);
                        b.line(FILE, ++n, l, 0, l.length, false);
                    }
                    b.finish();
                })
                .isSameAs(stop);
        b.close();
        assertThat(handled).hasValue(1500);
    }

    /** The threads that parsed the lines of {@code lines}, read with the choice left to the first batch. */
    private static java.util.Set<String> parsingThreads(List<String> lines) throws InterruptedException {
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (ParsedBatches b = new ParsedBatches(
                () -> {
                    AccessLineParser real = parser();
                    return (buf, off, len) -> {
                        threads.add(Thread.currentThread().getName().replaceAll("\\d+$", "N"));
                        return real.parse(buf, off, len);
                    };
                },
                (f, n, len, cut, r) -> {})) {
            long n = 0;
            for (String line : lines) {
                byte[] l = line.getBytes(StandardCharsets.UTF_8);
                b.line(FILE, ++n, l, 0, l.length, false);
            }
            b.finish();
        }
        return threads;
    }

    @Test
    void aJsonLogIsParsedOnTheWorkersAndACombinedOneOnTheReadingThread() throws InterruptedException {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one core: every log is parsed on the reader");
        List<String> json = new ArrayList<>();
        List<String> combined = new ArrayList<>();
        for (String line : lines(12 * ParsedBatches.BATCH_LINES)) {
            (line.startsWith("{") ? json : combined).add(line);
        }
        assertThat(parsingThreads(json)).containsExactly("replay parse N");
        assertThat(parsingThreads(combined))
                .containsExactly(Thread.currentThread().getName());
    }
}
