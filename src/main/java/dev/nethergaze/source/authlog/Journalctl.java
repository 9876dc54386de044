package dev.nethergaze.source.authlog;

import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.SourceStats;
import dev.nethergaze.source.tail.LineSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The journalctl child process of a {@link JournaldSource}: its argument array, its runs (the JSON
 * lines on stdout to the parser, the notices on stderr to the status), and what a run leaves for the
 * next: the cursor to resume at, and why it ended.
 */
final class Journalctl {

    private static final int MAX_LINE = 256 * 1024;
    private static final Duration POLL = Duration.ofMillis(50);
    /** How often a journalctl started with no journal file looks for one, and a follower checks its lag. */
    private static final long JOURNAL_CHECK_NANOS = 1_000_000_000L;

    private static final byte[] CURSOR_KEY = "\"__CURSOR\"".getBytes(StandardCharsets.ISO_8859_1);
    /** The longest stderr line kept for a status detail (journalctl's are one short sentence). */
    private static final int MAX_STDERR_LINE = 300;

    final String executable;
    final Instant since;
    /** A backfill: reads the journal from {@code since} to its end once, no following (a finite source). */
    final boolean backfill;

    private final InstantSource clock;
    private final SourceStats stats;
    private final LagWatch lag;
    String cursor;
    /** What the latest journalctl said on stderr (the source's thread only). */
    StderrNotes notes = new StderrNotes();

    private List<Path> journalDirs = JournalDiscovery.JOURNAL_DIRS;
    /** The status the last run's problem is shown with: missing when journalctl is not installed. */
    SourceStatus problemStatus = SourceStatus.ERROR;
    /** The journal's directory when it is not journald's own ({@code journalctl --directory}); null for those. */
    Path directory;
    /** No journal file was found when journalctl started, and it has printed no entry since. */
    boolean noJournal;
    /**
     * When the source first started journalctl; null before. A follower with no backfill and no
     * cursor reads from here (the second it started, so the entries written while journalctl opened
     * the journal are not missed), and so does one started again because journald made its first
     * file only after journalctl started (which would never show them).
     */
    private Instant startedAt;

    Journalctl(String executable, Instant since, boolean backfill, InstantSource clock, SourceStats stats) {
        this.executable = executable;
        this.since = since;
        this.backfill = backfill;
        this.clock = clock;
        this.stats = stats;
        this.lag = new LagWatch(stats, clock);
    }

    /** Reads the journal in {@code dir} ({@code journalctl --directory}). */
    void directory(Path dir) {
        this.directory = dir;
        this.journalDirs = List.of(dir);
    }

    /** Looks for journal files in {@code dirs} instead of journald's own directories (tests). */
    void journalDirs(List<Path> dirs) {
        this.journalDirs = List.copyOf(dirs);
    }

    /**
     * The argument array: follow (or, for a backfill, the range once), JSON, sshd and sshd-session
     * only; resume at the cursor when known.
     */
    List<String> command() {
        List<String> cmd = new ArrayList<>(List.of(executable));
        if (directory != null) {
            cmd.add("--directory=" + directory);
        }
        if (backfill) {
            cmd.addAll(List.of("-o", "json", "--no-pager", "--since=@" + since.getEpochSecond()));
        } else {
            cmd.addAll(List.of("-f", "-o", "json", "--no-pager"));
            if (cursor != null) {
                cmd.add("--after-cursor=" + cursor);
            } else if (since != null) {
                cmd.add("--since=@" + since.getEpochSecond());
            } else {
                cmd.add("--since=@" + (startedAt == null ? clock.instant() : startedAt).getEpochSecond());
            }
        }
        cmd.addAll(JournaldSource.MATCHES);
        return cmd;
    }

    /**
     * One journalctl run: the problem that ended it, or null when a backfill read its range, or when a
     * follower started with no journal file saw one appear (it is then started again).
     */
    String runOnce(JournalLineParser parser, EventSink sink) throws InterruptedException {
        if (startedAt == null) {
            startedAt = clock.instant();
        }
        if (!executable.contains("/") && !JournalDiscovery.onPath(executable)) {
            problemStatus = SourceStatus.MISSING;
            return executable + " not found on PATH (no systemd here? give the auth log instead: --auth-log FILE)";
        }
        problemStatus = SourceStatus.ERROR;
        Process p;
        try {
            p = new ProcessBuilder(command()).start();
        } catch (IOException e) {
            return "cannot start " + executable + ": " + e.getMessage();
        }
        announce();
        LineSplitter lines = new LineSplitter(Path.of("journal"), MAX_LINE, (f, n, b, off, len, cut) -> {
            if (noJournal) { // journald started after all
                noJournal = false;
                lag.following("following the journal (" + executable + ")");
            }
            stats.line();
            rememberCursor(b, off, len);
            AuthLineParser.Outcome o = parser.parse(b, off, len, sink::emit);
            if (o.unparsed()) {
                stats.malformed(null, 0, 0, o.why()); // an entry has no place: its cursor is no line
            } else if (o == AuthLineParser.Outcome.UNRESOLVED) { // sshd's UseDNS: said, as a file's are
                stats.hostName(null, 0, null);
            }
        });
        StderrNotes notes = new StderrNotes();
        this.notes = notes;
        LineSplitter errLines = new LineSplitter(Path.of("journalctl stderr"), MAX_LINE, (f, n, b, off, len, cut) -> {
            SourceStatus before = notes.status;
            notes.line(new String(b, off, Math.min(len, MAX_STDERR_LINE), StandardCharsets.UTF_8));
            if (notes.status != before) {
                stats.status(notes.status, notes.detail);
            }
        });
        return read(p, lines, errLines, notes, parser, sink);
    }

