package dev.nethergaze.source.tail;

import dev.nethergaze.source.tail.RotatedSiblings.Sibling;
import dev.nethergaze.source.tail.TailEvent.Kind;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * One path being followed across rotations. Each poll compares the file the path names now (its
 * file key: device and inode) with the open one: a new key means rename+create or delete+recreate,
 * so the old handle is drained and kept reading for the rotate grace while the new file is read from
 * its start; a file shorter than the read position was truncated in place and is read again from 0.
 */
final class WatchedPath {

    final Path path;
    private final boolean literal;
    private boolean startAtEnd;
    private OpenFile current;
    private final List<OpenFile> retiring = new ArrayList<>();
    private Kind problem;
    private String problemDetail = "";
    private boolean gone;
    /** The copies of this log dealt with, so that none is read twice. */
    private final KnownCopies known = new KnownCopies();
    /**
     * The log's modification time when it was last read from its start after a truncation, or found
     * empty when opened at start-up, while nothing has been read from it since; null otherwise.
     */
    private java.nio.file.attribute.FileTime unread;
    /** When the path stopped naming the file it followed (null: it names one, or never did). */
    private Instant missingSince;
    /** Whether the file the path named at start-up was looked for (at the first look that found one). */
    private boolean checkedStartUp;
    /** The file the path named until this look, drained at it (rotated away since the last); else null. */
    private OpenFile drained;
    /** Failures tried again at each poll that do not keep the path from being read, while they last. */
    private final Troubles troubles = new Troubles();
    /** The lines lost here. */
    private final Losses losses;
    /** The files next to the path under its rotated names, as of the last look. */
    private final RotatedSiblings siblings;

    private final CopyReader copies;
    private final SkippedFiles skippedFiles;
    private final StartUpHandover startUp;

    /**
     * @param literal named by the user (kept and watched for while missing) rather than found by a glob
     * @param startAtEnd the file existed when following began: start at its end
     */
    WatchedPath(Path path, boolean literal, boolean startAtEnd) {
        this.path = path;
        this.literal = literal;
        this.startAtEnd = startAtEnd;
        this.losses = new Losses(path);
        this.siblings = new RotatedSiblings(path, troubles);
        PathParts parts = new PathParts(path, known, losses, siblings);
        this.copies = new CopyReader(parts);
        this.skippedFiles = new SkippedFiles(parts, copies, retiring);
        this.startUp = new StartUpHandover(parts, skippedFiles);
    }

    /** See {@link RotatedSiblings#rotatedName}. */
    static boolean rotatedName(String base, String name, boolean gzip) {
        return RotatedSiblings.rotatedName(base, name, gzip);
    }

