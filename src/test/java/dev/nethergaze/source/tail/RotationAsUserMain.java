package dev.nethergaze.source.tail;

import static dev.nethergaze.source.tail.TailHarness.append;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Runs one rotation of {@code args[1]}'s kind on a log in a new directory under {@code args[0]}, with
 * files only the kernel can refuse to this user (run as nobody when the tests run as root): prints
 * the lines read, the tailer's problems after the rotation and once it stopped, how often it said
 * each kind, and how often it waited within a look (to read a copy again).
 *
 * <ul>
 *   <li>{@code unreadable-between}: rotated twice between two looks, the file named only in between
 *       (access.log.1) unreadable.
 *   <li>{@code unlistable}: a rename rotation in a directory this user may enter but not list, which
 *       is made listable again before a second rotation.
 *   <li>{@code unlistable-copytruncate}: copytruncate in such a directory.
 *   <li>{@code unlistable-startup}: the log at start-up rotated away before the tailer's first look,
 *       in such a directory.
 *   <li>{@code unreadable-copy}: copytruncate, the copy (access.log.1) unreadable.
 *   <li>{@code unreadable-newer-copy}: copytruncate twice between two looks, the older copy (the old
 *       file's, access.log.2) readable, the newer one (access.log.1) not; {@code -gz}: both compressed;
 *       {@code -same-time}: both of one time (made in one tick of the file clock).
 * </ul>
 */
public final class RotationAsUserMain {

    private RotationAsUserMain() {}

    public static void main(String[] args) throws Exception {
        System.out.print(run(Path.of(args[0]), args[1]));
    }

    static String run(Path parent, String scenario) throws Exception {
        Path dir = Files.createDirectory(parent.resolve("logs"));
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        TailConfig config = TailConfig.defaults();
        if (scenario.equals("unlistable-startup")) {
            append(log, "s1\n");
            config = config.withHandover(Handover.of(List.of(log.toString())));
            append(log, "s2\n"); // after start-up: for the tailer, which finds it rotated away
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("-wx------"));
            Files.move(log, dir.resolve("access.log.1"));
        }
        TailHarness rec = new TailHarness();
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));
        StringBuilder out = new StringBuilder();
        java.util.concurrent.atomic.AtomicInteger waits = new java.util.concurrent.atomic.AtomicInteger();
        try (FileTailer t = new FileTailer(List.of(log.toString()), config.withClock(now::get), rec, rec)) {
            t.pauseWith(d -> waits.incrementAndGet());
            Runnable poll = () -> {
                now.set(now.get().plusMillis(250));
                try {
                    t.pollOnce();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            };
            poll.run();
            append(log, "a1\na2\n");
            poll.run();
            switch (scenario) {
                case "unreadable-between" -> {
                    Files.move(log, dir.resolve("access.log.1"));
                    append(log, "b1\nb2\n");
                    Files.move(dir.resolve("access.log.1"), dir.resolve("access.log.2"));
                    Files.move(log, dir.resolve("access.log.1"));
                    Files.setPosixFilePermissions(dir.resolve("access.log.1"), java.util.Set.of());
                    append(log, "c1\n");
                }
                case "unlistable" -> {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("-wx------"));
                    Files.move(log, dir.resolve("access.log.1"));
                    append(log, "b1\n");
                }
                case "unlistable-startup" -> append(log, "b1\n"); // a1, a2: the new log's
                case "unlistable-copytruncate" -> {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("-wx------"));
                    append(log, "a3\n");
                    TailHarness.copyTruncate(log, dir.resolve("access.log.1"), false);
                    append(log, "b1\n");
                }
                case "unreadable-copy" -> {
                    append(log, "a3\n");
                    TailHarness.copyTruncate(log, dir.resolve("access.log.1"), false);
                    Files.setPosixFilePermissions(dir.resolve("access.log.1"), java.util.Set.of());
                    append(log, "b1\n");
                }
                case "unreadable-newer-copy" -> newerCopyUnreadable(log, "", 1);
                case "unreadable-newer-copy-gz" -> newerCopyUnreadable(log, ".gz", 1);
                case "unreadable-newer-copy-same-time" -> newerCopyUnreadable(log, "", 0);
                default -> throw new IllegalArgumentException(scenario);
            }
            poll.run();
            poll.run();
            out.append("problems ").append(problems(t)).append('\n');
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            if (scenario.equals("unlistable")) {
                Files.move(log, dir.resolve("access.log.1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                append(log, "c1\n");
                poll.run();
            }
            poll.run();
            out.append("then ").append(problems(t)).append('\n');
        }
        out.append("lines ").append(rec.texts()).append('\n');
        for (TailEvent.Kind k : List.of(TailEvent.Kind.LOST, TailEvent.Kind.ERROR)) {
            out.append(k).append(" said ").append(rec.count(k)).append('\n');
        }
        out.append("waits ").append(waits.get()).append('\n');
        return out.toString();
    }

    /**
     * copytruncate twice (to access.log.1{@code suffix}, renamed to .2 at the second), the newer copy
     * made unreadable, its time {@code apart} seconds after the older one's; then a line written to the log.
     */
    private static void newerCopyUnreadable(Path log, String suffix, int apart) throws java.io.IOException {
        Path older = log.resolveSibling("access.log.2" + suffix);
        Path newer = log.resolveSibling("access.log.1" + suffix);
        append(log, "a3\n");
        TailHarness.copyTruncate(log, newer, !suffix.isEmpty());
        append(log, "b1\nb2\n");
        Files.move(newer, older);
        TailHarness.copyTruncate(log, newer, !suffix.isEmpty());
        Instant written = Instant.now().plusSeconds(1);
        Files.setLastModifiedTime(older, FileTime.from(written));
        Files.setLastModifiedTime(newer, FileTime.from(written.plusSeconds(apart)));
        Files.setPosixFilePermissions(newer, java.util.Set.of());
        append(log, "c1\n");
    }

    private static String problems(FileTailer t) {
        return t.problems().stream()
                .map(p -> p.kind() + " " + p.file().getFileName() + ": " + p.detail())
                .collect(Collectors.joining(" | ", "[", "]"));
    }
}
