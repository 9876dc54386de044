package dev.nethergaze.source.tail;

import dev.nethergaze.source.tail.RotatedSiblings.Sibling;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and reads, for one followed path, the copies of its log next to it after a truncation
 * (copytruncate), plain or compressed, and the files read whole (a later copy, a file named only
 * between two looks); says what of them cannot be read.
 */
final class CopyReader {

    /**
     * A gzip copy that ends early is looked at again after this, then after twice as long at each look
     * it has not changed; given up when it has not changed for {@link #QUIET} (truncated: a full disk,
     * a crash of gzip), or it still grows after {@link #GROWING_MAX} in all.
     */
    private static final java.time.Duration RETRY_AFTER = java.time.Duration.ofMillis(100);

    /** Waits between looks at a gzip copy still being written while it grows. */
    private static final java.time.Duration GROWING_PAUSE = java.time.Duration.ofMillis(250);

    /** How long a gzip copy that ends early stays the same before it is taken to be cut short for good. */
    private static final java.time.Duration QUIET = java.time.Duration.ofMillis(1500);

    /** The longest the polling thread waits for a gzip copy still being written (one of a big log: gzip -c). */
    private static final java.time.Duration GROWING_MAX = java.time.Duration.ofSeconds(60);

    private final KnownCopies known;
    private final Losses losses;
    private final RotatedSiblings siblings;
    /** Copies of this log were found at a truncation handled here: {@link #copiesDealtWithGone} can tell. */
    private boolean dealtWith;

