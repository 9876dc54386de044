package dev.nethergaze.source.replay;

import dev.nethergaze.model.Plural;
import dev.nethergaze.model.ReplayBudget;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.tail.Handover;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Replays many files of any kind (access, auth, journald JSON; plain or gzip) as one stream ordered by
 * event time, together with other time-ordered finite sources (packet captures). Each file or source
 * runs on its own thread into small batches through a bounded queue (so parsing runs in parallel
 * with the engine and memory stays bounded); the caller's thread merges the batch heads by
 * timestamp, which keeps each input's own order. Problems are reported once per file.
 */
public final class MergedReplay implements Source {

    private static final SourceEvent[] END = new SourceEvent[0];

    private final List<FileReplay> files;
    /** Other inputs merged in, each time-ordered and finite (captures); they report their own problems. */
    private final List<Source> streams;

    private final StatusReporter reporter;
    private final ReplayBudget budget;
    private volatile SourceStatus status = SourceStatus.STARTING;

    public MergedReplay(List<Path> paths, FileReplay.Options options, StatusReporter reporter) {
        this(paths, options, reporter, List.of(), ReplayBudget.forInput(inputBytes(paths)), TimeWindow.ALL);
    }

    /**
     * Files of which only the events in {@code window} are wanted (see {@link FileReplay}), the
     * current logs read up to where the live tailers take them over ({@link Handover#NONE}: to their
     * ends).
     */
    public MergedReplay(
            List<Path> paths,
            FileReplay.Options options,
            StatusReporter reporter,
            TimeWindow window,
            Handover handover) {
        this(paths, options, reporter, window, handover, LogKind.ACCESS);
    }

    /**
     * As above, the files given as {@code expected} (a backfill's auth logs): so called when one cannot
     * be read or its first lines do not tell what it holds.
     */
    public MergedReplay(
            List<Path> paths,
            FileReplay.Options options,
            StatusReporter reporter,
            TimeWindow window,
            Handover handover,
            LogKind expected) {
        this(paths, options, reporter, List.of(), ReplayBudget.forInput(inputBytes(paths)), window, handover, expected);
    }

    /**
     * @param streams time-ordered finite sources (pcap replays) merged with the files by event time
     * @param budget events in flight per input (the caller sizes it once for the whole replay)
     */
    public MergedReplay(
            List<Path> paths,
            FileReplay.Options options,
            StatusReporter reporter,
            List<Source> streams,
            ReplayBudget budget) {
        this(paths, options, reporter, streams, budget, TimeWindow.ALL);
    }

    /** As above, with only the files' events in {@code window} wanted (the streams are not windowed). */
    public MergedReplay(
            List<Path> paths,
            FileReplay.Options options,
            StatusReporter reporter,
            List<Source> streams,
            ReplayBudget budget,
            TimeWindow window) {
        this(paths, options, reporter, streams, budget, window, Handover.NONE, LogKind.ACCESS);
    }

    private MergedReplay(
            List<Path> paths,
            FileReplay.Options options,
            StatusReporter reporter,
            List<Source> streams,
            ReplayBudget budget,
            TimeWindow window,
            Handover handover,
            LogKind expected) {
        List<FileReplay> fs = new ArrayList<>();
        for (Path p : paths) {
            fs.add(new FileReplay(p, options, window, handover, expected));
        }
        this.files = List.copyOf(fs);
        this.streams = List.copyOf(streams);
        this.reporter = reporter;
        this.budget = budget;
    }

    /** The files' total size, what the replay's buffers are sized by (unreadable ones count 0). */
    public static long inputBytes(List<Path> paths) {
        long bytes = 0;
        for (Path p : paths) {
            try {
                bytes += Files.size(p);
            } catch (IOException e) {
                // unreadable: its reader reports why; it adds nothing to the budget
            }
        }
        return bytes;
    }

    /** What a producer thread runs: one input, emitting in its own time order. */
    @FunctionalInterface
    private interface Input {
        void run(EventSink sink) throws InterruptedException;
    }

    @Override
    public String name() {
        return "replay";
    }

    /**
     * How far the files' reading has come, for a progress display on another thread: {@code done} of
     * {@code total} bytes (a gzip file counts its unpacked bytes read against its packed size, so a
     * fraction is only an estimate then; {@code packed} says so).
     */
    public record Progress(long done, long total, boolean packed) {}

    public Progress progress() {
        long done = 0;
        long total = 0;
        boolean packed = false;
        for (FileReplay f : files) {
            done += f.progress();
            try {
                total += Files.size(f.file());
                packed |= f.packed();
            } catch (IOException e) {
                // gone or unreadable: its reader reports it
            }
        }
        return new Progress(Math.min(done, packed ? Long.MAX_VALUE : total), total, packed);
    }

    /** Bytes at the files' starts that were not read, being older than the events wanted. */
    public long bytesSkipped() {
        long n = 0;
        for (FileReplay f : files) {
            n += f.start();
        }
        return n;
    }

