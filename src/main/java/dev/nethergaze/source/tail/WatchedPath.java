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
        // a listing races with renames still going on (a file moved from a name not yet listed to one
        // already listed is missed): list again until a listing finds nothing new
        for (int pass = 0; pass < 4 && skippedOnce(ctx, now, newKey) > 0; pass++) {
            // found some: look once more
        }
        skippedCompressed(ctx);
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
    private void skippedCompressed(TailContext ctx) throws InterruptedException {
        List<Sibling> found;
        try {
            found = rotatedSince(true);
        } catch (IOException e) {
            ctx.event(Kind.ERROR, path, "looking for files rotated in between: " + IoErrors.describe(e));
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
            Copies.Read all = readCopy(ctx, f, false);
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
    private int skippedOnce(TailContext ctx, Instant now, Object newKey) throws InterruptedException {
        List<Sibling> found = new ArrayList<>();
        try {
            for (Sibling f : rotatedSince(false)) {
                Object k = f.attrs().fileKey();
                if (k != null
                        && !k.equals(newKey)
                        && !ctx.beingRead.test(k)
                        && found.stream().noneMatch(o -> k.equals(o.attrs().fileKey()))) { // listed twice while renamed
                    found.add(f);
                }
            }
        } catch (NoSuchFileException e) {
            return 1; // renamed while listed: list again
        } catch (IOException e) {
            ctx.event(Kind.ERROR, path, "looking for files rotated in between: " + IoErrors.describe(e));
            return 0;
        }
        for (Sibling f : found) {
            Long resume = ctx.resumeOffset(f.attrs().fileKey(), f.path());
            readRotated(ctx, now, f, resume == null ? 0 : resume, "which it named only between two looks");
        }
        return found.size();
    }

    /**
     * Reads the rotated file {@code f}, not followed here, from {@code from} to its end now, its lines
     * filed under the path, and keeps reading it for the rotate grace; the event says so and {@code why}.
     * Nothing when another file took its name since it was listed, or it was renamed again (the next
     * listing finds it under its new name).
     */
    private void readRotated(TailContext ctx, Instant now, Sibling f, long from, String why)
            throws InterruptedException {
        Object k = f.attrs().fileKey();
        try {
            OpenFile o = OpenFile.open(f.path(), path, k, from, ctx.config.maxLineBytes(), ctx.sink);
            if (!k.equals(FileKeys.of(f.path()))) { // another file took the name since it was listed
                o.close();
                return;
            }
            long n = o.read(ctx.buffer, Long.MAX_VALUE);
            o.retireAt(now.plus(ctx.config.rotateGrace()));
            retiring.add(o);
            String at = from == 0 ? "" : " from offset " + from;
            ctx.event(Kind.ROTATED, path, "also read " + f.path().getFileName() + at + " (" + n + " bytes), " + why);
        } catch (NoSuchFileException e) {
            // renamed since it was listed
        } catch (IOException e) {
            ctx.event(Kind.ERROR, path, "reading " + f.path().getFileName() + ": " + IoErrors.describe(e));
        }
    }

    /**
     * At the first look that finds a file: the one the path named at start-up ({@link Handover}) is
     * another one now, rotated away in between (renamed to {@code auth.log.1} and a new log created):
     * what was written to it after start-up is read from its size then, where the backfill's reading of
     * it ends; all of the new one is read from its start (see {@link Handover#startOf}).
     */
    private void rotatedSinceStartUp(TailContext ctx, Instant now, Object newKey) throws InterruptedException {
        Object was = ctx.config.handover().startUpKey(path);
        if (was == null || was.equals(newKey) || ctx.beingRead.test(was)) {
            return;
        }
        List<Sibling> there;
        try {
            there = rotated(false, null);
        } catch (IOException e) {
            ctx.event(Kind.ERROR, path, "looking for the file it named at start-up: " + IoErrors.describe(e));
            return;
        }
        for (Sibling f : there) {
            if (was.equals(f.attrs().fileKey())) {
                readRotated(
                        ctx,
                        now,
                        f,
                        ctx.config.handover().startOf(was),
                        "the file it named at start-up, rotated before the first look");
                return;
            }
        }
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
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.isRegularFile()
                        && (since == null || !a.lastModifiedTime().toInstant().isBefore(since))) {
                    found.add(new Sibling(p, a));
                }
            }
        }
        found.sort(Comparator.comparing(f -> f.attrs().lastModifiedTime()));
        return found;
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
        List<Sibling> found = copies(ctx);
        StringBuilder note = new StringBuilder();
        int lostBefore = losses;
        for (int i = found.size() - 1; i >= 0; i--) {
            Sibling copy = found.get(i);
            Copies.Read rest = readCopy(ctx, copy, true);
            if (rest == null) {
                continue;
            }
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
     * it, is the one read; the .gz is known from then on (see {@link #readCopy(TailContext, Sibling,
     * boolean)} for a plain one gone before it is read).
     */
    private List<Sibling> copies(TailContext ctx) {
        List<Sibling> found;
        try {
            found = rotatedSince(true);
        } catch (IOException e) {
            ctx.event(Kind.ERROR, path, "looking for the copy of a truncated log: " + IoErrors.describe(e));
            return new ArrayList<>();
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
        for (Sibling f : copies(ctx)) {
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
        Copies.Read all = readCopy(ctx, f, false);
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

    /**
     * Reads the copy on from where the open file was read ({@code rest}, fed to it when it is the
     * copy) or whole (not fed); a gzip copy still being written is tried again shortly. Null when it
     * is not the copy or cannot be read (reported).
     */
    private Copies.Read readCopy(TailContext ctx, Sibling listed, boolean rest) throws InterruptedException {
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
                    String detail = "reading " + copy.getFileName() + ": " + IoErrors.describe(e)
                            + unreadNote(listed, copy, rest ? current.position() : 0);
                    ctx.event(Kind.ERROR, path, detail);
                    notRead(ctx, detail);
                    return null;
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * "; N bytes of the old file after offset P, where it was read to, not read", for a copy that cannot
     * be read ({@code from}: where this path had read the old file to, 0 if not at all): N from the
     * plain copy's size when it was listed (before it was compressed), else at least what its gzip
     * unpacks to beyond that, else not known.
     */
    private static String unreadNote(Sibling listed, Path copy, long from) {
        boolean exact = !Copies.isGzip(listed.path());
        long n = (exact ? listed.attrs().size() : Copies.unpackable(copy)) - from;
        String what = n > 0 ? (exact ? "" : "at least ") + n + " bytes of the old file" : "what the old file held";
        return "; " + what + (from > 0 ? " after offset " + from + ", where it was read to," : "") + " not read";
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
            ctx.event(Kind.ERROR, path, "draining the old file: " + IoErrors.describe(e));
        }
        old.retireAt(now.plus(ctx.config.rotateGrace()));
        retiring.add(old);
    }

    private void drainRetiring(TailContext ctx, Instant now) throws InterruptedException {
        for (Iterator<OpenFile> it = retiring.iterator(); it.hasNext(); ) {
            OpenFile f = it.next();
            long n;
            try {
                n = f.read(ctx.buffer, Long.MAX_VALUE);
            } catch (IOException e) {
                n = 0;
                f.retireAt(now);
            }
            if (n == 0 && f.retireDue(now)) {
                f.finish();
                f.close();
                ctx.closed(f);
                it.remove();
                ctx.event(Kind.CLOSED, path, "old file drained to offset " + f.position());
            }
        }
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
