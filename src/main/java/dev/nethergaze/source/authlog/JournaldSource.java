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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * SSH attempts from the systemd journal: runs {@code journalctl -f -o json _COMM=sshd
 * _COMM=sshd-session} (an argument array, never a shell) and parses its JSON lines. When journalctl
 * exits (missing binary, no permission, journald restarted) the failure is reported once and the
 * process is started again after a pause, from where the journal cursor left off.
 */
public final class JournaldSource implements Source {

    public static final String KIND = "auth";
    private static final int MAX_LINE = 256 * 1024;
    private static final Duration POLL = Duration.ofMillis(50);

    private final String executable;
    private final Instant since;
    /** The end of a backfill run (no following; the source is finite), or null to follow. */
    private final Instant until;

    private final Duration retry;
    private final InstantSource clock;
    private final String name;
    private final SourceStats stats;
    private String cursor;

    /**
     * @param executable journalctl's path (a fake one in tests)
     * @param since backfill start, or null to begin at the journal's end
     */
    public JournaldSource(
            String executable, Instant since, Duration retry, InstantSource clock, StatusReporter reporter) {
        this(executable, since, null, retry, clock, reporter);
    }

    private JournaldSource(
            String executable,
            Instant since,
            Instant until,
            Duration retry,
            InstantSource clock,
            StatusReporter reporter) {
        this.executable = executable;
        this.since = since;
        this.until = until;
        this.retry = retry;
        this.clock = clock;
        this.name = until == null ? "auth:journald" : "backfill:journald";
        this.stats = new SourceStats(name, KIND, reporter);
    }

    /**
     * The journal's sshd entries from {@code since} until {@code until}, read once (no following): a
     * {@link #finite} source, so live mode judges them on their own time before anything live. The
     * source that follows on should start at {@code until}.
     */
    public static JournaldSource backfill(
            String executable, Instant since, Instant until, InstantSource clock, StatusReporter reporter) {
        return new JournaldSource(executable, since, until, Duration.ZERO, clock, reporter);
    }

    @Override
    public boolean finite() {
        return until != null;
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
        if (until != null) {
            return List.of(
                    executable,
                    "-o",
                    "json",
                    "--no-pager",
                    "--since=@" + since.getEpochSecond(),
                    "--until=@" + until.getEpochSecond(),
                    "_COMM=sshd",
                    "_COMM=sshd-session");
        }
        List<String> cmd = new ArrayList<>(List.of(executable, "-f", "-o", "json", "--no-pager"));
        if (cursor != null) {
            cmd.add("--after-cursor=" + cursor);
        } else if (since != null) {
            cmd.add("--since=@" + since.getEpochSecond());
        } else {
            cmd.add("--lines=0");
        }
        cmd.add("_COMM=sshd");
        cmd.add("_COMM=sshd-session");
        return cmd;
    }

    @Override
    public void run(EventSink sink) throws InterruptedException {
        AuthLineParser messages = new AuthLineParser(name, clock.instant(), ZoneId.systemDefault());
        JournalLineParser parser = new JournalLineParser(messages);
        if (until != null) {
            String problem = runOnce(parser, sink);
            if (problem == null) {
                stats.status(SourceStatus.DONE, "journal since " + since.truncatedTo(ChronoUnit.SECONDS) + " read");
            } else {
                stats.status(SourceStatus.ERROR, problem);
            }
            return;
        }
        while (true) {
            String problem = runOnce(parser, sink);
            stats.status(SourceStatus.ERROR, problem + "; retrying in " + retry.toSeconds() + " s");
            Thread.sleep(retry);
        }
    }

    private String runOnce(JournalLineParser parser, EventSink sink) throws InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            return "cannot start " + executable + ": " + e.getMessage();
        }
        stats.status(
                SourceStatus.OK,
                (until == null
                                ? "following the journal ("
                                : "reading the journal since " + since.truncatedTo(ChronoUnit.SECONDS) + " (")
                        + executable + ")");
        LineSplitter lines = new LineSplitter(Path.of("journal"), MAX_LINE, (f, n, b, off, len, cut) -> {
            stats.line();
            rememberCursor(b, off, len);
            if (parser.parse(b, off, len, sink::emit) == AuthLineParser.Outcome.MALFORMED) {
                stats.malformed();
            }
        });
        try (InputStream in = p.getInputStream()) {
            byte[] buf = new byte[64 * 1024];
            while (true) { // poll, so an interrupt (shutdown) is seen and the process is stopped
                int avail = in.available();
                if (avail > 0) {
                    int n = in.read(buf, 0, Math.min(avail, buf.length));
                    lines.feed(buf, 0, n);
                } else if (!p.isAlive()) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        lines.feed(buf, 0, n);
                    }
                    int status = p.waitFor();
                    return until != null && status == 0 ? null : executable + " exited with status " + status;
                } else {
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
        byte[] key = "\"__CURSOR\"".getBytes(StandardCharsets.ISO_8859_1);
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