    /** How far each file was read ({@link FileReplay#readTo}), after {@link #run}. */
    public java.util.Map<Path, Long> readTo() {
        java.util.Map<Path, Long> out = new java.util.LinkedHashMap<>();
        files.forEach(f -> out.put(f.file(), f.readTo()));
        return out;
    }

    /** One entry per file, then per merged source, as {@code sources[]} lists them. */
    @Override
    public List<SourceHealth> fileHealth() {
        List<SourceHealth> out = new ArrayList<>(files.size() + streams.size());
        files.forEach(f -> out.add(f.health()));
        streams.forEach(s -> out.add(s.health()));
        return out;
    }

    @Override
    public SourceHealth health() {
        long lines = 0;
        long bad = 0;
        for (FileReplay f : files) {
            lines += f.health().lines();
            bad += f.health().malformed();
        }
        return new SourceHealth(name(), "replay", status, Plural.of(files.size(), "file"), lines, bad);
    }

    /** The files it replays (their health and lines not used read after {@link #run}). */
    List<FileReplay> files() {
        return files;
    }

    @Override
    public void run(EventSink sink) throws InterruptedException {
        status = SourceStatus.OK;
        List<Cursor> cursors = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (FileReplay f : files) {
            threads.add(start(f.file().toString(), "replay " + f.file().getFileName(), f::run, cursors));
        }
        for (Source s : streams) {
            threads.add(start(s.name(), "replay " + s.name(), s::run, cursors));
        }
        try {
            merge(cursors, sink);
        } finally {
            for (Thread t : threads) {
                t.interrupt();
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        for (FileReplay f : files) {
            SourceHealth h = f.health();
            if (h.status() == SourceStatus.ERROR || h.malformed() > 0 || f.leftHostNameLines()) {
                reporter.report(h.name(), h.status(), h.detail());
            }
        }
        status = SourceStatus.DONE;
    }

    private static void merge(List<Cursor> cursors, EventSink sink) throws InterruptedException {
        PriorityQueue<Cursor> heads =
                new PriorityQueue<>((a, b) -> a.head().time().compareTo(b.head().time()));
        for (Cursor c : cursors) {
            if (c.advance()) {
                heads.add(c);
            }
        }
        while (!heads.isEmpty()) {
            Cursor c = heads.poll();
            if (heads.isEmpty()) { // the last file standing: no more comparisons needed
                do {
                    sink.emit(c.head());
                } while (c.advance());
                return;
            }
            SourceEvent next = heads.peek().head();
            do {
                sink.emit(c.head());
            } while (c.advance() && !c.head().time().isAfter(next.time()));
            if (!c.done) {
                heads.add(c);
            }
        }
    }

    private Thread start(String name, String thread, Input input, List<Cursor> cursors) {
        Cursor c = new Cursor(name, budget.fileQueue());
        cursors.add(c);
        return Thread.ofPlatform().daemon().name(thread).start(() -> produce(input, c));
    }

    private void produce(Input f, Cursor c) {
        int max = budget.batch();
        long maxBytes = budget.batchBytes();
        SourceEvent[][] batch = {new SourceEvent[max]};
        int[] n = {0};
        long[] bytes = {0};
        try {
            f.run(e -> {
                batch[0][n[0]++] = e;
                bytes[0] += e.weight();
                if (n[0] == max || bytes[0] >= maxBytes) {
                    c.queue.put(n[0] == max ? batch[0] : java.util.Arrays.copyOf(batch[0], n[0]));
                    batch[0] = new SourceEvent[max];
                    n[0] = 0;
                    bytes[0] = 0;
                }
            });
            if (n[0] > 0) {
                c.queue.put(java.util.Arrays.copyOf(batch[0], n[0]));
            }
            c.queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) { // out of memory, a parser bug: the merge must not wait forever
            c.failure = e;
            try {
                c.queue.put(END);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The consumer's view of one file's batches. */
    private static final class Cursor {
        final BlockingQueue<SourceEvent[]> queue;
        final String file;
        /** Why the producer stopped early, if it did; read after {@link #END}. */
        volatile Throwable failure;

        SourceEvent[] batch = END;
        int index;
        boolean done;

        SourceEvent head() {
            return batch[index];
        }

        Cursor(String file, int depth) {
            this.file = file;
            this.queue = new ArrayBlockingQueue<>(depth);
        }

        /** Moves to the next event; false (and done) at the end of the file. */
        boolean advance() throws InterruptedException {
            if (done) {
                return false;
            }
            if (++index < batch.length) {
                return true;
            }
            batch = queue.take();
            index = 0;
            if (batch.length == 0) {
                done = true;
                if (failure != null) {
                    throw new IllegalStateException("reading " + file + " failed: " + failure, failure);
                }
                return false;
            }
            return true;
        }
    }
}
