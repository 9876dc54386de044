package dev.nethergaze.source.tail;

import dev.nethergaze.source.tail.TailEvent.Kind;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
    /** When the path last named the open file (the previous poll that read it); null before. */
    private Instant lastRead;
    /**
     * The log's modification time at that poll: a copy made since is at least as new, also one whose
     * time logrotate set to the log's own when the reader was behind the log by more than a look.
     */
    private Instant lastModified;
    /** The copies of this log dealt with, so that none is read twice. */
    private final KnownCopies known = new KnownCopies();
    /**
     * The log's modification time when it was last read from its start after a truncation, or found
     * empty when opened at start-up, while nothing has been read from it since; null otherwise.
     */
    private java.nio.file.attribute.FileTime unread;
    /** When the path stopped naming the file it followed (null: it names one, or never did). */
    private Instant missingSince;
    /** The latest lines lost here ({@link Kind#LOST}), or null; and how many times lines were. */
    private TailEvent loss;

    private int losses;
    /** Whether the file the path named at start-up was looked for (at the first look that found one). */
    private boolean checkedStartUp;
    /** The file the path named until this look, drained at it (rotated away since the last); else null. */
    private OpenFile drained;
    /** Failures tried again at each poll that do not keep the path from being read, while they last. */
    private final Troubles troubles = new Troubles();
    /** Rotated files said {@link Kind#LOST} as they could not be read, by key: not tried again. */
    private final java.util.Set<Object> unreadable =
            java.util.Collections.newSetFromMap(dev.nethergaze.model.Bounded.lru(64));

    /**
     * @param literal named by the user (kept and watched for while missing) rather than found by a glob
     * @param startAtEnd the file existed when following began: start at its end
     */
    WatchedPath(Path path, boolean literal, boolean startAtEnd) {
        this.path = path;
        this.literal = literal;
        this.startAtEnd = startAtEnd;
    }

    void poll(TailContext ctx, Instant now) throws InterruptedException {
        drainRetiring(ctx, now);
        drained = null;
        if (troubles.has(Troubles.Side.LISTING)) {
            listAgain();
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
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
        } catch (IOException e) {
            problem(ctx, kindOf(e), IoErrors.describe(e));
            return;
        }
        gone = false;
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
        if (current == null) {
            // followed until a moment ago: what the path named since, before the new one (after a long
            // gap, a missing or unreadable log, the rotated files are not taken for ones it skipped)
            if (readWithinGrace(ctx, now)) {
                skipped(ctx, now, key);
            } else if (!checkedStartUp) {
                rotatedSinceStartUp(ctx, now, key);
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
                if (!open(ctx, key)) {
                    return;
                }
                if (atStartUp && attrs.size() == 0) {
                    emptyAtStartUp(attrs);
                }
            }
        }
        try {
            if (current.shrank()) {
                String copied = readCopy(ctx);
                int dropped = current.restart();
                // truncated again after that listing (a starved look): before anything is read from the
                // log, each copy made since holds what the log held since the last truncation
                for (int pass = 0; pass < 4; pass++) {
                    String more = newerCopies(ctx);
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
                String copied = newerCopies(ctx);
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
            current.read(ctx.buffer, TailContext.MAX_BYTES_PER_POLL);
            if (current.position() > 0) {
                unread = null;
            }
            lastRead = now;
            lastModified = attrs.lastModifiedTime().toInstant();
            problem = null;
            problemDetail = "";
        } catch (IOException e) {
            problem(ctx, kindOf(e), IoErrors.describe(e));
        }
    }

    /**
     * Rotated twice or more between two polls (a busy log with size-based rotation, or logrotate run
     * by hand): the files the path named in between were never opened here. They sit next to it under
     * a rotated name ({@code access.log.1}, {@code access.log-20261204}), written since the last poll
     * and not read by anyone; each is read from its start (or where it was left) now, oldest first,
     * and kept reading for the rotate grace. A compressed one: {@link #skippedCompressed}.
     */
    private void skipped(TailContext ctx, Instant now, Object newKey) throws InterruptedException {
        List<Path> between = new ArrayList<>();
        // a listing races with renames still going on (a file moved from a name not yet listed to one
        // already listed is missed): list again until a listing finds nothing new
        for (int pass = 0; pass < 4 && skippedOnce(ctx, now, newKey, between) > 0; pass++) {
            // found some: look once more
        }
        skippedCompressed(ctx, between);
        if (!between.isEmpty() && drained != null) {
            olderGone(ctx, drained, between);
        }
    }

    /**
     * Files named only between two looks were read ({@code between}), so the log was rotated twice or
     * more; the file the path named at the last look ({@code old}, drained through its open handle) was
     * rotated first. Its own rotated self, plain or compressed, is the proof that nothing was rotated in
     * between it and them and removed: when it is gone (a small {@code rotate} count, such as {@code
     * rotate 1} with {@code compress}, removes each copy at the next rotation), files rotated between it
     * and the oldest one read may have gone the same way, their lines with them. Which, and whether any,
     * no file left tells: said {@link Kind#LOST}, with what is known.
     */
    private void olderGone(TailContext ctx, OpenFile old, List<Path> between) {
        if (old.position() == 0 || lastModified == null) {
            return; // empty: nothing to tell its compressed self by
        }
        TailContext.ReadTo read = new TailContext.ReadTo(old.position(), old.lastBytes());
        try {
            // its .gz is as new as its last write (gzip keeps the time) or newer: since the last look's
            for (Sibling f : rotated(true, lastModified.minusSeconds(1))) {
                if (old.key.equals(f.attrs().fileKey())
                        || (Copies.isGzip(f.path()) && !between.contains(f.path()) && Copies.holds(f.path(), read))) {
                    return;
                }
            }
        } catch (IOException e) {
            return; // not listable now: reported by the listing of the files rotated in between
        }
        StringBuilder names = new StringBuilder();
        for (Path p : between) {
            names.append(names.isEmpty() ? "" : ", ").append(p.getFileName());
        }
        notRead(
                ctx,
                "rotated " + (between.size() + 1) + " times or more since the last look: the old file was read to"
                        + " its end (offset " + old.position() + "), then " + names + "; the old file is under no"
                        + " rotated name any more, plain or compressed (removed by a later rotation: a small rotate"
                        + " count), so any file rotated between it and "
                        + between.getFirst().getFileName()
                        + " is gone too: how many rotations that was, and their lines, are not known and not read");
    }

    private boolean readWithinGrace(TailContext ctx, Instant now) {
        return lastRead != null && !lastRead.plus(ctx.config.rotateGrace()).isBefore(now);
    }

    /**
     * Rotated twice between two looks and compressed at once (logrotate's {@code compress} without
     * {@code delaycompress}, size-based rotation during a flood while the reader is behind): the file
     * the path named in between is gone, only its {@code .gz} is left. A {@code .gz} written since
     * the last look that holds none of the files read here (nor a copy dealt with) is that file: read
     * whole now, its lines filed under the path. One that cannot be read is reported, naming it.
     */
    private void skippedCompressed(TailContext ctx, List<Path> between) throws InterruptedException {
        List<Sibling> found;
        try {
            found = rotatedSince(true);
        } catch (IOException e) {
            cannotList(ctx, e);
            return;
        }
        for (Sibling f : found) {
            Object k = f.attrs().fileKey();
            if (!Copies.isGzip(f.path())
                    || known.knowsKey(k)
                    || Files.exists(Copies.plainOf(f.path()))) { // still being compressed: its plain self is read
                continue;
            }
            known.add(k);
            if (holdsOneRead(ctx, f.path())) {
                // a file read here or by another path (a glob's): the usual rotation with compress,
                // seen late. Streamed, not unpacked whole: a day's big log is more than a copy may be
                continue;
            }
            Copies.Read all = readWhole(ctx, f);
            if (all == null) {
                continue; // reported (one of more than Copies.COPY_MAX unpacked too)
            }
            ctx.read(k, all.end());
            if (known.knows(all.print())) {
                continue; // a copy dealt with
            }
            known.add(all.print());
            LineSplitter lines = new LineSplitter(path, ctx.config.maxLineBytes(), ctx.sink);
            lines.feed(all.rest(), 0, all.rest().length);
            lines.finish();
            between.add(f.path());
            ctx.event(
                    Kind.ROTATED,
                    path,
                    "also read " + f.path().getFileName() + " (" + all.rest().length + " bytes unpacked), the file it"
                            + " named only between two looks, compressed before it was read");
        }
    }

    /**
     * Whether {@code file} (compressed) holds, up to where it was read, a file read by any path of the
     * tailer: open now, drained, or closed a moment ago.
     */
    private static boolean holdsOneRead(TailContext ctx, Path file) {
        List<TailContext.ReadTo> read = new ArrayList<>(ctx.recentlyRead());
        for (WatchedPath w : ctx.paths) {
            w.readTo(read);
        }
        for (TailContext.ReadTo r : read) {
            if (r.offset() > 0 && r.before().length > 0 && Copies.holds(file, r)) {
                return true;
            }
        }
        return false;
    }

    /** Adds where each file this path reads (open, or drained and read on) is read to. */
    private void readTo(List<TailContext.ReadTo> into) {
        if (current != null) {
            into.add(new TailContext.ReadTo(current.position(), current.lastBytes()));
        }
        for (OpenFile o : retiring) {
            into.add(new TailContext.ReadTo(o.position(), o.lastBytes()));
        }
    }

    /** One listing of the rotated names; returns how many unread files it found and read. */
    private int skippedOnce(TailContext ctx, Instant now, Object newKey, List<Path> between)
            throws InterruptedException {
        List<Sibling> found = new ArrayList<>();
        try {
            for (Sibling f : rotatedSince(false)) {
                Object k = f.attrs().fileKey();
                if (k != null
                        && !k.equals(newKey)
                        && !ctx.beingRead.test(k)
                        && !unreadable.contains(k) // said lost: not said again at the next listing
                        && found.stream().noneMatch(o -> k.equals(o.attrs().fileKey()))) { // listed twice while renamed
                    found.add(f);
                }
            }
        } catch (NoSuchFileException e) {
            return 1; // renamed while listed: list again
        } catch (IOException e) {
            cannotList(ctx, e);
            return 0;
        }
        for (Sibling f : found) {
            Long resume = ctx.resumeOffset(f.attrs().fileKey(), f.path());
            if (readRotated(ctx, now, f, resume == null ? 0 : resume, "which it named only between two looks")) {
                between.add(f.path());
            }
        }
        return found.size();
    }

    /**
     * Reads the rotated file {@code f}, not followed here, from {@code from} to its end now, its lines
     * filed under the path, and keeps reading it for the rotate grace; the event says so and {@code why}.
     * Nothing when another file took its name since it was listed, or it was renamed again (the next
     * listing finds it under its new name). Whether it was read. One that cannot be opened or read
     * is said {@link Kind#LOST}: no later look reads it.
     */
    private boolean readRotated(TailContext ctx, Instant now, Sibling f, long from, String why)
            throws InterruptedException {
        Object k = f.attrs().fileKey();
        OpenFile o = null;
        try {
            o = OpenFile.open(f.path(), path, k, from, ctx.config.maxLineBytes(), ctx.sink);
            if (!k.equals(FileKeys.of(f.path()))) { // another file took the name since it was listed
                o.close();
                return false;
            }
            long n = o.read(ctx.buffer, Long.MAX_VALUE);
            o.retireAt(now.plus(ctx.config.rotateGrace()));
            retiring.add(o);
            String at = from == 0 ? "" : " from offset " + from;
            ctx.event(Kind.ROTATED, path, "also read " + f.path().getFileName() + at + " (" + n + " bytes), " + why);
            return true;
        } catch (NoSuchFileException e) {
            return false; // renamed since it was listed
        } catch (IOException e) {
            long readTo = from;
            if (o != null) {
                readTo = o.position();
                o.close();
            }
            unreadable.add(k);
            String name = f.path().getFileName().toString();
            notRead(
                    ctx,
                    "reading " + name + ", " + why + ": " + IoErrors.describe(e) + "; "
                            + notReadAfter(name, f.attrs().size(), readTo));
            return false;
        }
    }

    /** "N bytes of NAME not read" ("after offset P" when read to there; "what NAME held" when its size is not known). */
    private static String notReadAfter(String name, long size, long readTo) {
        long n = size - readTo;
        return (n > 0 ? n + " bytes of " + name : "what " + name + " held")
                + (readTo == 0 ? "" : " after offset " + readTo)
                + " not read";
    }

    /**
     * The rotated names next to the path cannot be listed: an {@link Kind#ERROR} of the path until a
     * listing succeeds (tried at each poll meanwhile), as lines only in a rotated file are not found.
     */
    private void cannotList(TailContext ctx, IOException e) {
        troubles.set(
                ctx,
                Troubles.Side.LISTING,
                path,
                "looking for its rotated files in " + path.toAbsolutePath().getParent() + ": " + IoErrors.describe(e)
                        + "; lines only in one of them (a file it named only between two looks, a copytruncate"
                        + " copy) are not read");
    }

    /** Lists the rotated names once more, which clears a listing failure when it succeeds. */
    private void listAgain() {
        try {
            rotated(true, Instant.MAX);
        } catch (IOException e) {
            // still failing: said once already
        }
    }

    /**
     * At the first look that finds a file, with a {@link Handover} taken at start-up: the files rotated
     * away in between, oldest first. The one the path named at start-up (renamed to {@code auth.log.1}
     * and a new log created) is read from its size then, where the backfill's reading of it ends; one
     * created since and rotated away too (two rotations before the first look) is read whole, as all of
     * it was written since (the backfill leaves it, {@link Handover#at(Path, Object)}). The start-up one
     * compressed already ({@code access.log.1.gz}, a new inode) is told by what it held before that
     * size and read on from there in its unpacked bytes; one found nowhere is said {@link Kind#LOST}.
     */
    private void rotatedSinceStartUp(TailContext ctx, Instant now, Object newKey) throws InterruptedException {
        Handover h = ctx.config.handover();
        if (!h.taken()) {
            return;
        }
        Object was = h.startUpKey(path);
        boolean found = was == null || was.equals(newKey) || ctx.beingRead.test(was);
        List<Sibling> there;
        try {
            there = rotated(true, null);
        } catch (IOException e) {
            cannotList(ctx, e);
            if (!found) {
                startUpLost(ctx, h, was, "its rotated names could not be listed (" + IoErrors.describe(e) + ")");
            }
            return;
        }
        for (Sibling f : there) {
            Object k = f.attrs().fileKey();
            if (k == null || k.equals(newKey) || ctx.beingRead.test(k)) {
                continue;
            }
            if (Copies.isGzip(f.path())) {
                // (one still being compressed is read as its plain self)
                found = found
                        || (!Files.exists(Copies.plainOf(f.path())) && startUpCompressed(ctx, f, h.startUpEnd(was)));
            } else if (k.equals(was)) {
                found = true;
                readRotated(
                        ctx, now, f, h.startOf(was), "the file it named at start-up, rotated before the first look");
            } else if (!h.wasThere(k)) {
                Long resume = ctx.resumeOffset(k, f.path());
                readRotated(
                        ctx,
                        now,
                        f,
                        resume == null ? 0 : resume,
                        "created after start-up and rotated away before the first look");
            }
        }
        if (!found) {
            startUpLost(ctx, h, was, "is found under no rotated name, plain or compressed");
        }
    }

    /** The file the path named at start-up ({@code was}) was rotated away before the first look and {@code why} it is not read. */
    private void startUpLost(TailContext ctx, Handover h, Object was, String why) {
        long end = h.startUpEnd(was).offset();
        notRead(
                ctx,
                "the file it named at start-up (" + end + " bytes then) was rotated away before the first look and "
                        + why + ": what was written to it after offset " + end + " is not read");
    }

    /**
     * Whether {@code gz} is the file the path named at start-up, compressed since: it holds, right before
     * that file's size then, the bytes it held there. If so, what it holds beyond is read now (the rest
     * of a line under way there is the backfill's), its lines filed under the path; or said {@link
     * Kind#LOST} when it cannot be read. An empty file at start-up cannot be told by its bytes.
     */
    private boolean startUpCompressed(TailContext ctx, Sibling gz, TailContext.ReadTo end) throws InterruptedException {
        if (end == null || end.before().length == 0 || !Copies.holds(gz.path(), end)) {
            return false;
        }
        known.add(gz.attrs().fileKey());
        Copies.Read rest;
        try {
            rest = Copies.read(gz.path(), end.offset(), end.before(), true);
        } catch (IOException e) {
            notRead(
                    ctx,
                    "reading " + gz.path().getFileName() + ", the file it named at start-up, compressed before"
                            + " the first look: " + IoErrors.describe(e) + "; what was written to it after offset "
                            + end.offset() + " is not read");
            return true;
        }
        if (rest == null) {
            return false; // replaced since it was looked at
        }
        known.add(rest.print());
        ctx.read(gz.attrs().fileKey(), rest.end());
        LineSplitter lines = new LineSplitter(path, ctx.config.maxLineBytes(), ctx.sink);
        if (end.before()[end.before().length - 1] != '\n') {
            lines.skipToNextLine(); // the line under way at start-up is the backfill's
        }
        lines.feed(rest.rest(), 0, rest.rest().length);
        lines.finish();
        ctx.event(
                Kind.ROTATED,
                path,
                "also read " + gz.path().getFileName() + " from offset " + end.offset() + " unpacked ("
                        + rest.rest().length + " bytes), the file it named at start-up, rotated and compressed"
                        + " before the first look");
        return true;
    }

    private static final int COPY_ATTEMPTS = 3;

    /** A file next to the path under a rotated name. */
    private record Sibling(Path path, BasicFileAttributes attrs) {}

    /**
     * Whether {@code name} is {@code base} under a rotated name: a dot or dash, then a number or a date
     * (digits, dots, dashes, underscores, ending in a digit), and {@code .gz} when {@code gzip}. Not a
     * file being written beside one ({@code auth.log.2.gz.tmp} as a compressor makes it, whose gzip
     * bytes would be read as lines), nor another compression or another log.
     */
    static boolean rotatedName(String base, String name, boolean gzip) {
        if (!name.startsWith(base) || name.length() < base.length() + 2) {
            return false;
        }
        char sep = name.charAt(base.length());
        if (sep != '.' && sep != '-') {
            return false;
        }
        String rest = name.substring(base.length() + 1);
        if (gzip && rest.endsWith(".gz")) {
            rest = rest.substring(0, rest.length() - ".gz".length());
        }
        if (rest.isEmpty() || !digit(rest.charAt(0)) || !digit(rest.charAt(rest.length() - 1))) {
            return false;
        }
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (!digit(c) && c != '.' && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The regular files under the path's rotated names, as logrotate makes them: a number or a date
     * after a dot or a dash ({@code access.log.1}, {@code access.log-20261204}, and with {@code gzip}
     * their {@code .gz}; never other compressed ones; not another log such as {@code access.log-json})
     * written since the last look (copies: since the log's last write before it), oldest first.
     */
    private List<Sibling> rotatedSince(boolean gzip) throws IOException {
        if (lastRead == null) {
            return new ArrayList<>();
        }
        // a copy's time may be the log's own (logrotate keeps it): as old as its last write before that look
        Instant look = gzip && lastModified != null && lastModified.isBefore(lastRead) ? lastModified : lastRead;
        return rotated(gzip, look.minusSeconds(1)); // file times may be whole seconds
    }

    /** The regular files under the path's rotated names written since {@code since} (null: all), oldest first. */
    private List<Sibling> rotated(boolean gzip, Instant since) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir == null) {
            return new ArrayList<>();
        }
        List<Sibling> found = new ArrayList<>();
        String base = path.getFileName().toString();
        try (var files = Files.newDirectoryStream(dir, base + "[.-][0-9]*")) {
            for (Path p : files) {
                if (!rotatedName(base, p.getFileName().toString(), gzip)) {
                    continue;
                }
                BasicFileAttributes a = attributes(p);
                if (a != null
                        && a.isRegularFile()
                        && (since == null || !a.lastModifiedTime().toInstant().isBefore(since))) {
                    found.add(new Sibling(p, a));
                }
            }
        }
        troubles.clear(Troubles.Side.LISTING);
        found.sort(Comparator.comparing(f -> f.attrs().lastModifiedTime()));
        return found;
    }

    /**
     * What {@code listed} names now; null for a symbolic link that names no file (dangling, or a loop):
     * not a rotated file, and no reason to give the listing up. Thrown otherwise (a file renamed while
     * listed: listed again).
     */
    private static BasicFileAttributes attributes(Path listed) throws IOException {
        try {
            return Files.readAttributes(listed, BasicFileAttributes.class);
        } catch (IOException e) {
            if (Files.isSymbolicLink(listed)) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Truncated in place (logrotate's copytruncate): the lines written after the last look and before
     * logrotate's copy are only in the copy next to the log ({@code access.log.1}, {@code
     * access.log-DATE}, or its {@code .gz} when compressed at once). The copy written since the last
     * look that holds, right before the position read here, the bytes last read here is read on from
     * that position, newest first; each copy written after it (truncated again before this look),
     * whole. Every copy listed is then known, so that none is read again under another name (gzipped,
     * or renamed from .1.gz to .2.gz). Returns a note for the truncation event ("" when none was found).
     */
    private String readCopy(TailContext ctx) throws InterruptedException {
        List<Sibling> found;
        try {
            found = copies(ctx);
        } catch (IOException e) {
            if (current.position() > 0) {
                notRead(
                        ctx,
                        "truncated; its copy could not be looked for (" + IoErrors.describe(e) + "): what it held"
                                + " after offset " + current.position() + ", where it was read to, if anything, is"
                                + " not read");
            }
            return "";
        }
        StringBuilder note = new StringBuilder();
        int lostBefore = losses;
        List<Unreadable> unreadable = new ArrayList<>();
        boolean continued = false;
        for (int i = found.size() - 1; i >= 0; i--) {
            Sibling copy = found.get(i);
            Copies.Read rest = readCopy(copy, unreadable);
            if (rest == null) {
                continue;
            }
            continued = true;
            known.add(rest.print());
            known.add(copy.attrs().fileKey()); // listed twice, under its old and new name, while renamed
            ctx.read(copy.attrs().fileKey(), rest.end()); // a glob matching it reads on from its end
            note.append("; read the rest of the old content from its copy ")
                    .append(copy.path().getFileName())
                    .append(" (")
                    .append(rest.rest().length)
                    .append(" bytes)");
            for (Sibling later : found.subList(i + 1, found.size())) {
                note.append(readIfNew(ctx, later));
            }
            break;
        }
        for (Unreadable u : unreadable) {
            // newer than the copy that goes on from here: a later one, read whole (above), said lost there
            // when it cannot be; older: holding only lines read already. With none going on, it may be the
            // old file's copy
            if (!continued) {
                notRead(ctx, u.detail() + unreadNote(u, current.position(), found.size() == 1));
            }
        }
        if (note.isEmpty()
                && losses == lostBefore
                && current.position() > 0
                && !found.isEmpty()
                && !copyReadElsewhere(ctx)) {
            noCopyHoldsTheRest(ctx, found);
        }
        for (Sibling f : found) { // the older copies, and the one not matched (read past its end)
            known.add(f.attrs().fileKey());
            if (!Copies.isGzip(f.path())) {
                try {
                    known.add(Copies.print(f.path())); // its gzipped self, made in a moment, is known
                } catch (IOException e) {
                    // removed meanwhile: its gzipped self is listed too
                }
            }
        }
        return note.toString();
    }

    /**
     * The rotated files that may be copies of the log (oldest first), none followed on its own. A copy
     * listed both plain and gzipped is being compressed (logrotate's {@code compress} without {@code
     * delaycompress}): the .gz is still being written, and the plain one, complete until gzip removes
     * it, is the one read; the .gz is known from then on (see {@link #readCopy(Sibling,
     * boolean)} for a plain one gone before it is read). Not listable: {@link #cannotList}, and thrown.
     */
    private List<Sibling> copies(TailContext ctx) throws IOException {
        List<Sibling> found;
        try {
            found = rotatedSince(true);
        } catch (IOException e) {
            cannotList(ctx, e);
            throw e;
        }
        found.removeIf(f -> ctx.beingRead.test(f.attrs().fileKey())); // followed on its own: not read twice
        java.util.Set<Path> plain = new java.util.HashSet<>();
        for (Sibling f : found) {
            if (!Copies.isGzip(f.path())) {
                plain.add(f.path());
            }
        }
        found.removeIf(f -> {
            boolean twin = Copies.isGzip(f.path()) && plain.contains(Copies.plainOf(f.path()));
            if (twin) {
                known.add(f.attrs().fileKey());
            }
            return twin;
        });
        return found;
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
            there = rotated(true, null);
        } catch (IOException e) {
            return; // renamed while listed, or not listable: a copy made since is still told by its time
        }
        for (Sibling f : there) {
            known.add(f.attrs().fileKey());
            if (!Copies.isGzip(f.path())) {
                try {
                    known.add(Copies.print(f.path()));
                } catch (IOException e) {
                    // removed meanwhile: its gzipped self, made before, is known by its inode
                }
            }
        }
    }

    /** Reads whole, oldest first, the copies not dealt with before: made since the last truncation. */
    private String newerCopies(TailContext ctx) throws InterruptedException {
        StringBuilder note = new StringBuilder();
        List<Sibling> found;
        try {
            found = copies(ctx);
        } catch (IOException e) {
            return ""; // said as a listing failure, which lasts until a listing succeeds
        }
        for (Sibling f : found) {
            note.append(readIfNew(ctx, f));
        }
        return note.toString();
    }

    /**
     * Reads {@code f} whole as a later copy unless it is known (by key, or by what it holds); the
     * truncation event's note for it, "" when not read.
     */
    private String readIfNew(TailContext ctx, Sibling f) throws InterruptedException {
        Object key = f.attrs().fileKey();
        if (known.knowsKey(key) && (Copies.isGzip(f.path()) || knownPrint(f.path()))) {
            return ""; // a plain copy known by its inode may be written over in place (cp, shutil.copyfile)
        }
        Copies.Read all = readWhole(ctx, f);
        if (all == null) {
            return ""; // not read (reported): tried again at the next look
        }
        ctx.read(key, all.end());
        if (known.knows(all.print())) {
            known.add(key);
            return "";
        }
        known.add(key);
        known.add(all.print());
        if (all.rest().length == 0) {
            return "";
        }
        current.feedWholeCopy(all.rest());
        return ", then all of " + f.path().getFileName() + " (" + all.rest().length + " bytes)";
    }

    private boolean knownPrint(Path plain) {
        try {
            return known.knows(Copies.print(plain));
        } catch (IOException e) {
            return true; // gone meanwhile: listed again under its new name
        }
    }

    /** A copy that could not be read: as listed, its name as read, and "reading NAME: why". */
    private record Unreadable(Sibling listed, Path copy, String detail) {}

    /**
     * Reads the copy on from where the open file was read (fed to it when it is the copy). Null when it
     * is not the copy, or cannot be read: then added to {@code unreadable}, as whether its lines are lost
     * depends on whether another copy goes on from there.
     */
    private Copies.Read readCopy(Sibling listed, List<Unreadable> unreadable) throws InterruptedException {
        Object read = readCopy(listed, true);
        if (read instanceof Unreadable u) {
            unreadable.add(u);
            return null;
        }
        return (Copies.Read) read;
    }

    /**
     * Reads a copy whole (not fed): one made after the copy read on, or a file named only between two
     * looks. Null when it cannot be read: then its lines are lost, said naming it.
     */
    private Copies.Read readWhole(TailContext ctx, Sibling listed) throws InterruptedException {
        Object read = readCopy(listed, false);
        if (read instanceof Unreadable u) {
            notRead(ctx, u.detail() + wholeUnreadNote(u));
            return null;
        }
        return (Copies.Read) read;
    }

    /**
     * Reads the copy on from where the open file was read ({@code rest}) or whole; a gzip copy still
     * being written is tried again shortly. The {@link Copies.Read}, null when it is not the copy or was
     * renamed meanwhile, or an {@link Unreadable}.
     */
    private Object readCopy(Sibling listed, boolean rest) throws InterruptedException {
        Path copy = listed.path();
        for (int attempt = 1; ; attempt++) {
            try {
                if (!rest) {
                    return Copies.read(copy, 0, new byte[0], true);
                }
                return current.continueIn(copy);
            } catch (NoSuchFileException e) {
                Path gz = Copies.compressedSince(copy);
                if (gz != null) {
                    copy = gz;
                    continue;
                }
                return null; // renamed meanwhile: listed again under its new name
            } catch (IOException e) { // a gzip copy still being written ends early: once more, shortly
                if (attempt == COPY_ATTEMPTS) {
                    return new Unreadable(listed, copy, "reading " + copy.getFileName() + ": " + IoErrors.describe(e));
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * "; N bytes of NAME not read", for a file read whole that cannot be (a later copy, or a file named
     * only between two looks: not the old file read here, so named).
     */
    private static String wholeUnreadNote(Unreadable u) {
        long n = unreadBytes(u);
        String name = u.copy().getFileName().toString();
        return "; "
                + (n > 0
                        ? (Copies.isGzip(u.listed().path()) ? "at least " : "") + n + " bytes of " + name
                        : "what " + name + " held")
                + " not read";
    }

    /**
     * "; N bytes of the old file after offset P, where it was read to, not read", for the copy of the old
     * file that cannot be read ({@code from}: where this path had read the old file to), when it is the
     * only copy listed; else naming the copy, which may be another: "N bytes of the old file's copy, if
     * NAME is it, ...".
     */
    private static String unreadNote(Unreadable u, long from, boolean only) {
        long n = unreadBytes(u) - from;
        String of =
                only ? "the old file" : "the old file's copy, if " + u.copy().getFileName() + " is it,";
        String what = n > 0
                ? (Copies.isGzip(u.listed().path()) ? "at least " : "") + n + " bytes of " + of
                : "what " + of + " held";
        return "; " + what + (from > 0 ? " after offset " + from + ", where it was read to," : "") + " not read";
    }

    /**
     * How many bytes an unreadable file held: a plain one's size when it was listed (before it was
     * compressed), else at least what its gzip unpacks to, else 0 (not known).
     */
    private static long unreadBytes(Unreadable u) {
        return Copies.isGzip(u.listed().path())
                ? Copies.unpackable(u.copy())
                : u.listed().attrs().size();
    }

    /**
     * Truncated, read up to the position here, and no copy made since the last look holds what the log
     * had after it (written over by a later rotation before this look, or none made): said, with the
     * copies made since that were not read, as they do not go on from what was read here.
     */
    private void noCopyHoldsTheRest(TailContext ctx, List<Sibling> found) {
        StringBuilder others = new StringBuilder();
        for (Sibling f : found) {
            others.append(others.isEmpty() ? "; nor is " : ", nor ")
                    .append(f.path().getFileName());
            try {
                others.append(" (").append(Copies.print(f.path()).length()).append(" bytes)");
            } catch (IOException e) {
                // gone meanwhile: named without its size
            }
        }
        notRead(
                ctx,
                "truncated; what it held after offset " + current.position() + ", where it was read to, is in no"
                        + " copy (written over by a later rotation before it was looked at?) and is not read"
                        + others
                        + (found.size() == 1 ? ", a copy made since that does not" : ", copies made since that do not")
                        + " go on from what was read here");
    }

    /**
     * Whether the copy of the log as read here is followed by another path (a glob that matches the
     * rotated names): that path reads it on from where the log was read here.
     */
    private boolean copyReadElsewhere(TailContext ctx) {
        TailContext.ReadTo read = new TailContext.ReadTo(current.position(), current.lastBytes());
        try {
            return rotatedSince(true).stream()
                    .anyMatch(f -> ctx.beingRead.test(f.attrs().fileKey()) && Copies.holds(f.path(), read));
        } catch (IOException e) {
            return true; // not known: nothing said
        }
    }

    /** Lines that will never be read here: said (once), and kept as the path's latest {@link #loss}. */
    private void notRead(TailContext ctx, String detail) {
        losses++;
        loss = new TailEvent(Kind.LOST, path, detail);
        ctx.listener.event(loss);
    }

    /** What was last lost here (lines of a rotated-away file that cannot be read), or null. */
    TailEvent loss() {
        return loss;
    }

    private boolean open(TailContext ctx, Object key) {
        long start = start(ctx, key);
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
    private long start(TailContext ctx, Object key) {
        Long before = ctx.resumeOffset(key, path);
        if (before != null) {
            return before;
        }
        if (startAtEnd) {
            return ctx.config.handover().startOf(key);
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
                    notRead(
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
