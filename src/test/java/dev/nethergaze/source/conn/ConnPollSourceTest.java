package dev.nethergaze.source.conn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.StatusReporter;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnPollSourceTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    private final List<String> reports = Collections.synchronizedList(new ArrayList<>());
    private final StatusReporter reporter =
            (source, status, detail) -> reports.add(source + " " + status + " " + detail);

    /** A reader that plays back scripted outcomes: a {@link ReadResult} or an exception to throw. */
    private static final class ScriptedReader implements ConnectionReader {
        private final Deque<Object> script = new ArrayDeque<>();

        ScriptedReader then(Object outcome) {
            script.add(outcome);
            return this;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public ReadResult read(Instant now) throws IOException {
            Object next = script.remove();
            if (next instanceof IOException e) {
                throw e;
            }
            ReadResult r = (ReadResult) next;
            return new ReadResult(new ConnTable("fake", now, List.of(), List.of()), r.rows(), r.malformed());
        }
    }

    private static ReadResult rows(long rows, long malformed) {
        return new ReadResult(new ConnTable("fake", T0, List.of(), List.of()), rows, malformed);
    }

    @Test
    void reportsEachFailureAndRecovers() throws InterruptedException {
        ScriptedReader reader = new ScriptedReader()
                .then(new NoSuchFileException("/x/net/tcp"))
                .then(new AccessDeniedException("/x/net/tcp"))
                .then(new IOException("disk on fire"))
                .then(rows(12, 2))
                .then(rows(10, 0));
        ConnPollSource src = new ConnPollSource(reader, Duration.ofSeconds(1), InstantSource.fixed(T0), reporter);
        List<SourceEvent> events = new ArrayList<>();

        assertThat(src.health().status()).isEqualTo(SourceStatus.STARTING);
        src.pollOnce(events::add);
        assertThat(src.health().status()).isEqualTo(SourceStatus.MISSING);
        assertThat(src.health().detail()).isEqualTo("fake: /x/net/tcp not found");
        src.pollOnce(events::add);
        assertThat(src.health().status()).isEqualTo(SourceStatus.PERMISSION_DENIED);
        src.pollOnce(events::add);
        assertThat(src.health().status()).isEqualTo(SourceStatus.ERROR);
        assertThat(src.health().detail()).contains("disk on fire");
        assertThat(events).isEmpty();

        src.pollOnce(events::add);
        src.pollOnce(events::add);

        assertThat(src.health())
                .isEqualTo(new SourceHealth("conn", "conn", SourceStatus.OK, "fake: 10 sockets; 2 unparsed", 22, 2));
        assertThat(events).hasSize(2).allSatisfy(e -> {
            assertThat(e).isInstanceOf(ConnTable.class);
            assertThat(e.source()).isEqualTo("conn");
            assertThat(e.time()).isEqualTo(T0);
        });
        assertThat(reports)
                .containsExactly(
                        "conn MISSING fake: /x/net/tcp not found",
                        "conn PERMISSION_DENIED fake: /x/net/tcp: permission denied",
                        "conn ERROR fake: java.io.IOException: disk on fire");
    }

    @Test
    void rejectsANonPositiveInterval() {
        assertThatThrownBy(() -> new ConnPollSource(
                        new ScriptedReader(), Duration.ZERO, InstantSource.fixed(T0), StatusReporter.silent()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsPollingAMissingProcRootAndRecoversWhenItAppears() throws InterruptedException {
        Path root = tmp.resolve("proc");
        ConnPollSource src = new ConnPollSource(
                new ProcNetTcpReader(root, ByteOrder.LITTLE_ENDIAN),
                Duration.ofMillis(5),
                InstantSource.system(),
                reporter);
        BlockingQueue<SourceEvent> queue = new LinkedBlockingQueue<>();
        Thread t = Thread.ofPlatform().name("conn-test").start(() -> src.run(queue::put));
        try {
            await(() -> src.health().status() == SourceStatus.MISSING);
            assertThat(src.health().detail()).contains(root.resolve("net/tcp").toString());
            assertThat(queue).isEmpty();

            ProcLines.writeProc(
                    root,
                    List.of(
                            ProcLines.row(0, false, "0.0.0.0", 22, "0.0.0.0", 0, 0x0A),
                            ProcLines.row(1, false, "10.0.0.5", 22, "198.51.100.7", 50000, 0x01)),
                    null);

            SourceEvent e = queue.poll(10, TimeUnit.SECONDS);
            assertThat(e).isInstanceOfSatisfying(ConnTable.class, table -> {
                assertThat(table.source()).isEqualTo("conn");
                assertThat(table.listeners()).hasSize(1);
                assertThat(table.connections()).hasSize(1);
            });
            await(() -> src.health().status() == SourceStatus.OK);
            assertThat(src.health().detail()).isEqualTo("procfs: 2 sockets");
            assertThat(queue.poll(10, TimeUnit.SECONDS)).as("keeps polling").isNotNull();
            assertThat(reports).hasSize(1);
        } finally {
            t.interrupt();
            t.join(10_000);
        }
        assertThat(t.isAlive()).as("interrupt ends run()").isFalse();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting").isLessThan(deadline);
            Thread.sleep(2);
        }
    }
}