    CopyReader(PathParts parts) {
        this.known = parts.known();
        this.losses = parts.losses();
        this.siblings = parts.siblings();
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
    String readCopy(TailContext ctx, OpenFile current) throws InterruptedException {
        List<Sibling> found;
        try {
            found = copies(ctx);
        } catch (IOException e) {
            if (current.position() > 0) {
                losses.notRead(
                        ctx,
                        "truncated; its copy could not be looked for (" + IoErrors.describe(e) + "): what it held"
                                + " after offset " + current.position() + ", where it was read to, if anything, is"
                                + " not read");
            }
            return "";
        }
        StringBuilder note = new StringBuilder();
        int lostBefore = losses.count();
        List<Unreadable> unreadable = new ArrayList<>();
        boolean continued = false;
        for (int i = found.size() - 1; i >= 0; i--) {
            Sibling copy = found.get(i);
            Copies.Read rest = readCopy(ctx, current, copy, unreadable);
            if (rest == null) {
                continue;
            }
            continued = true;
            known.add(rest.print());
            known.add(copy.attrs()); // listed twice, under its old and new name, while renamed
            ctx.read(copy.attrs().fileKey(), rest.end()); // a glob matching it reads on from its end
            note.append("; read the rest of the old content from its copy ")
                    .append(copy.path().getFileName())
                    .append(" (")
                    .append(rest.rest().length)
                    .append(" bytes)");
            for (Sibling later : found.subList(i + 1, found.size())) {
                note.append(readIfNew(ctx, current, later));
            }
            break;
        }
        for (Unreadable u : unreadable) {
            // newer than the copy that goes on from here: a later one, read whole (above), said lost there
            // when it cannot be; older: holding only lines read already. With none going on, it may be the
            // old file's copy
            if (!continued) {
                losses.notRead(ctx, u.detail() + unreadNote(u, current.position(), found.size() == 1));
            }
        }
        if (note.isEmpty()
                && losses.count() == lostBefore
                && current.position() > 0
                && !found.isEmpty()
                && !copyReadElsewhere(ctx, current)) {
            boolean later = copiesDealtWithGone();
            noCopyHoldsTheRest(ctx, current, found, later);
            for (Sibling f : later ? found : List.<Sibling>of()) { // oldest first, as they were made
                note.append(readIfNew(ctx, current, f));
            }
        }
        dealtWith |= !found.isEmpty();
        for (Sibling f : found) { // the older copies, and the one not matched (read past its end)
            known.add(f.attrs());
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
     * it, is the one read; the .gz is known from then on (see {@link #readCopy(TailContext, OpenFile,
     * Sibling, boolean)} for a plain one gone before it is read). Not listable: {@link
     * RotatedSiblings#cannotList}, and thrown.
     */
    private List<Sibling> copies(TailContext ctx) throws IOException {
        List<Sibling> found;
        try {
            found = siblings.rotatedSince(true);
        } catch (IOException e) {
            siblings.cannotList(ctx, e);
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
                known.add(f.attrs());
            }
            return twin;
        });
        return found;
    }

    /** Reads whole, oldest first, the copies not dealt with before: made since the last truncation. */
    String newerCopies(TailContext ctx, OpenFile current) throws InterruptedException {
        StringBuilder note = new StringBuilder();
        List<Sibling> found;
        try {
            found = copies(ctx);
        } catch (IOException e) {
            return ""; // said as a listing failure, which lasts until a listing succeeds
        }
        for (Sibling f : found) {
            note.append(readIfNew(ctx, current, f));
        }
        return note.toString();
    }

    /**
     * Reads {@code f} whole as a later copy unless it is known (by key, or by what it holds); the
     * truncation event's note for it, "" when not read.
     */
    private String readIfNew(TailContext ctx, OpenFile current, Sibling f) throws InterruptedException {
        Object key = f.attrs().fileKey();
        if (known.knowsFile(f.attrs()) && (Copies.isGzip(f.path()) || knownPrint(f.path()))) {
            return ""; // a plain copy known by its inode may be written over in place (cp, shutil.copyfile)
        }
        Copies.Read all = readWhole(ctx, f);
        if (all == null) {
            return ""; // not read (reported): tried again at the next look
        }
        ctx.read(key, all.end());
        if (known.knows(all.print()) || current.readBefore(all.end())) {
            known.add(f.attrs()); // a copy made before the last look, which read on past its end: read here
            known.add(all.print());
            return "";
        }
        known.add(f.attrs());
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
    private Copies.Read readCopy(TailContext ctx, OpenFile current, Sibling listed, List<Unreadable> unreadable)
            throws InterruptedException {
        Object read = readCopy(ctx, current, listed, true);
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
    Copies.Read readWhole(TailContext ctx, Sibling listed) throws InterruptedException {
        Object read = readCopy(ctx, null, listed, false);
        if (read instanceof Unreadable u) {
            losses.notRead(ctx, u.detail() + wholeUnreadNote(u));
            return null;
        }
        return (Copies.Read) read;
    }

    /**
     * Reads the copy on from where the open file was read ({@code rest}) or whole; a gzip copy still
     * being written (one that ends early) is tried again shortly, one that fails otherwise is not. The
     * {@link Copies.Read}, null when it is not the copy or was renamed meanwhile, or an {@link
     * Unreadable}.
     */
    private Object readCopy(TailContext ctx, OpenFile current, Sibling listed, boolean rest)
            throws InterruptedException {
        Path copy = listed.path();
        StillGrowing growing = new StillGrowing();
        while (true) {
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
            } catch (IOException e) {
                // a gzip copy still being written ends early: an EOFException wherever it is cut (in the
                // header, the deflated data or the trailer; seen with gzip's output cut at every length),
                // as a plain one that shrinks while read says too: looked at again while it grows, and
                // until it stays the same a while. Anything else (permission denied, an I/O error, too
                // much) will not get better in a moment: said at once, not waited for on the thread that
                // reads every file
                java.time.Duration pause = e instanceof EOFException ? growing.next(copy) : null;
                if (pause == null) {
                    String why = IoErrors.describe(e) + (growing.gaveUpGrowing() ? growing.stillGrowing() : "");
                    return new Unreadable(listed, copy, "reading " + copy.getFileName() + ": " + why);
                }
                ctx.pause.pause(pause);
            }
        }
    }

    /**
     * The looks at one gzip copy that ends early: whether it changed (size, modification time) since the
     * last, and how long to wait before the next. Before, it was given up after three looks 100 ms apart:
     * a .gz of a big log still being written by gzip ({@code gzip -c access.log.1 > access.log.1.gz}, a
     * slow pipe) was said lost when it was whole a moment later.
     */
    private static final class StillGrowing {
        private Object seen;
        private java.time.Duration quiet = java.time.Duration.ZERO;
        private java.time.Duration waited = java.time.Duration.ZERO;
        private java.time.Duration pause = RETRY_AFTER;
        private boolean gaveUpGrowing;

        /** The wait before the next look at {@code gz}, or null to give up. */
        java.time.Duration next(Path gz) {
            Object now = state(gz);
            boolean changed = seen != null && !seen.equals(now);
            seen = now;
            if (changed) {
                quiet = java.time.Duration.ZERO;
                pause = GROWING_PAUSE;
            } else {
                quiet = quiet.plus(waited.isZero() ? java.time.Duration.ZERO : pause);
                pause = waited.isZero() ? RETRY_AFTER : pause.multipliedBy(2);
            }
            if (quiet.compareTo(QUIET) >= 0) {
                return null;
            }
            if (waited.compareTo(GROWING_MAX) >= 0) {
                gaveUpGrowing = true;
                return null;
            }
            waited = waited.plus(pause);
            return pause;
        }

        boolean gaveUpGrowing() {
            return gaveUpGrowing;
        }

        String stillGrowing() {
            return " (still being written after " + waited.toSeconds() + " s)";
        }

        private static Object state(Path gz) {
            try {
                BasicFileAttributes a = Files.readAttributes(gz, BasicFileAttributes.class);
                return java.util.List.of(a.size(), a.lastModifiedTime(), String.valueOf(a.fileKey()));
            } catch (IOException e) {
                return "gone";
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
     * Whether every copy of this log dealt with here is gone from its rotated names (none listed now is
     * known by its identity, nor a plain one by its print), when copies were dealt with before: a small
     * {@code rotate} count removed them, the copy that held what the log had after where it was read
     * with them (logrotate's {@code rotate 1} with {@code copytruncate}, run twice between two looks: the
     * second run removes the first run's copy). Then a copy made since that does not go on from what was
     * read here is the later run's: this log's lines, on disk. With a copy dealt with still there, such
     * a file is not taken for this log's (another log's rotation, a copy compressed in a way not read
     * here beside it). With none dealt with yet (the first truncation seen here), the same holds when
     * every file under the rotated names was made since the log's last change seen at the last look (by
     * its birth time): none was there then, so each is a copy of a rotation since; unless one made since
     * is compressed in a way not read here (bzip2, xz, ...), which may be the copy that goes on. Before, such a copy
     * was never read at the first pair of runs: black-box, logrotate run twice in a row under a writer
     * of 5,000 lines/s, the first pair's second copy (~4,700 lines, on disk) not read.
     */
    private boolean copiesDealtWithGone() {
        java.time.Instant seen = siblings.lastModified();
        try {
            if (!dealtWith && (seen == null || siblings.compressedOtherwiseSince(seen))) {
                return false;
            }
            for (Sibling f : siblings.rotated(true, null)) {
                boolean old = dealtWith
                        ? known.knowsFile(f.attrs()) || (!Copies.isGzip(f.path()) && knownPrint(f.path()))
                        : f.attrs().creationTime().toInstant().isBefore(seen);
                if (old) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false; // not listable now: said as a listing failure
        }
    }

    /**
     * Truncated, read up to the position here, and no copy made since the last look holds what the log
     * had after it (written over by a later rotation before this look, or none made): said, with the
     * copies made since, which do not go on from what was read here: not read, or when the copies dealt
     * with before are gone too ({@code later}, {@link #copiesDealtWithGone}) copies of later truncations,
     * read whole by the caller. Before, those were left unread too: a black-box drill (the real
     * logrotate, {@code rotate 1}, {@code copytruncate} and {@code compress}, every 0.1 s at 3,000 lines/s)
     * counted 4,957 of 6,900 lines.
     */
    private void noCopyHoldsTheRest(TailContext ctx, OpenFile current, List<Sibling> found, boolean later) {
        StringBuilder others = new StringBuilder();
        for (Sibling f : found) {
            others.append(others.isEmpty() ? (later ? "; " : "; nor is ") : (later ? ", " : ", nor "))
                    .append(f.path().getFileName())
                    .append(sizeNote(f));
        }
        losses.notRead(
                ctx,
                "truncated; what it held after offset " + current.position() + ", where it was read to, is in no"
                        + " copy (written over by a later rotation before it was looked at?) and is not read"
                        + others
                        + (found.size() == 1 ? ", a copy made since that does not" : ", copies made since that do not")
                        + " go on from what was read here"
                        + (later
                                ? ", of a later truncation ("
                                        + (dealtWith
                                                ? "the copies read before are gone too"
                                                : "every rotated file there was made since the last look")
                                        + ": a small rotate count): read whole unless read already"
                                : ""));
    }

    /**
     * " (N bytes)" of a copy named in a note: what it holds (unpacked); when it cannot be read now, a
     * plain one's size when listed (removed since: gzip done with it), or that a {@code .gz} is not whole
     * yet. Before, " (" was left half said when it could not be read.
     */
    private static String sizeNote(Sibling f) {
        try {
            return " (" + Copies.print(f.path()).length() + " bytes)";
        } catch (IOException e) {
            if (Copies.isGzip(f.path())) {
                return " (not whole yet: " + IoErrors.describe(e) + ")";
            }
            return " (" + f.attrs().size() + " bytes when listed, "
                    + (e instanceof NoSuchFileException ? "removed since" : IoErrors.describe(e)) + ")";
        }
    }

    /**
     * Whether the copy of the log as read here is followed by another path (a glob that matches the
     * rotated names): that path reads it on from where the log was read here.
     */
    private boolean copyReadElsewhere(TailContext ctx, OpenFile current) {
        TailContext.ReadTo read = new TailContext.ReadTo(current.position(), current.lastBytes());
        try {
            return siblings.rotatedSince(true).stream()
                    .anyMatch(f -> ctx.beingRead.test(f.attrs().fileKey()) && Copies.holds(f.path(), read));
        } catch (IOException e) {
            return true; // not known: nothing said
        }
    }
}
