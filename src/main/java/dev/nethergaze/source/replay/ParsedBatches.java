package dev.nethergaze.source.replay;

import dev.nethergaze.source.httplog.AccessLineParser;
import dev.nethergaze.source.httplog.ParseResult;
import dev.nethergaze.source.tail.LineSink;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An access log's lines parsed on the cores, not on the one thread that reads the file: lines are
 * copied into batches, each batch is parsed by a worker with a parser of its own, and the results
 * come back to the reading thread in file order ({@link Handler}), where all counting and emitting
 * happens as if each line had been parsed there. Lines of an access log are independent (the parsers
 * keep only caches), so the results are the same; a JSON log, whose parsing costs several times what
 * the engine spends on its event, is read at about the speed of both cores instead of one.
 *
 * <p>Only JSON logs are parsed so, as their first batch shows them to be: a combined line costs the
 * parser less than the engine spends on its event, and reading such a log on the cores gained nothing
 * (1M lines: the same time, 10 MiB more). Such a log's lines, after its first batch, and every line
 * with one core, are parsed and handled on the reading thread as they come, not copied.
 * One instance serves one reading thread. {@link #close} drops what is still in flight (a reading that
 * stopped early, past its window).
 */
final class ParsedBatches implements LineSink, AutoCloseable {

    /** What the reading thread does with each line's result, in file order. */
    @FunctionalInterface
    interface Handler {
        void line(Path file, long number, int len, boolean cut, ParseResult result) throws InterruptedException;
    }

    /** Lines per batch: enough that handing one over costs little per line. */
    static final int BATCH_LINES = 1024;
    /**
     * Bytes per batch before it is handed over (a batch holds at least one line, however long). A replay
     * reads all its files at once, each with up to {@link #depth} batches in flight and one filling: at
     * 512 KiB, 20 JSON files took 417 MiB against 321 MiB at 128 KiB, at the same speed.
     */
    static final int BATCH_BYTES = 128 * 1024;

    /** Workers shared by every reading in this JVM: one per core, at most 8, gone when idle. */
    private static final int WORKERS = Math.min(8, Runtime.getRuntime().availableProcessors());

    private static final class Pool {
        static final ThreadPoolExecutor EXECUTOR = executor();

        private static ThreadPoolExecutor executor() {
            ThreadPoolExecutor e = new ThreadPoolExecutor(
                    WORKERS,
                    WORKERS,
                    10,
                    TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(),
                    Thread.ofPlatform().daemon().name("replay parse ", 0).factory());
            e.allowCoreThreadTimeOut(true);
            return e;
        }
    }

    private final Supplier<AccessLineParser> newParser;
    /** Parsers not in use, kept warm (their caches) between batches. */
    private final ConcurrentLinkedQueue<AccessLineParser> idle = new ConcurrentLinkedQueue<>();

    private final Handler handler;
    /** On the workers (true), on the reading thread (false), or not yet decided (null: by the first batch). */
    private Boolean parallel;
    /** Batches handed to the workers, oldest first; at most {@link #depth}. */
    private final ArrayDeque<Batch> inFlight = new ArrayDeque<>();

    private final int depth;
    /**
     * Batches handled, to fill again: their buffers live as long as the reading (a new buffer per batch
     * was garbage the young collections found in flight and promoted: 1.5x the peak RSS).
     */
    private final ArrayDeque<Batch> spare = new ArrayDeque<>();

    private Batch filling = new Batch();

    /** Parsing on the workers if the first batch is JSON and there are cores to spare. */
    ParsedBatches(Supplier<AccessLineParser> newParser, Handler handler) {
        this(newParser, handler, null);
    }

    /**
     * @param parallel whether to parse on the workers (false: on the reading thread, batch by batch;
     *     null: as the first batch shows)
     */
    ParsedBatches(Supplier<AccessLineParser> newParser, Handler handler, Boolean parallel) {
        this.newParser = newParser;
        this.handler = handler;
        this.parallel = WORKERS > 1 ? parallel : Boolean.FALSE;
        this.depth = WORKERS + 1; // one queued behind each worker's: 2 x WORKERS + 1 was no faster
    }

    @Override
    public void line(Path file, long number, byte[] buf, int off, int len, boolean truncated)
            throws InterruptedException {
        if (Boolean.FALSE.equals(parallel) && filling.count == 0) { // on this thread: no copy, no batch
            handler.line(file, number, len, truncated, parseOne(direct(), buf, off, len));
            return;
        }
        filling.add(file, number, buf, off, len, truncated);
        if (filling.full()) {
            handOver();
        }
    }

