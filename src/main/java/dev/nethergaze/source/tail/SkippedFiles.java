package dev.nethergaze.source.tail;

import dev.nethergaze.source.tail.RotatedSiblings.Sibling;
import dev.nethergaze.source.tail.TailEvent.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The files one followed path named only between two looks (rotated twice or more in between),
 * found under its rotated names, plain or compressed, and read now, their lines filed under the path.
 */
final class SkippedFiles {

    private final Path path;
    private final KnownCopies known;
    private final Losses losses;
    private final RotatedSiblings siblings;
    private final CopyReader copies;
    /** The path's rotated-away files read on for the rotate grace: each file read here joins them. */
    private final List<OpenFile> retiring;
    /** Rotated files said {@link Kind#LOST} as they could not be read, by key: not tried again. */
    private final java.util.Set<Object> unreadable =
            java.util.Collections.newSetFromMap(dev.nethergaze.model.Bounded.lru(64));

    SkippedFiles(PathParts parts, CopyReader copies, List<OpenFile> retiring) {
        this.path = parts.path();
        this.known = parts.known();
        this.losses = parts.losses();
        this.siblings = parts.siblings();
        this.copies = copies;
        this.retiring = retiring;
    }

    /**
     * Rotated twice or more between two polls (a busy log with size-based rotation, or logrotate run
     * by hand): the files the path named in between were never opened here. They sit next to it under
     * a rotated name ({@code access.log.1}, {@code access.log-20261204}), written since the last poll
     * and not read by anyone; each is read from its start (or where it was left) now, oldest first,
     * and kept reading for the rotate grace. A compressed one: {@link #skippedCompressed}.
     */
    void skipped(TailContext ctx, Instant now, BasicFileAttributes current, OpenFile drained)
            throws InterruptedException {
        Object newKey = current.fileKey();
        List<Path> between = new ArrayList<>();
        // a listing races with renames still going on (a file moved from a name not yet listed to one
        // already listed is missed): list again until a listing finds nothing new
        for (int pass = 0; pass < 4 && skippedOnce(ctx, now, newKey, between) > 0; pass++) {
            // found some: look once more
        }
        skippedCompressed(ctx, between);
        if (!between.isEmpty() && drained != null) {
            olderGone(ctx, drained, between);
        } else if (drained != null) {
            removedBetween(ctx, drained, current);
        }
    }

    /**
     * No file named only between two looks was found, and the old file ({@code old}, drained) is under
     * no name any more, removed before the new one was made ({@link RemovedFiles}): {@code rotate 0},
     * twice or more since the last look. The file the log named in between was removed too: said {@link
     * Kind#LOST}, as lines that may have been lost (it may have been empty). Before, nothing was said: a
     * black-box drill (the real logrotate every 0.1 s at 3,000 lines/s) counted 5,517 of 6,900 lines.
     */
    private void removedBetween(TailContext ctx, OpenFile old, BasicFileAttributes current) {
        if (isRotatedNameOfAnother(ctx)) {
            return; // its files move on to the next rotated name or a .gz of it (delaycompress), not removed
        }
        try {
            if (!siblings.rotatedSince(true).isEmpty()) {
                return; // a rotated file made since: the old one's (rotate 1 and more), or told above
            }
        } catch (IOException e) {
            return; // not listable now: reported by the listing of the files rotated in between
        }
        if (RemovedFiles.removedBeforeTheNewOneWasMade(old, current)) {
            losses.notRead(
                    ctx,
                    "rotated since the last look: the old file was read to its end (offset " + old.position()
                            + ") and removed (no rotated file kept: rotate 0) before the new one was made: rotated"
                            + " twice or more, a file named in between was removed too, its lines with it (unless"
                            + " the server made the new log itself after the old one was removed, as with"
                            + " nocreate): lines may have been lost");
        }
    }

