package dev.nethergaze.source.conn;

import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Plural;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.SourceStats;
import dev.nethergaze.source.StatusReporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The "conn" source: polls a {@link ConnectionReader} every {@code interval} and emits each full
 * table as a {@link ConnTable}. A failed poll sets the health (missing, permission denied, error)
 * and emits nothing, so the engine keeps its last table; polling goes on and the health returns to
 * OK when reading works again. Interrupting the thread ends {@link #run}.
 */
public final class ConnPollSource implements Source {

    public static final String NAME = "conn";

    private final ConnectionReader reader;
    private final Duration interval;
    private final InstantSource clock;
    private final SourceStats stats;

    public ConnPollSource(ConnectionReader reader, Duration interval, InstantSource clock, StatusReporter reporter) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("conn poll interval must be positive: " + interval);
        }
        this.reader = reader;
        this.interval = interval;
        this.clock = clock;
        this.stats = new SourceStats(NAME, "conn", reporter);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SourceHealth health() {
        return stats.health();
    }

    @Override
    public void run(EventSink sink) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long start = System.nanoTime();
                pollOnce(sink);
                long rest = interval.toNanos() - (System.nanoTime() - start);
                if (rest > 0) {
                    Thread.sleep(Duration.ofNanos(rest));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One poll: reads the table, updates the health and counters, emits the table on success. */
    void pollOnce(EventSink sink) throws InterruptedException {
        Instant now = clock.instant();
        ReadResult result;
        try {
            result = reader.read(now);
        } catch (NoSuchFileException e) {
            stats.status(SourceStatus.MISSING, reader.name() + ": " + e.getFile() + " not found");
            return;
        } catch (AccessDeniedException e) {
            stats.status(SourceStatus.PERMISSION_DENIED, reader.name() + ": " + e.getFile() + ": permission denied");
            return;
        } catch (NetlinkException e) { // its message already names the call and the errno's reason
            stats.status(SourceStatus.ERROR, reader.name() + ": " + e.getMessage());
            return;
        } catch (IOException e) {
            stats.status(SourceStatus.ERROR, reader.name() + ": " + e);
            return;
        } catch (UncheckedIOException e) {
            stats.status(SourceStatus.ERROR, reader.name() + ": " + e.getCause());
            return;
        }
        stats.lines(result.rows());
        for (long i = 0; i < result.malformed(); i++) {
            stats.malformed();
        }
        ConnTable t = result.table();
        // the table first, then OK: whoever sees OK (a one-shot snapshot) knows the table is queued
        sink.emit(
                NAME.equals(t.source())
                        ? t
                        : new ConnTable(NAME, t.time(), t.connections(), t.listeners(), t.syn(), t.interfaces()));
        stats.status(SourceStatus.OK, reader.name() + ": " + Plural.of(result.rows(), "socket"));
    }
}
