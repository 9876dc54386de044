package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journald source against the real journalctl reading a real journal file, written by
 * systemd-journal-remote (Debian's systemd-journal-remote; no running journald needed) into a
 * directory read with {@code --directory} ({@code auth.journal_directory}). A backfill and its
 * follower meet at an entry, not a second: an entry in the very second of the seam is read once.
 */
class JournaldRealJournalTest {

    private static final Path REMOTE = List.of(
                    Path.of("/lib/systemd/systemd-journal-remote"), Path.of("/usr/lib/systemd/systemd-journal-remote"))
            .stream()
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    private static final String BOOT = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path tmp;

    private long monotonic = 1000;

    /** One journal entry in the export format, as journald would have recorded it. */
    private String entry(Instant at, String comm, String message) {
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
        monotonic += 1000;
        return "__REALTIME_TIMESTAMP=" + micros + "\n__MONOTONIC_TIMESTAMP=" + monotonic + "\n_BOOT_ID=" + BOOT
                + "\n_COMM=" + comm + "\n_PID=42\n_UID=0\n_HOSTNAME=web1\nMESSAGE=" + message + "\n\n";
    }

    /** Appends entries to the journal file in {@code dir}, as journald does. */
    private void journal(Path dir, String... entries) throws Exception {
        Path export = Files.createTempFile(tmp, "entries", ".export");
        Files.writeString(export, String.join("", entries));
        Process p = new ProcessBuilder(
                        REMOTE.toString(), "--output=" + dir.resolve("remote.journal"), export.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    @Test
    void aBackfillAndItsFollowerReadEachEntryOnceFromAJournalDirectory() throws Exception {
        assumeTrue(REMOTE != null, "systemd-journal-remote is not installed (apt-get install systemd-journal-remote)");
        assumeTrue(new ProcessBuilder("journalctl", "--version").start().waitFor() == 0, "journalctl is not installed");
        Path dir = Files.createDirectories(tmp.resolve("journal"));
        Instant second = Instant.now().minusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        journal(
                dir,
                entry(second.minusSeconds(60), "sshd", "Failed password for root from 203.0.113.7 port 5 ssh2"),
                entry(second.minusSeconds(59), "cron", "pam_unix(cron:session): session opened for user root"),
                entry(second.plusMillis(100), "sshd-session", "Invalid user admin from 2001:db8::5 port 6"));

        InstantSource clock = InstantSource.system();
        JournaldSource backfill = JournaldSource.backfill(
                        "journalctl", second.minusSeconds(3600), clock, (n, s, d) -> {})
                .directory(dir);
        List<SourceEvent> past = new CopyOnWriteArrayList<>();
        backfill.run(past::add);
        assertThat(backfill.health().status()).as(backfill.health().detail()).isEqualTo(SourceStatus.DONE);
        assertThat(past).hasSize(2); // the cron entry is not sshd's: journalctl's matches left it out
        assertThat(((AuthAttempt) past.get(0)).kind()).isEqualTo(AuthKind.FAILED_PASSWORD);
        assertThat(((AuthAttempt) past.get(1)).ip().toString()).isEqualTo("2001:db8::5");

        JournaldSource follower = JournaldSource.after(backfill, Duration.ofSeconds(30), clock, (n, s, d) -> {});
        List<SourceEvent> live = new CopyOnWriteArrayList<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                follower.run(live::add);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (follower.health().status() != SourceStatus.OK) { // journalctl started, following
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
            // written after the backfill, in the same second as the last entry it read
            journal(
                    dir,
                    entry(second.plusMillis(600), "sshd", "Failed password for ops from 198.51.100.9 port 7 ssh2"));
            while (live.isEmpty()) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
            Thread.sleep(500); // time for a double to show up, if the seam were by second
        } finally {
            t.interrupt();
            t.join(5000);
        }
        assertThat(live).hasSize(1);
        AuthAttempt fresh = (AuthAttempt) live.getFirst();
        assertThat(fresh.ip().toString()).isEqualTo("198.51.100.9");
        assertThat(fresh.time()).isEqualTo(second.plusMillis(600));
    }
}