    /**
     * Whether the path is a rotated name of another path followed ({@code access.log.1}, matched by a glob
     * beside {@code access.log}): {@code rotate 0} is no rotation of it. Before, with copytruncate and
     * delaycompress, its old file gzipped away a few ms before the new copy was made was said to be a
     * rotation twice over of a log that keeps no rotated file, "lines may have been lost" (a false LOST,
     * seen now and then under load, when the file times fell into different ticks).
     */
    private boolean isRotatedNameOfAnother(TailContext ctx) {
        String name = path.getFileName().toString();
        for (WatchedPath w : ctx.paths) {
            if (!w.path.equals(path)
                    && java.util.Objects.equals(w.path.getParent(), path.getParent())
                    && WatchedPath.rotatedName(w.path.getFileName().toString(), name, false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Files named only between two looks were read ({@code between}), so the log was rotated twice or
     * more; the file the path named at the last look ({@code old}, drained through its open handle) was
     * rotated first. Its own rotated self, plain or compressed, is the proof that nothing was rotated in
     * between it and them and removed: when it is gone (a small {@code rotate} count, such as {@code
     * rotate 1} with {@code compress}, removes each copy at the next rotation), files rotated between it
     * and the oldest one read may have gone the same way, their lines with them. Which, and whether any,
     * no file left tells (exactly two rotations with {@code rotate 1} lose nothing, three lose the middle
     * file, and both leave the same files): said {@link Kind#LOST}, as lines that may have been lost.
     */
    private void olderGone(TailContext ctx, OpenFile old, List<Path> between) {
        if (old.position() == 0 || siblings.lastModified() == null) {
            return; // empty: nothing to tell its compressed self by
        }
        TailContext.ReadTo read = new TailContext.ReadTo(old.position(), old.lastBytes());
        try {
            // its .gz is as new as its last write (gzip keeps the time) or newer: since the last look's
            for (Sibling f : siblings.rotated(true, siblings.lastModified().minusSeconds(1))) {
                if (old.key.equals(f.attrs().fileKey())
                        || (Copies.isGzip(f.path())
                                && !between.contains(f.path())
                                && isCopyOfOld(f.path(), old, read))) {
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
        losses.notRead(
                ctx,
                "rotated " + (between.size() + 1) + " times or more since the last look: the old file was read to"
                        + " its end (offset " + old.position() + "), then " + names + "; the old file is under no"
                        + " rotated name any more, plain or compressed (removed by a later rotation: a small rotate"
                        + " count), so lines may have been lost: rotated more than twice, the files rotated between"
                        + " it and " + between.getFirst().getFileName()
                        + " are gone too, and nothing left tells whether it was (twice loses nothing)");
    }

    /** Whether {@code gz} is {@code old}'s: whole or cut short ({@link Copies#isCopyOf}, {@link OpenFile#beginsAs}). */
    private static boolean isCopyOfOld(Path gz, OpenFile old, TailContext.ReadTo read) {
        if (Copies.isCopyOf(gz, read)) {
            return true;
        }
        TailContext.ReadTo end = Copies.endOf(gz);
        return end != null && old.beginsAs(end);
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
            found = siblings.rotatedSince(true);
        } catch (IOException e) {
            siblings.cannotList(ctx, e);
            return;
        }
        for (Sibling f : found) {
            Object k = f.attrs().fileKey();
            if (!Copies.isGzip(f.path())
                    || known.knowsFile(f.attrs())
                    || Files.exists(Copies.plainOf(f.path()))) { // still being compressed: its plain self is read
                continue;
            }
            known.add(f.attrs());
            if (holdsOneRead(ctx, f.path())) {
                // a file read here or by another path (a glob's): the usual rotation with compress,
                // seen late. Streamed, not unpacked whole: a day's big log is more than a copy may be
                continue;
            }
            Copies.Read all = copies.readWhole(ctx, f);
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
     * Whether {@code file} (compressed) holds, up to where it was read or as far as it goes ({@link
     * Copies#isCopyOf}), a file read by any path of the tailer: open now, drained, or closed a moment ago.
     */
    private static boolean holdsOneRead(TailContext ctx, Path file) {
        List<TailContext.ReadTo> read = new ArrayList<>(ctx.recentlyRead());
        for (WatchedPath w : ctx.paths) {
            w.readTo(read);
        }
        for (TailContext.ReadTo r : read) {
            if (r.offset() > 0 && r.before().length > 0 && Copies.isCopyOf(file, r)) {
                return true;
            }
        }
        TailContext.ReadTo end = Copies.endOf(file);
        if (end != null) {
            for (WatchedPath w : ctx.paths) {
                if (w.readsOneBegunAs(end)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One listing of the rotated names; returns how many unread files it found and read. */
    private int skippedOnce(TailContext ctx, Instant now, Object newKey, List<Path> between)
            throws InterruptedException {
        List<Sibling> found = new ArrayList<>();
        try {
            for (Sibling f : siblings.rotatedSince(false)) {
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
            siblings.cannotList(ctx, e);
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
    boolean readRotated(TailContext ctx, Instant now, Sibling f, long from, String why) throws InterruptedException {
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
            losses.notRead(
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
}
