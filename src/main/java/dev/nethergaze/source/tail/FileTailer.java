package dev.nethergaze.source.tail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows log files named by paths and file-name globs and delivers their complete lines to a
 * {@link LineSink}. Poll based: {@link #run()} calls {@link #pollOnce()} every poll interval; a
 * caller with its own loop calls {@link #pollOnce()} itself. Everything happens on the polling
 * thread; the accessors are meant for that thread too.
 *
 * <ul>
 *   <li>Files that exist when following begins are read from their end (or start, see {@link
 *       TailConfig#fromStart()}); files that appear later (a missing path created, a new glob match
 *       found by the periodic rescan) are read from their start.
 *   <li>Rotation by rename+create or delete+recreate is seen as a new file key: the old file is
 *       drained to its end before the new one is read, and kept reading for the rotate grace. A
 *       file the path named only between two polls (rotated twice in between) is found among the
 *       rotated names next to it and read too.
 *       Truncation in place (copytruncate) reads the rest from logrotate's copy, then restarts at offset 0.
 *   <li>A path matched by several patterns is read once. A glob lists no rotated name of another file
 *       it matches ({@link PathPattern#list}). A file renamed from one followed name to another (a
 *       pattern that matches the rotated names apart from the live log) is read on under its new name
 *       where it was read, by its file key; a copytruncate copy under a followed name, from where its log was
 *       read.
 *   <li>I/O problems (missing, permission denied, a directory) are reported to the {@link
 *       TailListener} once per change and never stop the other files.
 * </ul>
 */
public final class FileTailer implements AutoCloseable {

    private final List<PathPattern> patterns;
    private final TailContext ctx;
    private final Map<Path, WatchedPath> watched = new LinkedHashMap<>();
    private final Map<PathPattern, TailEvent> patternProblems = new LinkedHashMap<>();
    private Instant nextRescan = Instant.MIN;
    private boolean first = true;

    public FileTailer(List<String> patterns, TailConfig config, LineSink sink, TailListener listener) {
        this.patterns = patterns.stream().map(PathPattern::parse).toList();
        this.ctx = new TailContext(config, sink, listener);
        this.ctx.paths = watched.values();
        this.ctx.beingRead = key -> watched.values().stream().anyMatch(w -> w.holds(key));
        this.ctx.openElsewhere = (key, self) -> watched.values().stream()
                .filter(w -> w != self && w.isOpenOn(key))
                .map(w -> w.path)
                .findFirst()
                .orElse(null);
        for (PathPattern p : this.patterns) {
            if (!p.isGlob()) {
                watched.putIfAbsent(p.literal(), new WatchedPath(p.literal(), true, !config.fromStart()));
            }
        }
    }

    /** How the polling thread waits within a look (before it reads again a copy still being written). */
    void pauseWith(TailContext.Pause pause) {
        ctx.pause = pause;
    }

    /** What to run at each look at a path, right before its file is looked up (a test's rotation). */
    void beforeEachLook(Runnable r) {
        ctx.beforeLook = r;
    }

    /** Polls until the thread is interrupted. */
    public void run() throws InterruptedException {
        while (true) {
            pollOnce();
            Thread.sleep(ctx.config.pollInterval());
        }
    }

    /** One round: reads every followed file, and re-lists the globs when the rescan is due. */
    public void pollOnce() throws InterruptedException {
        Instant now = ctx.config.clock().instant();
        for (WatchedPath w : List.copyOf(watched.values())) {
            w.poll(ctx, now);
        }
        if (!now.isBefore(nextRescan)) {
            rescan(now);
            nextRescan = now.plus(ctx.config.rescanInterval());
        }
        watched.values().removeIf(WatchedPath::isGone);
        first = false;
    }

    private void rescan(Instant now) throws InterruptedException {
        for (PathPattern p : patterns) {
            if (!p.isGlob()) {
                continue;
            }
            List<Path> matches;
            try {
                matches = p.list();
                patternProblems.remove(p);
            } catch (IOException e) {
                globProblem(p, e);
                continue;
            }
            for (Path m : matches) {
                if (!watched.containsKey(m)) {
                    discovered(m, now);
                }
            }
        }
    }

    private void discovered(Path file, Instant now) throws InterruptedException {
        Object key = FileKeys.of(file);
        if (key != null && watched.values().stream().anyMatch(w -> w.isOpenOn(key))) {
            return; // a second name of a file read (a link); a file renamed here is read on here
        }
        WatchedPath w = new WatchedPath(file, false, first && !ctx.config.fromStart());
        watched.put(file, w);
        w.poll(ctx, now);
    }

    private void globProblem(PathPattern p, IOException e) {
        TailEvent.Kind kind = e instanceof java.nio.file.AccessDeniedException
                ? TailEvent.Kind.PERMISSION_DENIED
                : TailEvent.Kind.ERROR;
        TailEvent event = new TailEvent(kind, p.dir(), "listing " + p + ": " + IoErrors.describe(e));
        if (!event.equals(patternProblems.put(p, event))) {
            ctx.listener.event(event);
        }
    }

    /** Paths currently open and read. */
    public List<Path> following() {
        return watched.values().stream()
                .filter(WatchedPath::isOpen)
                .map(w -> w.path)
                .toList();
    }

    /**
     * Current problems: missing literal paths, unreadable files and directories; each path's failures
     * that do not keep it from being read while they last ({@link TailEvent.Kind#ERROR}: its directory
     * not listable for rotated files, an old file that cannot be drained); and each path's latest
     * {@link TailEvent.Kind#LOST} lines (a rotated-away file's, that cannot be read), kept while the
     * path is followed. A path's own problem comes before its other ones.
     */
    public List<TailEvent> problems() {
        List<TailEvent> out = new ArrayList<>(patternProblems.values());
        for (WatchedPath w : watched.values()) {
            if (w.problem() != null) {
                out.add(w.problem());
            }
            out.addAll(w.troubles());
            if (w.loss() != null) {
                out.add(w.loss());
            }
        }
        return out;
    }

    /** The patterns followed, as given. */
    public List<String> patterns() {
        return patterns.stream().map(PathPattern::toString).toList();
    }

    /** Lines delivered cut at the line cap so far. */
    public long truncatedLines() {
        long n = ctx.truncatedLinesOfClosed();
        for (WatchedPath w : watched.values()) {
            n += w.truncatedLines();
        }
        return n;
    }

    /** Closes every file; held incomplete lines are dropped. */
    @Override
    public void close() {
        watched.values().forEach(WatchedPath::close);
        watched.clear();
    }
}
