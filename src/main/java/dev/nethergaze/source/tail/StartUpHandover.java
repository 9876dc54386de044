package dev.nethergaze.source.tail;

import dev.nethergaze.source.tail.RotatedSiblings.Sibling;
import dev.nethergaze.source.tail.TailEvent.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;

/**
 * For one followed path, at the first look that finds a file: what became, before that look, of the
 * file it named at start-up (rotated, compressed, or gone), read on from where the backfill stops.
 */
final class StartUpHandover {

    private final Path path;
    private final KnownCopies known;
    private final Losses losses;
    private final RotatedSiblings siblings;
    private final SkippedFiles skipped;

    StartUpHandover(PathParts parts, SkippedFiles skipped) {
        this.path = parts.path();
        this.known = parts.known();
        this.losses = parts.losses();
        this.siblings = parts.siblings();
        this.skipped = skipped;
    }

    /**
     * At the first look that finds a file, with a {@link Handover} taken at start-up: the files rotated
     * away in between, oldest first. The one the path named at start-up (renamed to {@code auth.log.1}
     * and a new log created) is read from its size then, where the backfill's reading of it ends; one
     * created since and rotated away too (two rotations before the first look) is read whole, as all of
     * it was written since (the backfill leaves it, {@link Handover#at(Path, Object)}). The start-up one
     * compressed already ({@code access.log.1.gz}, a new inode) is told by what it held before that
     * size and read on from there in its unpacked bytes; one found nowhere is said {@link Kind#LOST}.
     * Files are told by their {@link FileIdentity}: one given since the inode number of a file there at
     * start-up is a new one. {@code newFile}: the attributes of the file the path names now.
     */
    void rotatedSinceStartUp(TailContext ctx, Instant now, BasicFileAttributes newFile) throws InterruptedException {
        Handover h = ctx.config.handover();
        if (!h.taken()) {
            return;
        }
        FileIdentity was = h.startUpFile(path);
        Object newKey = newFile.fileKey();
        boolean found = was == null || was.isOf(newFile) || ctx.beingRead.test(was.key());
        List<Sibling> there;
        try {
            there = siblings.rotated(true, null);
        } catch (IOException e) {
            siblings.cannotList(ctx, e);
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
                        || (!Files.exists(Copies.plainOf(f.path()))
                                && (startUpCompressed(ctx, f, h.startUpEnd(was))
                                        || startUpEmptyCompressed(ctx, h.emptyModified(was), f)));
            } else if (was != null && was.isOf(f.attrs())) {
                found = true;
                skipped.readRotated(
                        ctx,
                        now,
                        f,
                        h.startOf(f.attrs()),
                        "the file it named at start-up, rotated before the first look");
            } else if (!h.wasThere(f.attrs())) {
                Long resume = ctx.resumeOffset(k, f.path());
                skipped.readRotated(
                        ctx,
                        now,
                        f,
                        resume == null ? 0 : resume,
                        "created after start-up and rotated away before the first look");
            }
        }
        if (!found) {
            startUpLost(
                    ctx,
                    h,
                    was,
                    h.emptyModified(was) == null
                            ? "is found under no rotated name, plain or compressed"
                            : "is found under no plain rotated name; a compressed file made since may be it, written"
                                    + " to since, but an empty file cannot be told by what it held");
        }
    }

    /** The file the path named at start-up ({@code was}) was rotated away before the first look and {@code why} it is not read. */
    private void startUpLost(TailContext ctx, Handover h, FileIdentity was, String why) {
        long end = h.startUpEnd(was).offset();
        losses.notRead(
                ctx,
                "the file it named at start-up (" + end + " bytes then) was rotated away before the first look and "
                        + why + ": what was written to it after offset " + end + " is not read");
    }

    /**
     * Whether {@code gz} is the file the path named at start-up, empty then ({@code emptyThen}: its time of
     * the last change then; null when it was not empty), compressed before it was written to: it has that
     * time (gzip keeps it, and a write after start-up would have changed it) and unpacks to nothing. No
     * bytes can tell an empty file; without this, it was said {@link Kind#LOST}, a false alarm. One with
     * lines is not told from another file compressed since (an older rotated one): said LOST.
     */
    private boolean startUpEmptyCompressed(TailContext ctx, java.nio.file.attribute.FileTime emptyThen, Sibling gz) {
        if (emptyThen == null
                || !emptyThen.equals(gz.attrs().lastModifiedTime())
                || known.knowsFile(gz.attrs())
                || !Copies.unpacksToNothing(gz.path())) {
            return false;
        }
        known.add(gz.attrs());
        ctx.event(
                Kind.ROTATED,
                path,
                gz.path().getFileName() + " is the file it named at start-up, empty then, compressed before the"
                        + " first look and not written to since: nothing of it to read");
        return true;
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
        known.add(gz.attrs());
        Copies.Read rest;
        try {
            rest = Copies.read(gz.path(), end.offset(), end.before(), true);
        } catch (IOException e) {
            losses.notRead(
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
}
