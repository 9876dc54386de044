package dev.nethergaze.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.ClientResolver;
import dev.nethergaze.source.replay.FileReplay;
import dev.nethergaze.source.replay.LogKind;
import dev.nethergaze.source.replay.TimeWindow;
import dev.nethergaze.source.tail.Handover;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * logrotate runs while a {@code --since} backfill is under way, after it listed its files and before it
 * reads them: each file listed is read by its identity (device and inode), under the name it has when
 * it is read, so every request counts once. Before, a file was looked up by its name when read: the
 * name access.log.1 then named the start-up log (read in its place, up to its start-up size), and
 * access.log a new log (none of it the backfill's), so the old access.log.1's requests were lost.
 */
class BackfillRotationListedTest {

    /** --since 09:00, started at 10:00:02. */
    private static final TimeWindow WINDOW =
            new TimeWindow(Instant.parse("2026-11-30T09:00:00Z"), Instant.parse("2026-11-30T10:00:02Z"));

    private static final FileReplay.Options OPTIONS =
            new FileReplay.Options(AccessFormat.AUTO, ClientResolver.DIRECT, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void filesRotatedAfterTheListingAreReadByTheirIdentity() throws Exception {
        Path log = Files.writeString(dir.resolve("access.log"), hit("09:30:00", 2));
        Path one = Files.writeString(dir.resolve("access.log.1"), hit("09:10:00", 1));
        Handover handover = Handover.of(List.of(log.toString())); // start-up
        Files.writeString(log, hit("10:00:05", 3), StandardOpenOption.APPEND); // the tailer's
        List<FileReplay> listed = List.of(
                new FileReplay(one, OPTIONS, WINDOW, handover, LogKind.ACCESS),
                new FileReplay(log, OPTIONS, WINDOW, handover, LogKind.ACCESS));

        Files.move(one, dir.resolve("access.log.2")); // logrotate, between the listing and the reading
        Files.move(log, one);
        Files.writeString(log, hit("10:00:06", 4));

        List<HttpHit> read = new ArrayList<>();
        for (FileReplay r : listed) {
            r.run(e -> read.add((HttpHit) e));
        }
        assertThat(read).extracting(HttpHit::target).containsExactly("/1", "/2");
        assertThat(listed).allSatisfy(r -> assertThat(r.health().detail()).doesNotContain("not read"));
    }

    /** Removed since it was listed (compressed under a new inode, or deleted): said, naming it, not read. */
    @Test
    void aListedFileGoneBeforeItIsReadIsSaidNotRead() throws Exception {
        Path one = Files.writeString(dir.resolve("access.log.1"), hit("09:10:00", 1));
        FileReplay r = new FileReplay(one, OPTIONS, WINDOW, Handover.NONE, LogKind.ACCESS);
        Path other = Files.writeString(dir.resolve("next"), hit("09:20:00", 9)); // not given the old inode
        Files.delete(one);
        Files.move(other, one); // another file under the listed name

        List<HttpHit> read = new ArrayList<>();
        r.run(e -> read.add((HttpHit) e));
        assertThat(read).isEmpty();
        assertThat(r.health().detail())
                .contains(one + ": rotated away since it was listed, and no file next to it is that file any more"
                        + " (compressed, or removed): not read");
    }

    private static String hit(String time, int n) {
        return "203.0.113.9 - - [30/Nov/2026:" + time + " +0000] \"GET /" + n + " HTTP/1.1\" 200 5 \"-\" \"curl\"\n";
    }
}
