package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.Snapshots;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** watch's JSON lines stay whole when a signal stops the run while one is being written. */
class WholeLinesTest {

    /**
     * A signal (the shutdown hook's action) while a line is half written returns only once that line
     * is whole, newline included; no line is begun after it. Before, the JVM exited mid-line: the last
     * line of {@code watch --jsonl} was cut off (invalid JSON, no newline; tester report T, B9).
     */
    @Test
    void aSignalWaitsForTheLineBeingWrittenAndEndsTheOutput() throws Exception {
        Snapshot s = Snapshots.many(300);
        Signalled r = signalWhileWriting(lines -> lines.line(s));
        byte[] all = r.all();
        assertThat(all[all.length - 1]).isEqualTo((byte) '\n');
        String line = new String(all, StandardCharsets.UTF_8).strip();
        assertThat(line).doesNotContain("\n");
        assertThat(new ObjectMapper().readTree(line).get("ips")).hasSize(s.ips().size());

        assertThat(r.lines().line(s)).as("no line begun after a signal").isFalse();
        assertThat(r.got().size()).isEqualTo(r.written());
    }

    /**
     * The one document of {@code snapshot --json}, {@code demo --json} (pretty, many lines) and {@code
     * replay --json} goes through the same wait: a signal while it is written ends the run after its
     * last byte, not in the middle (before, those wrote straight to standard output).
     */
    @Test
    void aSignalWaitsForAOneShotsWholeDocument() throws Exception {
        Snapshot s = Snapshots.many(300);
        Signalled r = signalWhileWriting(lines -> lines.write(o -> Output.document(s, o)));
        String doc = new String(r.all(), StandardCharsets.UTF_8);
        assertThat(doc).endsWith("}\n").contains("\n  \"ips\" : [");
        assertThat(new ObjectMapper().readTree(doc).get("ips")).hasSize(s.ips().size());
        assertThat(r.lines().write(o -> Output.document(s, o))).isFalse();
        assertThat(r.got().size()).isEqualTo(r.written());
    }

    private record Signalled(WholeLines lines, ByteArrayOutputStream got, int written) {

        /** What was written when the signal returned (the test checks nothing came after). */
        byte[] all() {
            return java.util.Arrays.copyOf(got.toByteArray(), written);
        }
    }

    /**
     * Starts {@code writing} into a pipe whose reader takes the first bytes and then waits; signals
     * (the shutdown hook's action) meanwhile, lets the reader go on, and checks that the signal returned
     * only after everything was written.
     */
    private static Signalled signalWhileWriting(java.util.function.Consumer<WholeLines> writing) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        CountDownLatch begun = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OutputStream slowReader = new OutputStream() { // a pipe whose reader is slow: the first bytes, then a wait
                    @Override
                    public void write(int b) {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public synchronized void write(byte[] b, int off, int len) {
                        got.write(b, off, len);
                        if (begun.getCount() > 0) {
                            begun.countDown();
                            try {
                                release.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                };
        WholeLines lines = new WholeLines(slowReader);
        Thread writer = Thread.ofPlatform().start(() -> writing.accept(lines));
        assertThat(begun.await(30, TimeUnit.SECONDS)).as("the output was begun").isTrue();
        AtomicInteger writtenWhenSignalEnded = new AtomicInteger(-1);
        Thread signal = Thread.ofPlatform().start(() -> {
            lines.signalled();
            writtenWhenSignalEnded.set(got.size());
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (signal.getState() != Thread.State.TIMED_WAITING
                && signal.getState() != Thread.State.TERMINATED
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        release.countDown();
        writer.join(30_000);
        signal.join(30_000);

        byte[] all = got.toByteArray();
        assertThat(all.length)
                .as("more than the first write: the reader was waited for")
                .isGreaterThan(1);
        assertThat(writtenWhenSignalEnded.get())
                .as("the signal returned after the whole output")
                .isEqualTo(all.length);
        return new Signalled(lines, got, all.length);
    }
}
