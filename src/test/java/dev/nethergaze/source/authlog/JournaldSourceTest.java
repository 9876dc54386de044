package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journald source against a fake journalctl (a script that records its arguments and prints JSON). */
class JournaldSourceTest {

    @TempDir
    Path dir;

    private Path fake(String body) throws Exception {
        Path script = dir.resolve("journalctl");
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static String entry(String cursor, long micros, String comm, String message) {
        return "{\"__CURSOR\":\"" + cursor + "\",\"__REALTIME_TIMESTAMP\":\"" + micros + "\",\"_COMM\":\"" + comm
                + "\",\"_PID\":\"42\",\"MESSAGE\":\"" + message + "\"}";
    }

    @Test
    void readsSshdEntriesAndResumesAfterTheCursorWhenJournalctlExits() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the fake journalctl");
        Path args = dir.resolve("args");
        String lines = String.join(
                "\n",
                entry("c1", 1_741_564_800_000_000L, "sshd-session", "Invalid user admin from 203.0.113.7 port 5"),
                entry(
                        "c2",
                        1_741_564_801_000_000L,
                        "sshd-session",
                        "Failed password for invalid user admin from 203.0.113.7 port 5 ssh2"),
                entry("c3", 1_741_564_802_000_000L, "sshd", "Accepted publickey for ops from 2001:db8::4 port 6 ssh2"),
                "not json at all");
        Path script = fake("echo \"$@\" >> " + args + "\ncat <<'EOF'\n" + lines + "\nEOF\n");
        List<SourceEvent> events = new CopyOnWriteArrayList<>();
        JournaldSource src = new JournaldSource(
                script.toString(),
                null,
                Duration.ofMillis(100),
                InstantSource.fixed(Instant.parse("2025-03-10T00:00:00Z")),
                (n, s, d) -> {});
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                src.run(events::add);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Files.notExists(args) || Files.readAllLines(args).size() < 2) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        t.interrupt();
        t.join(5000);
        assertThat(t.isAlive()).isFalse();

        List<String> calls = Files.readAllLines(args);
        assertThat(calls.get(0)).isEqualTo("-f -o json --no-pager --lines=0 _COMM=sshd _COMM=sshd-session");
        assertThat(calls.get(1)).isEqualTo("-f -o json --no-pager --after-cursor=c3 _COMM=sshd _COMM=sshd-session");
        List<AuthAttempt> first =
                events.stream().map(AuthAttempt.class::cast).limit(2).toList();
        assertThat(first).extracting(AuthAttempt::kind).containsExactly(AuthKind.INVALID_USER, AuthKind.ACCEPTED);
        assertThat(first.get(0).time()).isEqualTo(Instant.parse("2025-03-10T00:00:00Z"));
        assertThat(src.health().malformed()).isPositive();
        assertThat(src.health().status()).isIn(SourceStatus.ERROR, SourceStatus.OK);
    }

    @Test
    void aMissingJournalctlIsReportedNotThrown() throws Exception {
        List<String> reports = new CopyOnWriteArrayList<>();
        JournaldSource src = new JournaldSource(
                dir.resolve("no-such-journalctl").toString(),
                null,
                Duration.ofSeconds(30),
                InstantSource.system(),
                (n, s, d) -> reports.add(d));
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                src.run(e -> {});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (reports.isEmpty()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        t.interrupt();
        t.join(5000);
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0)).contains("cannot start").doesNotContain("\n");
        assertThat(src.health().status()).isEqualTo(SourceStatus.ERROR);
    }

    @Test
    void realJournalctlWhenSystemdRuns() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/run/systemd/system")), "systemd is not running here");
        JournaldSource src = new JournaldSource(
                "journalctl",
                Instant.now().minusSeconds(60),
                Duration.ofSeconds(30),
                InstantSource.system(),
                (n, s, d) -> {});
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                src.run(e -> {});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(1500);
        t.interrupt();
        t.join(5000);
        assertThat(src.health().status()).isEqualTo(SourceStatus.OK);
    }

    /**
     * A backfill reads the range once (no -f), ends DONE when journalctl exits cleanly and ERROR, once,
     * when it fails; it is finite, so live mode judges it first on its own time.
     */
    @Test
    void aBackfillReadsTheRangeOnceAndEnds() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the fake journalctl");
        Path args = dir.resolve("args");
        String lines = entry(
                "c1", 1_741_564_800_000_000L, "sshd-session", "Failed password for root from 203.0.113.7 port 5 ssh2");
        Instant since = Instant.parse("2025-03-09T23:00:00Z");
        Instant until = Instant.parse("2025-03-10T00:00:00Z");
        for (int status : new int[] {0, 1}) {
            Files.deleteIfExists(args);
            Path script = fake("echo \"$@\" >> " + args + "\ncat <<'EOF'\n" + lines + "\nEOF\nexit " + status + "\n");
            List<SourceEvent> events = new CopyOnWriteArrayList<>();
            List<String> reports = new CopyOnWriteArrayList<>();
            JournaldSource src = JournaldSource.backfill(
                    script.toString(), since, until, InstantSource.fixed(until), (n, s, d) -> reports.add(d));
            assertThat(src.finite()).isTrue();
            src.run(events::add); // returns: nothing to follow

            assertThat(Files.readAllLines(args))
                    .containsExactly("-o json --no-pager --since=@1741561200 --until=@1741564800 _COMM=sshd"
                            + " _COMM=sshd-session");
            assertThat(events).hasSize(1);
            assertThat(((AuthAttempt) events.getFirst()).kind()).isEqualTo(AuthKind.FAILED_PASSWORD);
            if (status == 0) {
                assertThat(src.health().status()).isEqualTo(SourceStatus.DONE);
            } else {
                assertThat(src.health().status()).isEqualTo(SourceStatus.ERROR);
                assertThat(src.health().detail()).contains("exited with status 1");
            }
        }
    }
}