    /** Whether there is a journal to read, said as the source's status at once. */
    private void announce() {
        noJournal = !JournalDiscovery.anyJournal(journalDirs);
        if (noJournal) { // said at once, not after a moment of "ok" (a doctor's look may fall in it)
            stats.status(
                    SourceStatus.MISSING,
                    "no journal files in "
                            + journalDirs.stream().map(Path::toString).collect(Collectors.joining(" or "))
                            + (directory != null
                                    ? " (auth.journal_directory)"
                                    : ": journald is not running here, or keeps nothing"));
        } else {
            lag.following((!backfill
                            ? "following the journal ("
                            : "reading the journal since " + since.truncatedTo(ChronoUnit.SECONDS) + " (")
                    + executable + (directory != null ? " --directory=" + directory : "") + ")");
        }
    }

    /**
     * Reads a started journalctl's stdout and stderr until it exits (or the thread is interrupted), and
     * stops it: the problem that ended it, or null as for {@link #runOnce}.
     */
    private String read(
            Process p,
            LineSplitter lines,
            LineSplitter errLines,
            StderrNotes notes,
            JournalLineParser parser,
            EventSink sink)
            throws InterruptedException {
        try (InputStream in = p.getInputStream();
                InputStream err = p.getErrorStream()) {
            byte[] buf = new byte[64 * 1024];
            long nextCheck = System.nanoTime() + JOURNAL_CHECK_NANOS;
            long nextLag = System.nanoTime(); // at once: the PAM wait's clock is set before the first entry
            while (true) { // poll, so an interrupt (shutdown) is seen and the process is stopped
                int avail = in.available();
                int errAvail = err.available();
                if (!backfill && System.nanoTime() - nextLag >= 0) {
                    nextLag = System.nanoTime() + JOURNAL_CHECK_NANOS;
                    lag.lag(parser.newestMicros(), avail > 0);
                    parser.expire(clock.instant(), sink::emit); // the PAM failure a quiet journal ended with
                }
                if (errAvail > 0) { // drained as it comes: a chatty journalctl never blocks on a full pipe
                    int n = err.read(buf, 0, Math.min(errAvail, buf.length));
                    errLines.feed(buf, 0, n);
                }
                if (avail > 0) {
                    int n = in.read(buf, 0, Math.min(avail, buf.length));
                    lines.feed(buf, 0, n);
                } else if (!p.isAlive()) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        lines.feed(buf, 0, n);
                    }
                    while ((n = err.read(buf)) >= 0) {
                        errLines.feed(buf, 0, n);
                    }
                    errLines.finish();
                    int status = p.waitFor();
                    if (backfill && status == 0) {
                        return null;
                    }
                    return status > 128
                                    && status < 160 // 128 + a signal's number: killed, e.g. by a stop of the session
                            ? executable + " was stopped by signal " + (status - 128)
                            : executable + " exited with status " + status
                                    + (notes.last == null ? "" : ": " + notes.last);
                } else if (noJournal && !backfill && System.nanoTime() - nextCheck >= 0) {
                    nextCheck = System.nanoTime() + JOURNAL_CHECK_NANOS;
                    if (JournalDiscovery.anyJournal(journalDirs)) {
                        return null; // journald started: this journalctl would never see its files
                    }
                } else if (errAvail == 0) {
                    Thread.sleep(POLL);
                }
            }
        } catch (IOException e) {
            return executable + ": " + e.getMessage();
        } finally {
            p.destroy();
        }
    }

    /** Keeps {@code __CURSOR} so a restart resumes without loss or doubles. */
    private void rememberCursor(byte[] b, int off, int len) {
        byte[] key = CURSOR_KEY;
        int end = off + len;
        outer:
        for (int i = off; i + key.length < end; i++) {
            for (int k = 0; k < key.length; k++) {
                if (b[i + k] != key[k]) {
                    continue outer;
                }
            }
            int q1 = i + key.length;
            while (q1 < end && b[q1] != '"') {
                q1++;
            }
            int q2 = q1 + 1;
            while (q2 < end && b[q2] != '"') {
                q2++;
            }
            if (q2 < end) {
                cursor = new String(b, q1 + 1, q2 - q1 - 1, StandardCharsets.ISO_8859_1);
            }
            return;
        }
    }
}
