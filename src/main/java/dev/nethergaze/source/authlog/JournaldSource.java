package dev.nethergaze.source.authlog;

import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.SourceStats;
import dev.nethergaze.source.StatusReporter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

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
    /**
     * sshd's (and Dropbear's) entries: those journald saw come from an sshd process ({@code _COMM}, which it reads from
     * /proc and so cannot record for a process that has already exited, as sshd's child for a
     * scanner's connection usually has), or else those root sent as sshd ({@code SYSLOG_IDENTIFIER}
     * is whatever the sender claims; {@code _UID} comes from the kernel): another user's {@code logger
     * -t sshd "Failed password … from <your admin's IP>"} is not an sshd entry.
     */
    static final List<String> MATCHES = List.of(
            "_COMM=sshd",
            "_COMM=sshd-session",
            "_COMM=dropbear",
            "+",
            "SYSLOG_IDENTIFIER=sshd",
            "SYSLOG_IDENTIFIER=sshd-session",
            "SYSLOG_IDENTIFIER=dropbear",
            "_UID=0");

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
    /** The journalctl child process, its argument array and what its runs leave for the next. */
    final Journalctl journalctl;
    /** A one-shot's backfill: the PAM failures still waiting at its end count then, none is handed on. */
    private boolean countsWaitingAtEnd;

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
        this.endCursor = endCursor;
        this.retry = retry;
        this.clock = clock;
        this.name = backfill ? "backfill:journald" : "auth:journald";
        this.stats = new SourceStats(name, KIND, reporter);
        this.journalctl = new Journalctl(executable, since, backfill, clock, stats);
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
        Journalctl j = backfill.journalctl;
        if (!j.backfill) {
            throw new IllegalArgumentException("not a backfill: " + backfill.name);
        }
        JournaldSource f = new JournaldSource(j.executable, j.since, false, backfill.endCursor, retry, clock, reporter);
        return j.directory == null ? f : f.directory(j.directory);
    }

    /**
     * Reads the journal in {@code dir} ({@code journalctl --directory}: a host's {@code
     * /var/log/journal} mounted into a container, say) instead of journald's own directories.
     */
    public JournaldSource directory(Path dir) {
        journalctl.directory(dir);
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

    /**
     * Whether there is a journal for journald "auto" to read in place of an auth log none of whose files
     * is readable: {@code executable} runs (on {@code PATH}, or a path) and a journal file is in {@code
     * dir} ({@code auth.journal_directory}; empty: journald's own directories). With none (no journald, as
     * in most containers), the auth log is followed and waited for: the one line a run says is the
     * file's, and a file sshd or rsyslog writes later is read.
     */
    public static boolean journalToRead(String executable, String dir) {
        boolean runs = executable.contains("/") || JournalDiscovery.onPath(executable);
        return runs
                && JournalDiscovery.anyJournal(dir.isEmpty() ? JournalDiscovery.JOURNAL_DIRS : List.of(Path.of(dir)));
    }

    /** Looks for journal files in {@code dirs} instead of journald's own directories (tests). */
    JournaldSource journalDirs(List<Path> dirs) {
        journalctl.journalDirs(dirs);
        return this;
    }

    @Override
    public boolean finite() {
        return journalctl.backfill;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceHealth health() {
        return stats.health();
    }

    @Override
    public void run(EventSink sink) throws InterruptedException {
        AuthLineParser messages = new AuthLineParser(name, clock.instant(), ZoneId.systemDefault());
        JournalLineParser parser = new JournalLineParser(messages);
        if (journalctl.backfill) {
            try {
                readBackfill(parser, sink);
                if (countsWaitingAtEnd) {
                    messages.endOfInput(sink::emit);
                }
            } finally { // the follower goes on from here, whatever happened
                endCursor.complete(new Seam(journalctl.cursor, messages));
            }
            return;
        }
        if (endCursor != null) {
            stats.status(SourceStatus.STARTING, "waiting for the journal's backfill to end");
            try {
                Seam seam = endCursor.get();
                journalctl.cursor = seam.cursor(); // null: the backfill read nothing, so on from its start
                messages.takeOver(seam.parser());
            } catch (ExecutionException e) {
                throw new IllegalStateException("the journal's backfill failed", e);
            }
        }
        while (true) {
            String problem = journalctl.runOnce(parser, sink);
            if (problem == null) { // a journal file appeared: again, from the start, at once
                continue;
            }
            stats.status(journalctl.problemStatus, problem + "; retrying in " + retry.toSeconds() + " s");
            Thread.sleep(retry);
        }
    }

    /** One journalctl run from {@code since} to the journal's end, and its outcome as the source's status. */
    private void readBackfill(JournalLineParser parser, EventSink sink) throws InterruptedException {
        String problem = journalctl.runOnce(parser, sink);
        StderrNotes notes = journalctl.notes;
        if (problem == null && journalctl.noJournal) {
            return; // reported as missing when it started; nothing was read
        } else if (problem == null && notes.status != SourceStatus.OK) {
            stats.status(notes.status, notes.detail); // it ran, but could not see what it was asked for
        } else if (problem == null) {
            stats.status(
                    SourceStatus.DONE, "journal since " + journalctl.since.truncatedTo(ChronoUnit.SECONDS) + " read");
        } else {
            stats.status(SourceStatus.ERROR, problem);
        }
    }
}
