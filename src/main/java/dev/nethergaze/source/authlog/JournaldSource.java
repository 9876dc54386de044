package dev.nethergaze.source.authlog;

import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.SourceStats;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.tail.LineSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * SSH attempts from the systemd journal: runs {@code journalctl -f -o json} with the matches {@link
 * #MATCHES} (an argument array, never a shell) and parses its JSON lines. When journalctl
 * exits (missing binary, no permission, journald restarted) the failure is reported once, with the last
 * line it wrote on stderr, and the process is started again after a pause, from where the journal
 * cursor left off.
 *
 * <p>journalctl also explains on stderr why it shows nothing while it runs on, and the source says so
 * instead of looking healthy and blind: a user outside the groups {@code adm} and {@code
 * systemd-journal} sees only their own entries (sshd's are the system's). A host with no journal file
 * at all (no journald, as in most containers) is reported as missing too.
 */
public final class JournaldSource implements Source {

    public static final String KIND = "auth";
    private static final int MAX_LINE = 256 * 1024;
    private static final Duration POLL = Duration.ofMillis(50);
    /** How often a journalctl started with no journal file looks for one, and a follower checks its lag. */
    private static final long JOURNAL_CHECK_NANOS = 1_000_000_000L;
    /**
     * A follower that reads entries this much older than now while more wait is {@link
     * SourceStatus#BEHIND}: sshd writes faster than the engine judges (a flood), or a restart resumed
     * far back. Entries are stamped by journald when it received them, on this host's clock.
     */
    static final long BEHIND_SECONDS = 10;

    private static final byte[] CURSOR_KEY = "\"__CURSOR\"".getBytes(StandardCharsets.ISO_8859_1);
    /** The longest stderr line kept for a status detail (journalctl's are one short sentence). */
    private static final int MAX_STDERR_LINE = 300;
    /**
     * sshd's entries: those journald saw come from an sshd process ({@code _COMM}, which it reads from
     * /proc and so cannot record for a process that has already exited, as sshd's child for a
     * scanner's connection usually has), or else those root sent as sshd ({@code SYSLOG_IDENTIFIER}
     * is whatever the sender claims; {@code _UID} comes from the kernel): another user's {@code logger
     * -t sshd "Failed password … from <your admin's IP>"} is not an sshd entry.
     */
    static final List<String> MATCHES = List.of(
            "_COMM=sshd",
            "_COMM=sshd-session",
            "+",
            "SYSLOG_IDENTIFIER=sshd",
            "SYSLOG_IDENTIFIER=sshd-session",
            "_UID=0");

    /** Where journald keeps its files: persistent, then volatile (each holds one directory per machine id). */
    static final List<Path> JOURNAL_DIRS = List.of(Path.of("/var/log/journal"), Path.of("/run/log/journal"));

    private final String executable;
    private final Instant since;
    /** A backfill: reads the journal from {@code since} to its end once, no following (a finite source). */
    private final boolean backfill;
    /**
     * Where a backfill ended ({@link Seam}); completed when its run ends. A follower after a backfill
     * waits for it and goes on after that very entry: the seam is by entry, not by second (journalctl's
     * {@code --since} and {@code --until} take whole seconds, so an entry in the second between was read
     * twice).
     */
    private final CompletableFuture<Seam> endCursor;

    /**
     * Where a backfill ended: its last entry's cursor (null when it read none), and its parser, whose
     * connections the follower takes over: a PAM failure still waiting for its "Failed" line when the
     * backfill's journalctl ended is the follower's to settle or count (it was dropped with the parser).
     */
    private record Seam(String cursor, AuthLineParser parser) {}

    private final Duration retry;
    private final InstantSource clock;
    private final String name;
    private final SourceStats stats;
    private String cursor;
    /** What the latest journalctl said on stderr (the source's thread only). */
    private StderrNotes notes = new StderrNotes();
    /** The detail of the status {@code ok} while following, shown again when a lag is caught up. */
    private String following = "";

    private List<Path> journalDirs = JOURNAL_DIRS;
    /** The status the last run's problem is shown with: missing when journalctl is not installed. */
    private SourceStatus problemStatus = SourceStatus.ERROR;
    /** The journal's directory when it is not journald's own ({@code journalctl --directory}); null for those. */
    private Path directory;
    /** A one-shot's backfill: the PAM failures still waiting at its end count then, none is handed on. */
    private boolean countsWaitingAtEnd;
    /** No journal file was found when journalctl started, and it has printed no entry since. */
    private boolean noJournal;
    /**
     * When the source first started journalctl; null before. A follower with no backfill and no
     * cursor reads from here (the second it started, so the entries written while journalctl opened
     * the journal are not missed), and so does one started again because journald made its first
     * file only after journalctl started (which would never show them).
     */
    private Instant startedAt;

    /**
     * @param executable journalctl's path (a fake one in tests)
     * @param since backfill start, or null to begin at the journal's end
     */
    public JournaldSource(
            String executable, Instant since, Duration retry, InstantSource clock, StatusReporter reporter) {
        this(executable, since, false, null, retry, clock, reporter);
    }

    private JournaldSource(
            String executable,
            Instant since,
            boolean backfill,
            CompletableFuture<Seam> endCursor,
            Duration retry,
            InstantSource clock,
            StatusReporter reporter) {
        this.executable = executable;
        this.since = since;
        this.backfill = backfill;
        this.endCursor = endCursor;
        this.retry = retry;
        this.clock = clock;
        this.name = backfill ? "backfill:journald" : "auth:journald";
        this.stats = new SourceStats(name, KIND, reporter);
    }

    /**
     * The journal's sshd entries from {@code since} to its end, read once (no following): a {@link
     * #finite} source, so live mode judges them on their own time before anything live. The source
     * that follows on is {@link #after} it.
     */
    public static JournaldSource backfill(
            String executable, Instant since, InstantSource clock, StatusReporter reporter) {
        return new JournaldSource(executable, since, true, new CompletableFuture<>(), Duration.ZERO, clock, reporter);
    }

    /**
     * The follower of a {@link #backfill}: it starts when the backfill has ended, after the last entry
     * the backfill read (each entry read once, whatever its second), or from the backfill's start when
     * that read none.
     */
    public static JournaldSource after(
            JournaldSource backfill, Duration retry, InstantSource clock, StatusReporter reporter) {
        if (!backfill.backfill) {
            throw new IllegalArgumentException("not a backfill: " + backfill.name);
        }
        JournaldSource f = new JournaldSource(
                backfill.executable, backfill.since, false, backfill.endCursor, retry, clock, reporter);
        return backfill.directory == null ? f : f.directory(backfill.directory);
    }

    /**
     * Reads the journal in {@code dir} ({@code journalctl --directory}: a host's {@code
     * /var/log/journal} mounted into a container, say) instead of journald's own directories.
     */
    public JournaldSource directory(Path dir) {
        this.directory = dir;
        this.journalDirs = List.of(dir);
        return this;
    }

    /**
     * For a one-shot's backfill ({@code snapshot --since}, {@code explain}): the PAM failures still
     * waiting for their "Failed" entry when it ends count then, at the last entry's time, as a replay
     * counts them at a file's end; its follower would count them only when their wait is over, after
     * the snapshot was taken.
     */
    public JournaldSource countingWaitingAtEnd() {
        this.countsWaitingAtEnd = true;
        return this;
    }

    /** Looks for journal files in {@code dirs} instead of journald's own directories (tests). */
    JournaldSource journalDirs(List<Path> dirs) {
        this.journalDirs = List.copyOf(dirs);
        return this;
    }

    /**
     * False only when none of {@code dirs} holds a journal file ({@code *.journal}, or {@code
     * *.journal~} left by a crash) at its top or one directory down; a directory this user may not read
     * counts as holding one (journalctl then explains what it cannot see).
     */
    static boolean anyJournal(List<Path> dirs) {
        for (Path d : dirs) {
            try (var top = Files.newDirectoryStream(d)) {
                for (Path p : top) {
                    if (isJournal(p)) {
                        return true;
                    }
                    if (Files.isDirectory(p)) {
                        try (var inner = Files.newDirectoryStream(p)) {
                            for (Path q : inner) {
                                if (isJournal(q)) {
                                    return true;
                                }
                            }
                        } catch (AccessDeniedException e) {
                            return true;
                        }
                    }
                }
            } catch (AccessDeniedException e) {
                return true;
            } catch (IOException | DirectoryIteratorException e) {
                // absent or unreadable for another reason: no journal there
            }
        }
        return false;
    }

    private static boolean isJournal(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".journal") || n.endsWith(".journal~");
    }

    @Override
    public boolean finite() {
        return backfill;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceHealth health() {
        return stats.health();
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
        cmd.addAll(MATCHES);
        return cmd;
    }

    @Override
    public void run(EventSink sink) throws InterruptedException {
        AuthLineParser messages = new AuthLineParser(name, clock.instant(), ZoneId.systemDefault());
        JournalLineParser parser = new JournalLineParser(messages);
        if (backfill) {
            try {
                readBackfill(parser, sink);
                if (countsWaitingAtEnd) {
                    messages.endOfInput(sink::emit);
                }
            } finally { // the follower goes on from here, whatever happened
                endCursor.complete(new Seam(cursor, messages));
            }
            return;
        }
        if (endCursor != null) {
            stats.status(SourceStatus.STARTING, "waiting for the journal's backfill to end");
            try {
                Seam seam = endCursor.get();
                cursor = seam.cursor(); // null: the backfill read nothing, so on from its start
                messages.takeOver(seam.parser());
            } catch (ExecutionException e) {
                throw new IllegalStateException("the journal's backfill failed", e);
            }
        }
        while (true) {
            String problem = runOnce(parser, sink);
            if (problem == null) { // a journal file appeared: again, from the start, at once
                continue;
            }
            stats.status(problemStatus, problem + "; retrying in " + retry.toSeconds() + " s");
            Thread.sleep(retry);
        }
    }

    /** Whether a program of that name is an executable file in a directory of {@code PATH}. */
    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":", -1)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return true;
            }
        }
        return false;
    }

    /** One journalctl run from {@code since} to the journal's end, and its outcome as the source's status. */
    private void readBackfill(JournalLineParser parser, EventSink sink) throws InterruptedException {
        String problem = runOnce(parser, sink);
        if (problem == null && noJournal) {
            return; // reported as missing when it started; nothing was read
        } else if (problem == null && notes.status != SourceStatus.OK) {
            stats.status(notes.status, notes.detail); // it ran, but could not see what it was asked for
        } else if (problem == null) {
            stats.status(SourceStatus.DONE, "journal since " + since.truncatedTo(ChronoUnit.SECONDS) + " read");
        } else {
            stats.status(SourceStatus.ERROR, problem);
        }
    }

    /**
     * One journalctl run: the problem that ended it, or null when a backfill read its range, or when a
     * follower started with no journal file saw one appear (it is then started again).
     */
    private String runOnce(JournalLineParser parser, EventSink sink) throws InterruptedException {
        if (startedAt == null) {
            startedAt = clock.instant();
        }
        if (!executable.contains("/") && !onPath(executable)) {
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
        noJournal = !anyJournal(journalDirs);
        if (noJournal) { // said at once, not after a moment of "ok" (a doctor's look may fall in it)
            stats.status(
                    SourceStatus.MISSING,
                    "no journal files in "
                            + journalDirs.stream().map(Path::toString).collect(Collectors.joining(" or "))
                            + (directory != null
                                    ? " (auth.journal_directory)"
                                    : " (journald is not running here, or keeps nothing)"));
        } else {
            following = (!backfill
                            ? "following the journal ("
                            : "reading the journal since " + since.truncatedTo(ChronoUnit.SECONDS) + " (")
                    + executable + (directory != null ? " --directory=" + directory : "") + ")";
            stats.status(SourceStatus.OK, following);
        }
        LineSplitter lines = new LineSplitter(Path.of("journal"), MAX_LINE, (f, n, b, off, len, cut) -> {
            if (noJournal) { // journald started after all
                noJournal = false;
                following = "following the journal (" + executable + ")";
                stats.status(SourceStatus.OK, following);
            }
            stats.line();
            rememberCursor(b, off, len);
            if (parser.parse(b, off, len, sink::emit) == AuthLineParser.Outcome.MALFORMED) {
                stats.malformed();
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
                    lag(parser.newestMicros(), avail > 0);
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
                    if (anyJournal(journalDirs)) {
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

    /**
     * A follower's lag, checked about once a second: {@link SourceStatus#BEHIND} while it reads entries
     * {@value #BEHIND_SECONDS} s or more older than now with more waiting in the pipe, {@code ok} again
     * once it has caught up (nothing waiting, or what it reads is recent). A notice from journalctl
     * (no permission, no journal) stays as it is.
     *
     * @param newestMicros when journald received the newest entry read; -1 before any
     * @param waiting whether journalctl has written more than has been read
     */
    void lag(long newestMicros, boolean waiting) {
        SourceStatus now = stats.status();
        if (now != SourceStatus.OK && now != SourceStatus.BEHIND) {
            return;
        }
        long age = newestMicros < 0 ? 0 : (clock.millis() - newestMicros / 1000) / 1000;
        if (waiting && age >= BEHIND_SECONDS) {
            stats.status(
                    SourceStatus.BEHIND,
                    "reading entries " + age + " s old with more waiting: sshd's entries come faster than they"
                            + " are judged; what is shown is that far in the past");
        } else if (now == SourceStatus.BEHIND) {
            stats.status(SourceStatus.OK, following);
        }
    }

    /**
     * What journalctl said on stderr: the notices that mean the source sees nothing it should (as a
     * status), and the last other line (for an exit's message).
     */
    static final class StderrNotes {
        SourceStatus status = SourceStatus.OK;
        String detail;
        String last;

        void line(String raw) {
            String s = raw.strip();
            if (s.isEmpty()) {
                return;
            }
            if (s.contains("not seeing messages from other users")) {
                note(
                        SourceStatus.PERMISSION_DENIED,
                        "journalctl shows this user only its own entries, not sshd's: run as root, or add the"
                                + " user to the group systemd-journal (or adm)");
            } else if (s.contains("insufficient permissions")) {
                note(SourceStatus.PERMISSION_DENIED, "journalctl: " + s + " (run as root, or join systemd-journal)");
            } else if (s.startsWith("No journal files were found")) {
                note(
                        SourceStatus.MISSING,
                        "journalctl: no journal files on this host (no persistent or runtime journal)");
            } else if (!s.startsWith("Users in groups") && !s.startsWith("Pass -q")) {
                last = s; // the hint's continuation lines say nothing new
            }
        }

        private void note(SourceStatus s, String d) {
            if (status == SourceStatus.OK) { // the first notice is the cause; what follows repeats it
                status = s;
                detail = d;
            }
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