    void poll(TailContext ctx, Instant now) throws InterruptedException {
        ctx.beforeLook.run();
        BasicFileAttributes attrs = null;
        IOException failed = null;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            failed = e;
        }
        // the files rotated away are read on after the look at the path: what the server wrote to the
        // old one before a new file was made there comes before the new one's lines
        drainRetiring(ctx, now);
        drained = null;
        if (troubles.has(Troubles.Side.LISTING)) {
            siblings.listAgain();
        }
        if (failed instanceof NoSuchFileException) {
            if (current != null || (missingSince == null && readWithinGrace(ctx, now))) {
                // followed until now (or a moment ago, a new file replaced while it was being opened):
                // a rename gap of a rotation, or a deletion
                missingSince = now;
            }
            lost(ctx, now);
            startAtEnd = false;
            gone = !literal;
            if (literal && (missingSince == null || !now.isBefore(missingSince.plus(ctx.config.rotateGrace())))) {
                problem(ctx, Kind.MISSING, "waiting for it to appear"); // a gap shorter than the grace is none
            }
            return;
        }
        if (failed != null) {
            problem(ctx, kindOf(failed), IoErrors.describe(failed));
            return;
        }
        gone = false;
        // a look fell between a rename (or deletion) and the new file's creation: the old file was
        // drained then, with no word, as the gap was shorter than the grace; the new one says the rotation
        boolean afterGap = missingSince != null && problem != Kind.MISSING;
        missingSince = null;
        if (!attrs.isRegularFile()) {
            lost(ctx, now);
            problem(ctx, Kind.NOT_A_FILE, attrs.isDirectory() ? "is a directory" : "is not a regular file");
            return;
        }
        Object key = attrs.fileKey();
        if (current != null && key != null && !key.equals(current.key)) {
            lost(ctx, now);
            ctx.event(Kind.ROTATED, path, "new file; the old one is drained first");
        }
        if (current == null && afterGap) {
            ctx.event(
                    Kind.ROTATED,
                    path,
                    "new file, made after the old one was renamed or removed; the old one was drained first");
        }
        if (current == null) {
            // followed until a moment ago: what the path named since, before the new one (after a long
            // gap, a missing or unreadable log, the rotated files are not taken for ones it skipped)
            if (readWithinGrace(ctx, now)) {
                skippedFiles.skipped(ctx, now, attrs, drained);
            } else if (!checkedStartUp) {
                startUp.rotatedSinceStartUp(ctx, now, attrs);
            }
            checkedStartUp = true;
            OpenFile moved = key == null ? null : takeOver(ctx, key, now);
            if (moved != null) {
                opened(ctx, moved, "from offset " + moved.position() + ", where it was read under its old name");
            } else {
                Path other = key == null ? null : ctx.openElsewhere.apply(key, this);
                if (other != null) {
                    problem(ctx, Kind.SAME_FILE, "the same file as " + other + ": read there, once");
                    return;
                }
                boolean atStartUp = startAtEnd;
                if (!open(ctx, attrs)) {
                    return;
                }
                if (atStartUp && attrs.size() == 0) {
                    emptyAtStartUp(attrs);
                }
            }
        }
        try {
            if (current.shrank()) {
                String copied = copies.readCopy(ctx, current);
                int dropped = current.restart();
                // truncated again after that listing (a starved look): before anything is read from the
                // log, each copy made since holds what the log held since the last truncation
                for (int pass = 0; pass < 4; pass++) {
                    String more = copies.newerCopies(ctx, current);
                    if (more.isEmpty()) {
                        break;
                    }
                    copied += more;
                    dropped += current.restart();
                }
                ctx.event(Kind.TRUNCATED, path, "reading again from the start" + copied + droppedNote(dropped));
                unread = attrs.lastModifiedTime();
            } else if (unread != null
                    && current.position() == 0
                    && (attrs.size() > 0 || !unread.equals(attrs.lastModifiedTime()))) {
                // nothing read since the last truncation, so none can be seen in the log itself: one made
                // since shows as a copy no truncation here has dealt with
                String copied = copies.newerCopies(ctx, current);
                unread = attrs.lastModifiedTime();
                if (!copied.isEmpty()) {
                    int dropped = current.restart();
                    ctx.event(
                            Kind.TRUNCATED,
                            path,
                            "truncated again before anything was read from it since; read"
                                    + copied.replaceFirst("^, then", "")
                                    + droppedNote(dropped));
                }
            }
            current.noteBorn(attrs);
            current.read(ctx.buffer, TailContext.MAX_BYTES_PER_POLL);
            if (current.position() > 0) {
                unread = null;
            }
            siblings.looked(now, attrs.lastModifiedTime().toInstant());
            problem = null;
            problemDetail = "";
        } catch (IOException e) {
            IoErrors.stopIfInterrupted(e);
            problem(ctx, kindOf(e), IoErrors.describe(e));
        }
    }

    private boolean readWithinGrace(TailContext ctx, Instant now) {
        Instant lastRead = siblings.lastRead();
        return lastRead != null && !lastRead.plus(ctx.config.rotateGrace()).isBefore(now);
    }

    /** Whether a {@code .gz} that unpacks to {@code end} is a beginning of a file this path reads ({@link OpenFile#beginsAs}). */
    boolean readsOneBegunAs(TailContext.ReadTo end) {
        if (current != null && current.beginsAs(end)) {
            return true;
        }
        return retiring.stream().anyMatch(f -> f.beginsAs(end));
    }

    /** Adds where each file this path reads (open, or drained and read on) is read to. */
    void readTo(List<TailContext.ReadTo> into) {
        if (current != null) {
            into.add(new TailContext.ReadTo(current.position(), current.lastBytes()));
        }
        for (OpenFile o : retiring) {
            into.add(new TailContext.ReadTo(o.position(), o.lastBytes()));
        }
    }

    /**
     * Opened empty at start-up: as after a truncation, nothing read from it yet, so lines written and
     * copied away (copytruncate) before the next look are found only by their copy, made since this
     * look. The rotated files there now hold lines from before start-up: they are known (by inode, and
     * a plain one also by what it holds, so that it is not read once gzipped).
     */
    private void emptyAtStartUp(BasicFileAttributes attrs) {
        unread = attrs.lastModifiedTime();
        List<Sibling> there;
        try {
            there = siblings.rotated(true, null);
        } catch (IOException e) {
            return; // renamed while listed, or not listable: a copy made since is still told by its time
        }
        for (Sibling f : there) {
            known.add(f.attrs());
            if (!Copies.isGzip(f.path())) {
                try {
                    known.add(Copies.print(f.path()));
                } catch (IOException e) {
                    // removed meanwhile: its gzipped self, made before, is known by its inode
                }
            }
        }
    }

    /** What was last lost here (lines of a rotated-away file that cannot be read), or null. */
    TailEvent loss() {
        return losses.loss();
    }

    private boolean open(TailContext ctx, BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        long start = start(ctx, attrs);
        OpenFile f;
        try {
            f = OpenFile.open(path, key, start, ctx.config.maxLineBytes(), ctx.sink);
            Object after = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            if (!Objects.equals(key, after)) { // replaced while we opened it: try again next poll
                f.close();
                return false;
            }
        } catch (IOException e) {
            problem(ctx, kindOf(e), IoErrors.describe(e));
            return false;
        }
        opened(ctx, f, start == OpenFile.AT_END ? "from its end" : "from offset " + f.position());
        return true;
    }

    private void opened(TailContext ctx, OpenFile f, String from) {
        current = f;
        ctx.listener.reading(path, f::unreadNow);
        startAtEnd = false;
        problem = null;
        problemDetail = "";
        ctx.event(Kind.OPENED, path, from);
    }

    /**
     * Where a file the path names now is read from: where it was read to before under another name
     * (closed since, or a copy read after its log's truncation); else, at start-up, at its end (or
     * where a backfill stopped); else where it is a copy of a log followed here up to that log's read
     * position (a copy made by copytruncate, found before the log's own look); else from its start.
     */
    private long start(TailContext ctx, BasicFileAttributes attrs) {
        Long before = ctx.resumeOffset(attrs.fileKey(), path);
        if (before != null) {
            return before;
        }
        if (startAtEnd) {
            return ctx.config.handover().startOf(attrs);
        }
        for (WatchedPath w : ctx.paths) {
            OpenFile f = w.current;
            if (w != this && f != null && f.position() > 0 && !Copies.isGzip(path)) {
                TailContext.ReadTo read = new TailContext.ReadTo(f.position(), f.lastBytes());
                if (read.before().length > 0 && Copies.holds(path, read)) {
                    return read.offset();
                }
            }
        }
        return 0;
    }

    /**
     * The file with this key read by another path that no longer names it (rotation renamed it from
     * there to here), given up by that path to this one, to be read on where it was; or null.
     */
    private OpenFile takeOver(TailContext ctx, Object key, Instant now) throws InterruptedException {
        for (WatchedPath w : ctx.paths) {
            OpenFile f = w == this ? null : w.release(ctx, key, path, now);
            if (f != null) {
                f.fileUnder(path);
                f.retireAt(Instant.MAX);
                return f;
            }
        }
        return null;
    }

    /**
     * Gives up the file with this key, renamed to {@code to}: read to its end now, no longer read here.
     * Null when this path does not read it, or still names it (then {@code to} is a second name of it).
     */
    private OpenFile release(TailContext ctx, Object key, Path to, Instant now) throws InterruptedException {
        if (current != null && key.equals(current.key)) {
            if (key.equals(FileKeys.of(path))) {
                return null;
            }
            ctx.event(Kind.ROTATED, path, "renamed to " + to + ": read on there");
            lost(ctx, now);
        }
        for (Iterator<OpenFile> it = retiring.iterator(); it.hasNext(); ) {
            OpenFile f = it.next();
            if (key.equals(f.key)) {
                it.remove();
                return f;
            }
        }
        return null;
    }

    /** The path no longer names the open file: read it to its end now, keep reading it for the grace. */
    private void lost(TailContext ctx, Instant now) throws InterruptedException {
        if (current == null) {
            return;
        }
        OpenFile old = current;
        current = null;
        unread = null; // the next file is another one: its copies are not this one's
        try {
            old.read(ctx.buffer, Long.MAX_VALUE);
        } catch (IOException e) {
            IoErrors.stopIfInterrupted(e);
            cannotDrain(ctx, old, e); // tried again at each poll of the grace
        }
        old.retireAt(now.plus(ctx.config.rotateGrace()));
        retiring.add(old);
        drained = old;
    }

    /**
     * Reads on the rotated-away files, closing each once nothing came within the grace. One that cannot
     * be read is tried again at each poll of the grace, an {@link Kind#ERROR} of the path meanwhile;
     * then what it held beyond is said {@link Kind#LOST}.
     */
    private void drainRetiring(TailContext ctx, Instant now) throws InterruptedException {
        boolean failing = false;
        for (Iterator<OpenFile> it = retiring.iterator(); it.hasNext(); ) {
            OpenFile f = it.next();
            long n = 0;
            IOException failed = null;
            try {
                n = f.read(ctx.buffer, Long.MAX_VALUE);
            } catch (IOException e) {
                IoErrors.stopIfInterrupted(e);
                failed = e;
            }
            if (n == 0 && f.retireDue(now)) {
                long unreadBytes = f.unreadNow();
                f.finish();
                f.close();
                ctx.closed(f);
                it.remove();
                if (failed == null) {
                    ctx.event(Kind.CLOSED, path, "old file drained to offset " + f.position());
                } else {
                    losses.notRead(
                            ctx,
                            oldName(f) + " could not be read on from offset " + f.position()
                                    + ", where it was read to ("
                                    + IoErrors.describe(failed) + "): "
                                    + (unreadBytes > 0
                                            ? unreadBytes + " bytes of it after that are"
                                            : "what it held after that is")
                                    + " not read");
                }
            } else if (failed != null) {
                failing = true;
                cannotDrain(ctx, f, failed);
            }
        }
        if (!failing) {
            troubles.clear(Troubles.Side.DRAINING);
        }
    }

    /** A rotated-away file read on here cannot be read: an {@link Kind#ERROR} of the path while it lasts. */
    private void cannotDrain(TailContext ctx, OpenFile f, IOException e) {
        troubles.set(
                ctx,
                Troubles.Side.DRAINING,
                path,
                "reading " + oldName(f) + " on from offset " + f.position() + ": " + IoErrors.describe(e));
    }

    /** "the old file" (the one the path named), or the rotated file's name as it was opened. */
    private String oldName(OpenFile f) {
        return f.file().equals(path) ? "the old file" : f.file().getFileName().toString();
    }

    private void problem(TailContext ctx, Kind kind, String detail) {
        if (kind != problem || !detail.equals(problemDetail)) {
            problem = kind;
            problemDetail = detail;
            ctx.event(kind, path, detail);
        }
    }

    private static Kind kindOf(IOException e) {
        return e instanceof AccessDeniedException ? Kind.PERMISSION_DENIED : Kind.ERROR;
    }

    private static String droppedNote(int dropped) {
        return dropped == 0 ? "" : "; " + dropped + " bytes of an incomplete line dropped";
    }

    /**
     * Whether the path is followed: a file open, or between two (a rename gap shorter than the grace,
     * its old file still drained), which is no problem yet.
     */
    boolean isOpen() {
        return current != null || (missingSince != null && problem == null);
    }

    /** A glob-found file that was deleted and fully drained: forget it (a rescan finds it again). */
    boolean isGone() {
        return gone && current == null && retiring.isEmpty();
    }

    /** The current problem, or null when the path is read fine. */
    TailEvent problem() {
        return problem == null ? null : new TailEvent(problem, path, problemDetail);
    }

    /** The failures that do not keep the path from being read (see {@link Troubles}), while they last. */
    java.util.Collection<TailEvent> troubles() {
        return troubles.current();
    }

    /** Whether this path has the file with {@code key} open now (not a retiring one). */
    boolean isOpenOn(Object key) {
        return current != null && key.equals(current.key);
    }

    boolean holds(Object key) {
        if (key == null) {
            return false;
        }
        if (current != null && key.equals(current.key)) {
            return true;
        }
        return retiring.stream().anyMatch(f -> key.equals(f.key));
    }

    long truncatedLines() {
        long n = current == null ? 0 : current.truncatedLines();
        for (OpenFile f : retiring) {
            n += f.truncatedLines();
        }
        return n;
    }

    void close() {
        if (current != null) {
            current.close();
            current = null;
        }
        retiring.forEach(OpenFile::close);
        retiring.clear();
    }
}