    /** Hands the batch being filled over, first handling the oldest in flight when there are enough. */
    private void handOver() throws InterruptedException {
        Batch b = filling;
        if (parallel == null) {
            parallel = b.mostlyJson();
        }
        if (!parallel) {
            b.parse(this);
            b.handle(handler);
            return;
        }
        if (inFlight.size() >= depth) {
            handleOldest();
        }
        Batch next = spare.poll();
        filling = next != null ? next : new Batch();
        b.parsed = Pool.EXECUTOR.submit(() -> b.parse(this));
        inFlight.add(b);
    }

    /** Parses and handles what is left, in order: call once the reading has delivered its last line. */
    void finish() throws InterruptedException {
        if (filling.count > 0) {
            handOver();
        }
        while (!inFlight.isEmpty()) {
            handleOldest();
        }
    }

    private void handleOldest() throws InterruptedException {
        Batch b = inFlight.poll();
        b.awaitAndHandle(handler);
        spare.add(b);
    }

    /** Drops the batches still in flight (their results are not handled). */
    @Override
    public void close() {
        for (Batch b : inFlight) {
            b.parsed.cancel(false);
        }
        inFlight.clear();
    }

    /** The parser of the lines handled on the reading thread once it parses them there. */
    private AccessLineParser direct;

    private AccessLineParser direct() {
        if (direct == null) {
            direct = parser();
        }
        return direct;
    }

    /** What {@code p} makes of a line; a parser bug must not end the replay: the line is counted. */
    private static ParseResult parseOne(AccessLineParser p, byte[] b, int off, int len) {
        try {
            return p.parse(b, off, len);
        } catch (RuntimeException e) {
            return ParseResult.Malformed.of(ParseResult.Reason.EMPTY);
        }
    }

    private AccessLineParser parser() {
        AccessLineParser p = idle.poll();
        return p != null ? p : newParser.get();
    }

    /** Lines copied out of the reader's buffer, and once parsed, their results. */
    private static final class Batch {
        private byte[] bytes = new byte[64 * 1024];
        private int used;
        private int count;
        private final int[] offsets = new int[BATCH_LINES];
        private final int[] lengths = new int[BATCH_LINES];
        private final long[] numbers = new long[BATCH_LINES];
        private final boolean[] cut = new boolean[BATCH_LINES];
        private final ParseResult[] results = new ParseResult[BATCH_LINES];
        private Path file;
        private Future<?> parsed;

        void add(Path f, long number, byte[] buf, int off, int len, boolean truncated) {
            if (used + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + len));
            }
            System.arraycopy(buf, off, bytes, used, len);
            file = f;
            offsets[count] = used;
            lengths[count] = len;
            numbers[count] = number;
            cut[count] = truncated;
            used += len;
            count++;
        }

        /** Whether most of the lines are JSON objects (start with a brace, spaces aside). */
        boolean mostlyJson() {
            int json = 0;
            for (int i = 0; i < count; i++) {
                int p = offsets[i];
                int end = p + lengths[i];
                while (p < end && (bytes[p] == ' ' || bytes[p] == '\t')) {
                    p++;
                }
                if (p < end && bytes[p] == '{') {
                    json++;
                }
            }
            return json * 2 > count;
        }

        boolean full() {
            return count == BATCH_LINES || used >= BATCH_BYTES;
        }

        void parse(ParsedBatches owner) {
            AccessLineParser p = owner.parser();
            for (int i = 0; i < count; i++) {
                results[i] = parseOne(p, bytes, offsets[i], lengths[i]);
            }
            owner.idle.add(p);
        }

        void awaitAndHandle(Handler h) throws InterruptedException {
            try {
                parsed.get();
            } catch (ExecutionException e) { // parse catches what a parser throws: only an Error gets here
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
            handle(h);
        }

        /** Hands each result to {@code h} in order; the batch is empty again after (to be filled anew). */
        void handle(Handler h) throws InterruptedException {
            for (int i = 0; i < count; i++) {
                ParseResult r = results[i];
                results[i] = null;
                h.line(file, numbers[i], lengths[i], cut[i], r);
            }
            count = 0;
            used = 0;
            parsed = null;
        }
    }
}
