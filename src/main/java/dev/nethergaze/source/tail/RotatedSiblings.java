package dev.nethergaze.source.tail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files next to one followed path under its rotated names ({@code access.log.1}, {@code
 * access.log-20261204}, {@code access.1.log} of logrotate's {@code extension}, their {@code .gz}), listed as of the path's last look; a listing that fails
 * is a {@link Troubles.Side#LISTING} trouble of the path until one succeeds.
 */
final class RotatedSiblings {

    private final Path path;
    private final Troubles troubles;
    /** When the path last named the open file (the previous poll that read it); null before. */
    private Instant lastRead;
    /**
     * The log's modification time at that poll: a copy made since is at least as new, also one whose
     * time logrotate set to the log's own when the reader was behind the log by more than a look.
     */
    private Instant lastModified;

    RotatedSiblings(Path path, Troubles troubles) {
        this.path = path;
        this.troubles = troubles;
    }

    /** The path named the open file at {@code read} (a poll that read it), last modified at {@code modified}. */
    void looked(Instant read, Instant modified) {
        lastRead = read;
        lastModified = modified;
    }

    Instant lastRead() {
        return lastRead;
    }

    Instant lastModified() {
        return lastModified;
    }

    /** A file next to the path under a rotated name. */
    record Sibling(Path path, BasicFileAttributes attrs) {}

    /** Whether {@code name} is {@code base} under a rotated name, and {@code .gz} when {@code gzip}: {@link RotatedNames}. */
    static boolean rotatedName(String base, String name, boolean gzip) {
        return RotatedNames.rotated(base, name, gzip ? RotatedNames.GZIP : List.of());
    }

    /**
     * The regular files under the path's rotated names, as logrotate makes them: a number or a date
     * after a dot or a dash ({@code access.log.1}, {@code access.log-20261204}, and with {@code gzip}
     * their {@code .gz}; never other compressed ones; not another log such as {@code access.log-json})
     * written since the last look (copies: since the log's last write before it), oldest first.
     */
    List<Sibling> rotatedSince(boolean gzip) throws IOException {
        if (lastRead == null) {
            return new ArrayList<>();
        }
        // a copy's time may be the log's own (logrotate keeps it): as old as its last write before that look
        Instant look = gzip && lastModified != null && lastModified.isBefore(lastRead) ? lastModified : lastRead;
        return rotated(gzip, look.minusSeconds(1)); // file times may be whole seconds
    }

    /** The regular files under the path's rotated names written since {@code since} (null: all), oldest first. */
    List<Sibling> rotated(boolean gzip, Instant since) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir == null) {
            return new ArrayList<>();
        }
        String base = path.getFileName().toString();
        // a file renamed or removed between the listing and its look (logrotate renaming .2.gz to .3.gz
        // meanwhile): listed again, as its new name may have been passed. Before, that failed the whole
        // listing: a copytruncate copy was said LOST ("its copy could not be looked for") and read whole
        // at the next look, its lines read twice (black-box: rotate 3, copytruncate, delaycompress, three
        // runs in a row every 0.2 s at 5,000 lines/s: 942 lines twice, and a LOST note though none was)
        for (int pass = 0; pass < LISTINGS - 1; pass++) {
            try {
                return listOnce(dir, base, gzip, since, false);
            } catch (NoSuchFileException e) {
                // renamed while listed: list again
            }
        }
        return listOnce(dir, base, gzip, since, true);
    }

    private static final int LISTINGS = 5;

    /** One listing of {@link #rotated}; a file gone before its look is left out when {@code skipGone}, else thrown. */
    private List<Sibling> listOnce(Path dir, String base, boolean gzip, Instant since, boolean skipGone)
            throws IOException {
        List<Sibling> found = new ArrayList<>();
        try (var files = Files.newDirectoryStream(dir, RotatedNames.of(base))) {
            for (Path p : files) {
                if (!rotatedName(base, p.getFileName().toString(), gzip)) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = attributes(p);
                } catch (NoSuchFileException e) {
                    if (!skipGone) {
                        throw e;
                    }
                    continue;
                }
                if (a != null
                        && a.isRegularFile()
                        && (since == null || !a.lastModifiedTime().toInstant().isBefore(since))) {
                    found.add(new Sibling(p, a));
                }
            }
        }
        troubles.clear(Troubles.Side.LISTING);
        found.sort(Comparator.comparing((Sibling f) -> f.attrs().lastModifiedTime())
                .thenComparing((a, b) -> byName(base, a.path(), b.path())));
        return found;
    }

    /**
     * Whether a file under the path's rotated names, compressed otherwise than with gzip ({@code
     * access.log.1.bz2}: not read here), was made since {@code since} (by its birth time).
     */
    boolean compressedOtherwiseSince(Instant since) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir == null) {
            return false;
        }
        String base = path.getFileName().toString();
        try (var files = Files.newDirectoryStream(dir, RotatedNames.of(base))) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (rotatedName(base, name, false) || rotatedName(base, name, true)) {
                    continue; // plain or gzip: listed and read
                }
                BasicFileAttributes a =
                        RotatedNames.rotated(base, name, RotatedNames.COMPRESSIONS) ? attributes(p) : null;
                if (a != null && !a.creationTime().toInstant().isBefore(since)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Which of two rotated files of one time is older, by their names: files written in one tick of the
     * file clock (logrotate's delaycompress gzipping access.log.1 to .2.gz right before it copies the
     * log to .1; two copytruncates close together) have the same time, and the directory lists them in
     * its own order. Of two counts, the higher is older (each rotation renames them one up); dates, and
     * anything else, in the order of their text.
     */
    private static int byName(String base, Path a, Path b) {
        String x = suffix(base, a);
        String y = suffix(base, b);
        if (count(x) != count(y)) {
            return count(x) ? 1 : -1; // one order for all (a count and a date of one time: not known)
        }
        if (count(x)) {
            int n = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
            if (n != 0) {
                return -n;
            }
        }
        return a.getFileName().toString().compareTo(b.getFileName().toString());
    }

    /** Whether a stamp is logrotate's count ("1", "12"): digits, fewer than a date's ("20261204"). */
    private static boolean count(String s) {
        return !s.isEmpty() && s.length() < 8 && s.chars().allMatch(RotatedNames::digit);
    }

    /** The count or date of a rotated name, without {@code .gz}: "2", "20261204" ({@link RotatedNames#stamp}). */
    private static String suffix(String base, Path p) {
        return RotatedNames.stamp(base, p.getFileName().toString(), RotatedNames.GZIP);
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
     * The rotated names next to the path cannot be listed: an {@link Kind#ERROR} of the path until a
     * listing succeeds (tried at each poll meanwhile), as lines only in a rotated file are not found.
     */
    void cannotList(TailContext ctx, IOException e) {
        troubles.set(
                ctx,
                Troubles.Side.LISTING,
                path,
                "looking for its rotated files in " + path.toAbsolutePath().getParent() + ": " + IoErrors.describe(e)
                        + "; lines only in one of them (a file it named only between two looks, a copytruncate"
                        + " copy) are not read");
    }

    /** Lists the rotated names once more, which clears a listing failure when it succeeds. */
    void listAgain() {
        try {
            rotated(true, Instant.MAX);
        } catch (IOException e) {
            // still failing: said once already
        }
    }
}
