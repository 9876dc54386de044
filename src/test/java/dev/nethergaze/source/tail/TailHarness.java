package dev.nethergaze.source.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/** Test helpers: a recording sink and listener, numbered lines, and deadline-based waiting. */
final class TailHarness implements LineSink, TailListener {

    record Line(Path file, long number, String text, boolean truncated) {}

    final List<Line> lines = new CopyOnWriteArrayList<>();
    final List<TailEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void line(Path file, long number, byte[] buf, int off, int len, boolean truncated) {
        lines.add(new Line(file, number, new String(buf, off, len, StandardCharsets.UTF_8), truncated));
    }

    @Override
    public void event(TailEvent event) {
        events.add(event);
    }

    /** The clock of {@link #tailer}: 2025-01-01 until moved on by {@link #pollLater}. */
    final java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
            new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2025-01-01T00:00:00Z"));

    /** A tailer of {@code file} with the defaults on {@link #now}, recording here. */
    FileTailer tailer(Path file) {
        return new FileTailer(List.of(file.toString()), TailConfig.defaults().withClock(now::get), this, this);
    }

    /** A tailer of {@code file}, created empty, that has read {@code text} written to it after its first look. */
    FileTailer readFromNew(Path file, String text) throws IOException, InterruptedException {
        Files.createFile(file);
        FileTailer t = tailer(file);
        t.pollOnce();
        append(file, text);
        pollLater(t);
        return t;
    }

    /** Moves {@link #now} on by the default poll interval, then polls. */
    void pollLater(FileTailer t) throws InterruptedException {
        now.set(now.get().plusMillis(250));
        t.pollOnce();
    }

    List<String> texts() {
        return lines.stream().map(Line::text).toList();
    }

    long count(TailEvent.Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).count();
    }

    boolean saw(TailEvent.Kind kind) {
        return events.stream().anyMatch(e -> e.kind() == kind);
    }

    static TailConfig fast() {
        return new TailConfig(
                Duration.ofMillis(5),
                Duration.ofMillis(20),
                Duration.ofMillis(100),
                false,
                TailConfig.DEFAULT_MAX_LINE,
                InstantSource.system());
    }

    static String numbered(int i) {
        return String.format("line %06d", i);
    }

    static List<String> numbered(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(TailHarness::numbered).toList();
    }

    static OutputStream appender(Path file) throws IOException {
        return Files.newOutputStream(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    static void write(OutputStream out, int from, int to) throws IOException {
        for (int i = from; i <= to; i++) {
            out.write((numbered(i) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    static void append(Path file, String text) throws IOException {
        try (OutputStream out = appender(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** logrotate's copytruncate, as it does it: copy the log (then maybe gzip the copy), truncate it. */
    static void copyTruncate(Path log, Path copy, boolean gzip) throws IOException {
        if (gzip) {
            try (OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(copy))) {
                Files.copy(log, out);
            }
        } else {
            Files.copy(log, copy);
        }
        truncate(log);
    }

    static void truncate(Path log) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
    }

    /** Waits until the condition holds or the deadline passes (then fails). */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, condition, Duration.ofSeconds(5));
    }

    static void await(String what, BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline)
                    .as("timed out waiting for " + what)
                    .isTrue();
            Thread.sleep(2);
        }
    }

    void awaitLines(int n) throws InterruptedException {
        awaitLines(n, Duration.ofSeconds(5));
    }

    void awaitLines(int n, Duration within) throws InterruptedException {
        await(n + " lines (have " + lines.size() + ")", () -> lines.size() >= n, within);
    }

    /** Runs a tailer on its own thread; closing stops it. */
    static final class Running implements AutoCloseable {
        private final Thread thread;
        private final List<Throwable> failures = new ArrayList<>();

        Running(FileTailer tailer) {
            thread = Thread.ofPlatform().name("tailer-test").start(() -> {
                try {
                    tailer.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                } finally {
                    tailer.close();
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(5000);
            synchronized (failures) {
                assertThat(failures).isEmpty();
            }
        }
    }
}
