package dev.nethergaze.source;

import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.tail.PathPattern;
import dev.nethergaze.source.tail.TailEvent;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The health of a source that follows log files (paths and globs): the source as a whole, whose
 * problems are reported once per change, and one {@code sources[]} entry per file it reads or could
 * not read, with that file's own lines, bad lines (the first one's place) and problem. A file read
 * once and gone since (deleted, no longer matched) keeps its entry, marked done, so the counts of the
 * run still add up; at most {@value #MAX_GONE} of them (date-named logs come and go for weeks), and
 * the whole source's counts keep everything. Lines are counted on the source's polling thread; any
 * thread reads.
 */
public final class FollowedFiles {

    /** Entries of files read and gone since that are kept. */
    static final int MAX_GONE = 64;

    /** A file with this much unread is {@link SourceStatus#BEHIND}: more than a few polls' worth of a busy log. */
    static final long BEHIND_BYTES = 4L << 20;

    private static final class Counts {
        final AtomicLong lines = new AtomicLong();
        final BadLines bad = new BadLines();
        /** What the file holds beyond the read position, asked when the entry is made. */
        volatile java.util.function.LongSupplier unread = () -> 0;
        /** How its lines are read when that is not the configured format alone; empty otherwise. */
        volatile String how = "";
        /** Well-formed lines whose client was a host name, not an address; the first one's place. */
        final HostNameLines hostNames = new HostNameLines();
    }

    /**
     * What the last poll left: the files followed, their problems, and the files with lines counted by
     * then (one that had lines then and is not followed now was closed; one whose lines came after is
     * being read in the poll going on, before the next view: still followed, not done).
     */
    private record View(List<Path> following, Map<Path, TailEvent> problems, Set<Path> counted) {}

    /**
     * A path or glob the source was given, as what its entry is named when it matches nothing: a
     * literal path ({@code matcher} null) or a glob's directory and file-name matcher.
     */
    private record Given(Path path, Path dir, PathMatcher matcher) {

        static Given of(String pattern) {
            PathPattern p = PathPattern.parse(pattern);
            Path path = Path.of(pattern).toAbsolutePath().normalize();
            return p.isGlob()
                    ? new Given(path, p.dir(), path.getFileSystem().getPathMatcher("glob:" + path.getFileName()))
                    : new Given(p.literal(), null, null);
        }

        /** Whether {@code file} (followed, or with a problem) is this path, or one its glob matches. */
        boolean covers(Path file) {
            if (matcher == null) {
                return file.equals(path);
            }
            Path name = file.getFileName();
            return file.equals(dir) || (dir.equals(file.getParent()) && name != null && matcher.matches(name));
        }

        TailEvent absent() {
            return new TailEvent(
                    TailEvent.Kind.MISSING,
                    path,
                    matcher == null ? "no such file; watching" : "no file matches; watching");
        }
    }

    private final String kind;
    private final String expected;
    private final List<String> patterns;
    /** The paths a user named (empty for the defaults): each that matches nothing is said. */
    private final List<Given> named;

    private final SourceStats whole;
    private final int maxLineBytes;
    private final Map<Path, Counts> files = new ConcurrentHashMap<>();
    private volatile View view = new View(List.of(), Map.of(), Set.of());
    // the polling thread's last file: lines come in runs from one file, so most skip the map
    private Path lastFile;
    private Counts lastCounts;

    /**
     * Each file's latest lines lost (a rotated-away file's that could not be read: {@link
     * TailEvent.Kind#LOST}): shown in its entry and the whole source's detail, reported once each.
     */
    private final Map<Path, String> losses = new ConcurrentHashMap<>();

    /** The files whose problem {@link #reportEachFile} said, and which (a new one is said too). */
    private final Map<Path, TailEvent> reported = new HashMap<>();

    /**
     * A source named {@code name} of this kind, following these paths and globs, whose lines are cut
     * at {@code maxLineBytes}; {@code expected} names what its lines should be, for a file none of
     * whose lines is ("an access log (…)").
     */
    public FollowedFiles(
            String name,
            String kind,
            String expected,
            List<String> patterns,
            int maxLineBytes,
            StatusReporter reporter) {
        this.kind = kind;
        this.expected = expected;
        this.maxLineBytes = maxLineBytes;
        this.patterns = List.copyOf(patterns);
        this.named = DefaultLogs.are(patterns) ? List.of() : given(patterns);
        this.whole = new SourceStats(name, kind, reporter);
    }

    private static List<Given> given(List<String> patterns) {
        List<Given> out = new ArrayList<>();
        for (String p : patterns) {
            try {
                out.add(Given.of(p));
            } catch (IllegalArgumentException e) {
                // a wildcard in a directory: refused at start-up, and by the tailer
            }
        }
        return List.copyOf(out);
    }

    /** A line read from {@code file} (blank, good or bad). */
    public void line(Path file) {
        whole.line();
        counts(file).lines.incrementAndGet();
    }

    /**
     * How the lines of {@code file} are read, shown in its entry ("read first as log_format main in
     * /etc/nginx/nginx.conf"), when that is not just the configured format.
     */
    public void readAs(Path file, String how) {
        counts(file).how = how;
    }

    /** Line {@code line} of {@code file} could not be used; {@code truncated}: it was read cut at the cap. */
    public void malformed(Path file, long line, boolean truncated) {
        malformed(file, line, truncated, BadLines.Why.TEXT);
    }

    /**
     * Line {@code line} of {@code file} could not be used, for {@code why} (a client field that is no
     * address is said in the file's entry after its unparsed count, as in every source's).
     */
    public void malformed(Path file, long line, boolean truncated, BadLines.Why why) {
        int cutAt = truncated ? maxLineBytes : 0;
        whole.malformed(file, line, cutAt, why);
        counts(file).bad.add(file, line, cutAt, why);
    }

    /**
     * Line {@code line} of {@code file} was well formed but names its client by {@code host}, a host
     * name, not an address (Apache's HostnameLookups): not used, and said in the file's entry.
     */
    public void hostName(Path file, long line, String host) {
        counts(file).hostNames.add(file, line, host);
    }

    /** Line of {@code file} longer than the cap was used as far as it was read (a cut user agent). */
    public void readCut(Path file) {
        counts(file).bad.readCut(maxLineBytes);
    }

    /**
     * {@code file} was opened for reading: {@code unread} tells, from any thread, what it holds beyond
     * what was read.
     */
    public void reading(Path file, java.util.function.LongSupplier unread) {
        counts(file).unread = unread;
    }

    @SuppressWarnings("ReferenceEquality") // the tailer hands each file's lines the same Path object
    private Counts counts(Path file) {
        if (file != lastFile) {
            lastCounts = files.computeIfAbsent(file, f -> new Counts());
            lastFile = file;
        }
        return lastCounts;
    }

    /** The source as a whole: OK while some file is followed, else why not. */
    public SourceHealth health() {
        return whole.health();
    }

    /**
     * After a poll, on the polling thread: the files followed now and the tailer's current problems.
     * Sets the whole source's status. A missing path is an entry of its own once it was read (a log
     * deleted), or when a user named it and the source has other entries (a file followed, read, or
     * with a problem): a mistyped path beside a good one. Else it is part of the whole source's "no
     * file matches" (the defaults name the logs of servers a box may not run: one absent is none).
     */
    public void update(List<Path> following, List<TailEvent> problems) {
        Map<Path, TailEvent> byFile = new HashMap<>();
        for (TailEvent p : problems) {
            if (p.kind() == TailEvent.Kind.LOST) {
                lost(p);
            } else if (p.kind() != TailEvent.Kind.MISSING || files.containsKey(p.file())) {
                // a path's own problem first, then its others (a directory not listable): all said
                byFile.merge(p.file(), p, (a, b) -> new TailEvent(a.kind(), a.file(), a.detail() + "; " + b.detail()));
            }
        }
        if (!following.isEmpty() || !byFile.isEmpty() || !files.isEmpty()) {
            List<Path> seen = new ArrayList<>(following);
            seen.addAll(byFile.keySet());
            for (Given g : named) {
                if (seen.stream().noneMatch(g::covers)) {
                    byFile.put(g.path(), g.absent());
                }
            }
        }
        forgetGone(following, byFile);
        view = new View(List.copyOf(following), Map.copyOf(byFile), Set.copyOf(files.keySet()));
        List<Path> unknown = following.stream().filter(this::unrecognised).toList();
        String problemText = Stream.of(
                        byFile.values().stream().map(p -> p.file() + ": " + p.detail()),
                        unknown.stream().map(p -> p + ": " + unrecognisedText()),
                        losses.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()))
                .flatMap(x -> x)
                .sorted()
                .collect(Collectors.joining("; "));
        if (!following.isEmpty()) {
            String names = following.stream().map(Path::toString).collect(Collectors.joining(", "));
            if (unknown.size() == following.size()) {
                whole.status(SourceStatus.ERROR, problemText);
            } else {
                whole.status(SourceStatus.OK, "following " + names + (problemText.isEmpty() ? "" : "; " + problemText));
                reportEachFile(byFile);
            }
        } else if (problems.stream().anyMatch(p -> p.kind() == TailEvent.Kind.PERMISSION_DENIED)) {
            whole.status(SourceStatus.PERMISSION_DENIED, problemText);
        } else if (byFile.isEmpty()) {
            whole.status(
                    SourceStatus.MISSING,
                    patterns.size() == 1 // several: the source's name lists them already, once is enough
                            ? "no file matches " + patterns.getFirst() + "; watching"
                            : "no file matches any of its " + patterns.size() + " paths; watching");
        } else if (byFile.values().stream().allMatch(p -> p.kind() == TailEvent.Kind.MISSING)) {
            whole.status(SourceStatus.MISSING, problemText); // a followed log deleted, waited for
        } else {
            whole.status(SourceStatus.ERROR, problemText);
        }
    }

    /** Lines of {@code p}'s file lost: kept for its entry, and reported when they are new. */
    private void lost(TailEvent p) {
        if (!p.detail().equals(losses.put(p.file(), p.detail()))) {
            whole.reportPart(SourceStatus.ERROR, p.file() + ": " + p.detail());
        }
    }

    /**
     * While the source as a whole reads on, says each of its files that went bad, once until it is
     * read again or its problem changes (the whole source's status says nothing: it is still OK).
     */
    private void reportEachFile(Map<Path, TailEvent> byFile) {
        reported.keySet().retainAll(byFile.keySet());
        for (TailEvent p : byFile.values()) {
            if (p.kind().isProblem() && !p.equals(reported.put(p.file(), p))) {
                whole.reportPart(
                        switch (p.kind()) {
                            case PERMISSION_DENIED -> SourceStatus.PERMISSION_DENIED;
                            case MISSING -> SourceStatus.MISSING;
                            default -> SourceStatus.ERROR;
                        },
                        p.file() + ": " + p.detail());
            }
        }
    }

    /**
     * Whether every line read from {@code file} so far was unusable text (not merely cut at the cap):
     * a log in a format this source does not know, which would otherwise look like a quiet one.
     */
    private boolean unrecognised(Path file) {
        Counts c = files.get(file);
        // lines in the right format whose client fields are no address are said as such, not as another format
        return c != null && c.bad.unrecognised() && c.bad.count() == c.lines.get();
    }

    private String unrecognisedText() {
        return "no line recognised as " + expected;
    }

    /** Drops the entries of files gone since beyond {@link #MAX_GONE}, in path order (names say age). */
    private void forgetGone(List<Path> following, Map<Path, TailEvent> byFile) {
        if (files.size() <= MAX_GONE) {
            return;
        }
        List<Path> gone = new TreeSet<>(files.keySet())
                .stream()
                        .filter(p -> !following.contains(p) && !byFile.containsKey(p))
                        .toList();
        for (int i = 0; i < gone.size() - MAX_GONE; i++) {
            files.remove(gone.get(i));
            losses.remove(gone.get(i));
        }
        lastFile = null; // its counts may be gone: looked up again
    }

    /** {@code a} and {@code b}, "; " between them when both say something. */
    private static String joined(String a, String b) {
        return b.isEmpty() ? a : a.isEmpty() ? b : a + "; " + b;
    }

    /**
     * One entry per file, by path: OK while followed, the tailer's problem while it has one, done once
     * closed for good. While no file was read and none has a problem but being absent: the whole
     * source, saying which paths it watches for.
     */
    public List<SourceHealth> entries() {
        View v = view;
        TreeSet<Path> paths = new TreeSet<>(files.keySet());
        paths.addAll(v.following());
        paths.addAll(v.problems().keySet());
        if (paths.isEmpty()) {
            return List.of(whole.health());
        }
        List<SourceHealth> out = new ArrayList<>(paths.size());
        for (Path p : paths) {
            Counts c = files.get(p);
            TailEvent problem = v.problems().get(p);
            SourceStatus status;
            String detail;
            long unread;
            if (problem != null) {
                status = switch (problem.kind()) {
                    case MISSING -> SourceStatus.MISSING;
                    case PERMISSION_DENIED -> SourceStatus.PERMISSION_DENIED;
                    case SAME_FILE -> SourceStatus.DISABLED;
                    default -> SourceStatus.ERROR;
                };
                detail = problem.detail();
            } else if (v.following().contains(p) && unrecognised(p)) {
                status = SourceStatus.ERROR;
                detail = unrecognisedText();
            } else if (v.following().contains(p) && c != null && (unread = c.unread.getAsLong()) >= BEHIND_BYTES) {
                status = SourceStatus.BEHIND;
                detail = String.format(java.util.Locale.ROOT, "%.1f MiB unread", unread / 1048576.0)
                        + ": its lines come faster than they are judged, or it is"
                        + " still being read from its start; what is shown is that far in the past";
            } else {
                // a file first read in the poll going on is followed, not done: the poll's view comes after
                status = v.following().contains(p) || !v.counted().contains(p) ? SourceStatus.OK : SourceStatus.DONE;
                detail = "";
            }
            long lines = 0;
            long bad = 0;
            if (c != null) {
                lines = c.lines.get();
                bad = c.bad.count();
                detail = joined(joined(joined(detail, c.bad.describe()), c.hostNames.describe()), c.how);
            }
            detail = joined(detail, losses.getOrDefault(p, ""));
            out.add(new SourceHealth(kind + ":" + p, kind, status, detail, lines, bad));
        }
        return out;
    }
}
