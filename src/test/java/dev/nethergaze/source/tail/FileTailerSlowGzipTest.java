package dev.nethergaze.source.tail;

import static dev.nethergaze.source.tail.TailHarness.append;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copytruncate done by hand, its copy compressed by the real gzip through a slow pipe ({@code cp
 * access.log /tmp/held; : > access.log; slow < /tmp/held | gzip -c > access.log.1.gz}): the .gz beside
 * the log, with no plain copy, is still being written when the tailer sees the truncation.
 */
class FileTailerSlowGzipTest {

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    private final TailHarness rec = new TailHarness();

    /**
     * It grows while it is looked at, so it is waited for and read once gzip is done: every line once,
     * nothing said lost. Before, it was given up after three looks 100 ms apart and said LOST ("reading
     * access.log.1.gz: unexpected end of file (truncated?)"), its lines never read.
     */
    @Test
    void aGzipCopyWrittenThroughASlowPipeIsReadWhenComplete() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/gzip")), "no gzip");
        Path log = Files.createFile(dir.resolve("access.log"));
        try (FileTailer t = new FileTailer(List.of(log.toString()), TailConfig.defaults(), rec, rec)) {
            t.pollOnce();
            append(log, "a1\na2\n");
            t.pollOnce();
            List<String> unread = new ArrayList<>();
            Random random = new Random(11);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 30_000; i++) { // random hex: gzip's output grows in many 16 KiB writes
                String line = "203.0.113." + (i % 250) + " " + Long.toHexString(random.nextLong())
                        + Long.toHexString(random.nextLong());
                unread.add(line);
                text.append(line).append('\n');
            }
            append(log, text.toString());
            Path held = Files.copy(log, elsewhere.resolve("held"));
            TailHarness.truncate(log);
            Path gz = dir.resolve("access.log.1.gz");
            Process gzip = new ProcessBuilder("/usr/bin/gzip", "-c")
                    .redirectOutput(gz.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Thread feeder = Thread.ofPlatform().start(() -> {
                try (OutputStream in = gzip.getOutputStream()) {
                    byte[] all = Files.readAllBytes(held);
                    for (int off = 0; off < all.length; off += 32 * 1024) {
                        in.write(all, off, Math.min(32 * 1024, all.length - off));
                        in.flush();
                        Thread.sleep(50); // ~2 s in all
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                Thread.sleep(150); // gzip has begun
                append(log, "b1\n");
                t.pollOnce();
            } finally {
                feeder.join();
                assertThat(gzip.waitFor()).isZero();
            }

            List<String> expected = new ArrayList<>(List.of("a1", "a2"));
            expected.addAll(unread);
            expected.add("b1");
            assertThat(rec.saw(TailEvent.Kind.LOST)).as(rec.events.toString()).isFalse();
            assertThat(rec.texts()).containsExactlyElementsOf(expected);
            assertThat(rec.events)
                    .anySatisfy(e -> assertThat(e.detail())
                            .contains("read the rest of the old content from its copy access.log.1.gz"));
            assertThat(text.length()).isGreaterThan(1_000_000);
        }
    }
}
