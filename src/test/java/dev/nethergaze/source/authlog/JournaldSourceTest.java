package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.SourceStatuses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /** A journald directory holding one journal file, as /var/log/journal/MACHINE-ID/system.journal. */
    private List<Path> journal() throws Exception {
        Path machine = Files.createDirectories(dir.resolve("journal/0123456789abcdef"));
        Files.writeString(machine.resolve("system.journal"), "LPKSHHRH");
        return List.of(dir.resolve("journal"));
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
                        (n, s, d) -> {})
                .journalDirs(journal());
        runUntil(src, events, () -> callsAtLeast(args, 2));

        List<String> calls = Files.readAllLines(args);
        assertThat(calls.get(0))
                .isEqualTo(
                        "-f -o json --no-pager --since=@1741564800 _COMM=sshd _COMM=sshd-session _COMM=dropbear + SYSLOG_IDENTIFIER=sshd SYSLOG_IDENTIFIER=sshd-session SYSLOG_IDENTIFIER=dropbear _UID=0");
        assertThat(calls.get(1))
                .isEqualTo(
                        "-f -o json --no-pager --after-cursor=c3 _COMM=sshd _COMM=sshd-session _COMM=dropbear + SYSLOG_IDENTIFIER=sshd SYSLOG_IDENTIFIER=sshd-session SYSLOG_IDENTIFIER=dropbear _UID=0");
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
        runUntil(src, new CopyOnWriteArrayList<>(), () -> !reports.isEmpty());
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
                            script.toString(), since, InstantSource.fixed(until), (n, s, d) -> reports.add(d))
                    .journalDirs(journal());
            assertThat(src.finite()).isTrue();
            src.run(events::add); // returns: nothing to follow

            assertThat(Files.readAllLines(args))
                    .containsExactly(
                            "-o json --no-pager --since=@1741561200 _COMM=sshd"
                                    + " _COMM=sshd-session _COMM=dropbear + SYSLOG_IDENTIFIER=sshd SYSLOG_IDENTIFIER=sshd-session SYSLOG_IDENTIFIER=dropbear _UID=0");
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

    /**
     * A journal entry whose sshd host is written as an address that is none is unparsed, and said so in
     * the words every source uses (an entry has no place to name); before, "1 unparsed" alone.
     */
    @Test
    void anEntryWhoseHostIsNoAddressIsSaidSo() throws Exception {
        JournaldSource src = backfillAfterOneGoodEntry("Failed password for root from 256.1.1.1 port 5 ssh2");
        assertThat(src.health().malformed()).isEqualTo(1);
        assertThat(src.health().detail()).endsWith("; 1 unparsed; its client field is not a valid address");
    }

    /** An entry naming its client by host name (sshd's UseDNS) is not used, and said, as a file's line is. */
    @Test
    void anEntryNamingItsClientByHostNameIsSaidSo() throws Exception {
        JournaldSource src = backfillAfterOneGoodEntry("Failed password for root from scanner.example.net port 5 ssh2");
        assertThat(src.health().malformed()).isZero();
        assertThat(src.health().detail())
                .endsWith("; 1 line naming the client by host name, not address, not used (Apache HostnameLookups or"
                        + " sshd UseDNS on? log addresses)");
    }

    /**
     * A backfill of an sshd entry with {@code message}, then a failed password from 203.0.113.7, run to
     * its end: that one attempt is the only event, whatever the first entry is.
     */
    private JournaldSource backfillAfterOneGoodEntry(String message) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the fake journalctl");
        String lines = entry("c1", 1_741_564_800_000_000L, "sshd-session", message)
                + "\n"
                + entry(
                        "c2",
                        1_741_564_801_000_000L,
                        "sshd-session",
                        "Failed password for root from 203.0.113.7 port 5 ssh2");
        Path script = fake("cat <<'EOF'\n" + lines + "\nEOF\n");
        JournaldSource src = JournaldSource.backfill(
                        script.toString(),
                        Instant.parse("2025-03-09T23:00:00Z"),
                        InstantSource.fixed(Instant.parse("2025-03-10T00:00:00Z")),
                        (n, s, d) -> {})
                .journalDirs(journal());
        List<SourceEvent> events = new CopyOnWriteArrayList<>();
        src.run(events::add);
        assertThat(events).extracting(e -> ((AuthAttempt) e).ip().toString()).containsExactly("203.0.113.7");
        return src;
    }

    /**
     * The follower after a backfill starts only when the backfill has ended, after the last entry it
     * read: entries of the backfill's last second written before and after the seam are each read once
     * (by second, journalctl's --until and --since both took the second of the seam, and its entries
     * twice). A backfill that read nothing hands over its own start.
     */
    @Test
    void theFollowerGoesOnAfterTheBackfillsLastEntry() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the fake journalctl");
        Path args = dir.resolve("args");
        Path released = dir.resolve("released");
        long second = 1_741_564_800_000_000L; // every entry in one second: the seam's
        String old = String.join(
                "\n",
                entry("c1", second, "sshd", "Failed password for root from 203.0.113.7 port 5 ssh2"),
                entry("c2", second + 300_000, "sshd", "Failed password for root from 203.0.113.7 port 5 ssh2"));
        String fresh = entry("c3", second + 600_000, "sshd", "Failed password for root from 203.0.113.7 port 5 ssh2");
        // the backfill (no -f) waits until the test releases it (10 s at most: a failed test leaves no
        // process behind), prints the old entries and ends; the follower (-f) prints the new one and follows
        Path script = fake("echo \"$@\" >> " + args + "\ncase \"$1\" in -f) cat <<'EOF'\n" + fresh
                + "\nEOF\nexec sleep 30;; esac\ni=0\nwhile [ ! -e " + released + " ] && [ $i -lt 500 ]; do sleep 0.02;"
                + " i=$((i+1)); done\ncat <<'EOF'\n"
                + old + "\nEOF\n");
        Instant since = Instant.parse("2025-03-09T23:00:00Z");
        InstantSource clock = InstantSource.fixed(Instant.parse("2025-03-10T00:00:00.500Z"));
        JournaldSource backfill = JournaldSource.backfill(script.toString(), since, clock, (n, s, d) -> {})
                .journalDirs(journal());
        JournaldSource follower = JournaldSource.after(backfill, Duration.ofSeconds(30), clock, (n, s, d) -> {})
                .journalDirs(journal());
        assertThat(follower.finite()).isFalse();

        List<SourceEvent> live = new CopyOnWriteArrayList<>();
        Thread f = started(follower, live);
        List<SourceEvent> past = new CopyOnWriteArrayList<>();
        Thread b = started(backfill, past);
        while (!callsAtLeast(args, 1)) {
            Thread.sleep(10);
        }
        Thread.sleep(200); // the follower has had time to start journalctl, and must not have
        assertThat(Files.readAllLines(args)).hasSize(1);
        assertThat(follower.health().status()).isEqualTo(SourceStatus.STARTING);
        Files.writeString(released, "");
        b.join(10_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (live.isEmpty()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        f.interrupt();
        f.join(5000);

        assertThat(Files.readAllLines(args))
                .containsExactly(
                        "-o json --no-pager --since=@1741561200 " + MATCHES,
                        "-f -o json --no-pager --after-cursor=c2 " + MATCHES);
        assertThat(past).hasSize(2);
        assertThat(live).hasSize(1);
        assertThat(live.getFirst().time()).isEqualTo(Instant.parse("2025-03-10T00:00:00.600Z"));

        // a backfill that read nothing: the follower starts where the backfill did
        Files.delete(args);
        Path empty = fake("echo \"$@\" >> " + args + "\ncase \"$1\" in -f) exec sleep 30;; esac\n");
        JournaldSource none = JournaldSource.backfill(empty.toString(), since, clock, (n, s, d) -> {})
                .journalDirs(journal());
        none.run(e -> {});
        JournaldSource next = JournaldSource.after(none, Duration.ofSeconds(30), clock, (n, s, d) -> {})
                .journalDirs(journal());
        runUntil(next, new CopyOnWriteArrayList<>(), () -> callsAtLeast(args, 2));
        assertThat(Files.readAllLines(args).get(1)).isEqualTo("-f -o json --no-pager --since=@1741561200 " + MATCHES);
    }

    /**
     * {@code auth.journal_directory}: journalctl is given the directory (backfill and follower alike),
     * and the files are looked for there; none there is said at once, naming the setting.
     */
    @Test
    void aJournalDirectoryIsPassedOnAndLookedIn() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the fake journalctl");
        Path empty = Files.createDirectories(dir.resolve("mounted/journal"));
        Path script = fake("exit 0\n");
        Instant since = Instant.parse("2025-03-09T23:00:00Z");
        List<String> reports = new CopyOnWriteArrayList<>();
        JournaldSource backfill = JournaldSource.backfill(
                        script.toString(), since, InstantSource.fixed(since), (n, s, d) -> reports.add(s + " " + d))
                .directory(empty);
        assertThat(backfill.journalctl.command()).startsWith(script.toString(), "--directory=" + empty, "-o", "json");
        JournaldSource follower =
                JournaldSource.after(backfill, Duration.ofSeconds(30), InstantSource.fixed(since), (n, s, d) -> {});
        assertThat(follower.journalctl.command()).startsWith(script.toString(), "--directory=" + empty, "-f");
        backfill.run(e -> {});
        assertThat(backfill.health().status()).isEqualTo(SourceStatus.MISSING);
        assertThat(reports).containsExactly("MISSING no journal files in " + empty + " (auth.journal_directory)");
    }

    private static final String MATCHES =
            "_COMM=sshd _COMM=sshd-session _COMM=dropbear + SYSLOG_IDENTIFIER=sshd SYSLOG_IDENTIFIER=sshd-session SYSLOG_IDENTIFIER=dropbear _UID=0";

    /** What journalctl prints on stderr for a user outside adm and systemd-journal (systemd's journal-util.c). */
    private static final String HINT = """
            echo 'Hint: You are currently not seeing messages from other users and the system.' >&2
            echo "      Users in groups 'adm', 'systemd-journal' can see all messages." >&2
            echo '      Pass -q to turn off this notice.' >&2
            """;

    private static boolean callsAtLeast(Path args, int n) {
        try {
            return Files.exists(args) && Files.readAllLines(args).size() >= n;
        } catch (java.io.IOException e) {
            return false; // being written: asked again
        }
    }

    /**
     * A follower that reads minute-old entries while journalctl has more waiting is {@code behind}, with
     * how old they are; once it has caught up (nothing waiting, though the last entry is as old) it is
     * {@code ok} again. Every entry is read.
     */
    @Test
    void aFollowerReadingOldEntriesWithMoreWaitingIsBehindUntilItCatchesUp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the fake journalctl");
        Instant now = Instant.parse("2025-03-10T00:01:00Z");
        long micros = now.minusSeconds(60).toEpochMilli() * 1000;
        int entries = 4000;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < entries; i++) {
            out.append(entry(
                            "c" + i,
                            micros + i,
                            "sshd",
                            "Failed password for root from 203.0.113.7 port " + i + " ssh2"))
                    .append('\n');
        }
        Path backlog = Files.writeString(dir.resolve("backlog.json"), out);
        Path script = fake("cat " + backlog + "\nexec sleep 30\n"); // then quiet, as a caught-up journal
        AtomicBoolean slow = new AtomicBoolean(true);
        List<SourceEvent> events = new CopyOnWriteArrayList<>();
        JournaldSource src = new JournaldSource(
                        script.toString(), null, Duration.ofSeconds(30), InstantSource.fixed(now), (n, st, d) -> {})
                .journalDirs(journal());
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                src.run(e -> {
                    events.add(e);
                    if (slow.get()) {
                        Thread.sleep(2); // an engine slower than the journal
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            SourceStatuses.await(src, SourceStatus.BEHIND);
            assertThat(src.health().detail()).startsWith("reading entries 60 s old with more waiting");
            slow.set(false);
            SourceStatuses.await(src, SourceStatus.OK);
            assertThat(src.health().detail()).startsWith("following the journal");
            assertThat(events).hasSize(entries);
        } finally {
            t.interrupt();
            t.join(5000);
        }
    }

    /** A real pam_unix failure of sshd-session (no "Failed" entry of its pid follows it in these tests). */
    private static final String PAM_ENTRY = entry(
            "c1",
            1_741_564_800_000_000L,
            "sshd-session",
            "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.9  user=root");

    /**
     * A PAM-only failure that is the last sshd entry of a quiet journal counts once its wait is over by
     * the source's clock, with no entry after it (before: only when a later entry came).
     */
    @Test
    void aPamFailureThatEndsAQuietJournalCountsWhenItsWaitIsOver() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the fake journalctl");
        String line = PAM_ENTRY;
        Path script = fake("cat <<'EOF'\n" + line + "\nEOF\nexec sleep 30\n");
        java.util.concurrent.atomic.AtomicReference<Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(Instant.parse("2025-03-10T00:00:01Z"));
        JournaldSource src = new JournaldSource(
                        script.toString(), null, Duration.ofSeconds(30), now::get, (n, s, d) -> {})
                .journalDirs(journal());
        List<SourceEvent> events = new CopyOnWriteArrayList<>();
        Thread t = started(src, events);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (src.health().lines() < 1) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(events).isEmpty();
            now.set(now.get().plus(AttemptTracker.PAM_WAIT).plusSeconds(1));
            while (events.isEmpty()) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(events).singleElement().satisfies(JournaldSourceTest::isThePamFailureAtItsWaitsEnd);
        } finally {
            t.interrupt();
            t.join(5000);
        }
    }

    /**
     * A PAM failure still waiting for its "Failed" line when the backfill's journalctl ends is handed to
     * the follower, which counts it once its wait is over (before: dropped with the backfill's parser).
     */
    @Test
    void aPamFailureWaitingWhenTheBackfillEndsIsTheFollowersToCount() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the fake journalctl");
        java.util.concurrent.atomic.AtomicReference<Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(Instant.parse("2025-03-10T00:00:01Z"));
        JournaldSource backfill = pamBackfill("case \"$1\" in -f) exec sleep 30;; esac\n", now::get);
        List<SourceEvent> past = new CopyOnWriteArrayList<>();
        backfill.run(past::add);
        assertThat(past).isEmpty(); // still waiting
        JournaldSource follower = JournaldSource.after(backfill, Duration.ofSeconds(30), now::get, (n, s, d) -> {})
                .journalDirs(journal());
        List<SourceEvent> live = new CopyOnWriteArrayList<>();
        Thread t = started(follower, live);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (follower.health().status() != SourceStatus.OK) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
            Thread.sleep(1200); // the follower's first poll has set the wait's clock
            now.set(now.get().plus(AttemptTracker.PAM_WAIT).plusSeconds(1));
            while (live.isEmpty()) {
                assertThat(System.nanoTime())
                        .as("the waiting PAM failure was dropped")
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
            Thread.sleep(1200);
            assertThat(live).singleElement().satisfies(JournaldSourceTest::isThePamFailureAtItsWaitsEnd);
        } finally {
            t.interrupt();
            t.join(5000);
        }
    }

    /**
     * A one-shot's backfill ({@code snapshot --since}) counts the PAM failure still waiting at its end
     * then, at the last entry's time: its snapshot is taken there, and its follower would count it only
     * when the wait is over (before: dropped, then handed to a follower that never got to it).
     */
    @Test
    void aOneShotsBackfillCountsThePamFailureWaitingAtItsEnd() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the fake journalctl");
        JournaldSource backfill =
                pamBackfill("", () -> Instant.parse("2025-03-10T00:00:01Z")).countingWaitingAtEnd();
        List<SourceEvent> past = new CopyOnWriteArrayList<>();
        backfill.run(past::add);
        assertThat(past).singleElement().satisfies(e -> isThePamFailureAt(e, "2025-03-10T00:00:00Z"));
    }

    /**
     * A backfill from 23:00 whose fake journalctl runs {@code first} and then prints {@link #PAM_ENTRY},
     * on {@code clock}.
     */
    private JournaldSource pamBackfill(String first, java.time.InstantSource clock) throws Exception {
        Path script = fake(first + "cat <<'EOF'\n" + PAM_ENTRY + "\nEOF\n");
        return JournaldSource.backfill(script.toString(), Instant.parse("2025-03-09T23:00:00Z"), clock, (n, s, d) -> {})
                .journalDirs(journal());
    }

    /** {@link #PAM_ENTRY}'s failed password, counted at its wait's end. */
    private static void isThePamFailureAtItsWaitsEnd(SourceEvent e) {
        isThePamFailureAt(e, "2025-03-10T00:02:00Z");
    }

    /** {@link #PAM_ENTRY}'s failed password, counted at {@code time}. */
    private static void isThePamFailureAt(SourceEvent e, String time) {
        AuthAttempt a = (AuthAttempt) e;
        assertThat(a.kind()).isEqualTo(AuthKind.FAILED_PASSWORD);
        assertThat(a.ip()).hasToString("203.0.113.9");
        assertThat(a.time()).isEqualTo(Instant.parse(time));
    }

    /** Runs a source on a thread of its own, its events into {@code events}. */
    private static Thread started(JournaldSource src, List<SourceEvent> events) {
        return Thread.ofPlatform().start(() -> {
            try {
                src.run(events::add);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Runs a following source on another thread until {@code done} holds (10 s at most), then stops it. */
    private static void runUntil(JournaldSource src, List<SourceEvent> events, java.util.function.BooleanSupplier done)
            throws Exception {
        Thread t = started(src, events);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        t.interrupt();
        t.join(5000);
        assertThat(t.isAlive()).isFalse();
    }

    /**
     * journalctl run by a user outside adm/systemd-journal keeps running, prints no entry (sshd's are
     * the system's) and says why on stderr only: the source says it is blind, once, instead of "ok".
     */
    @Test
    void aUserWhoSeesOnlyItsOwnEntriesIsReportedAsPermissionDenied() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the fake journalctl");
        Path script = fake(HINT + "exec sleep 30\n");
        List<String> reports = new CopyOnWriteArrayList<>();
        JournaldSource src = new JournaldSource(
                script.toString(), null, Duration.ofSeconds(30), InstantSource.system(), (n, s, d) -> reports.add(d));
        runUntil(src, new CopyOnWriteArrayList<>(), () -> src.health().status() == SourceStatus.PERMISSION_DENIED);
        assertThat(src.health().detail()).contains("only its own entries").contains("systemd-journal");
        assertThat(reports).filteredOn(d -> d.contains("only its own entries")).hasSize(1);
    }

    /** A journalctl that fails says why on stderr; the source's error carries that line, not just the status. */
    @Test
    void anExitCarriesJournalctlsOwnReason() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the fake journalctl");
        Path script = fake("echo \"Failed to add match '_COMM=sshd-session': Invalid argument\" >&2\nexit 1\n");
        List<String> reports = new CopyOnWriteArrayList<>();
        JournaldSource src = new JournaldSource(
                script.toString(), null, Duration.ofSeconds(30), InstantSource.system(), (n, s, d) -> reports.add(d));
        runUntil(src, new CopyOnWriteArrayList<>(), () -> src.health().status() == SourceStatus.ERROR);
        assertThat(src.health().detail())
                .isEqualTo(script + " exited with status 1: Failed to add match '_COMM=sshd-session': Invalid"
                        + " argument; retrying in 30 s");
    }

    /** No journalctl on PATH (a box without systemd) is "missing", said plainly, not a Java exec error. */
    @Test
    void noJournalctlOnThePathIsMissing() throws Exception {
        List<String> reports = new CopyOnWriteArrayList<>();
        JournaldSource src = new JournaldSource(
                "nethergaze-test-no-such-journalctl",
                null,
                Duration.ofSeconds(30),
                InstantSource.system(),
                (n, s, d) -> reports.add(s.json() + ": " + d));
        runUntil(src, new CopyOnWriteArrayList<>(), () -> !reports.isEmpty());
        assertThat(reports)
                .containsExactly("missing: nethergaze-test-no-such-journalctl not found on PATH (no systemd here? give"
                        + " the auth log instead: --auth-log FILE); retrying in 30 s");
        assertThat(src.health().status()).isEqualTo(SourceStatus.MISSING);
    }

    /** A journalctl killed by a signal (a stop of the whole process group) is said so, not as a failure's status. */
    @Test
    void aJournalctlKilledBySignalIsSaidSo() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the fake journalctl");
        Path script = fake("kill -TERM $$\nsleep 5\n");
        JournaldSource src = new JournaldSource(
                script.toString(), null, Duration.ofSeconds(30), InstantSource.system(), (n, s, d) -> {});
        runUntil(src, new CopyOnWriteArrayList<>(), () -> src.health().status() == SourceStatus.ERROR);
        assertThat(src.health().detail()).isEqualTo(script + " was stopped by signal 15; retrying in 30 s");
    }

    /** A backfill that ran but could see nothing is not "done": it is reported as the cause. */
    @Test
    void aBlindBackfillIsNotDone() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the fake journalctl");
        for (String stderr : List.of(HINT, "echo 'No journal files were found.' >&2\n")) {
            Path script = fake(stderr + "exit 0\n");
            Instant until = Instant.parse("2025-03-10T00:00:00Z");
            JournaldSource src = JournaldSource.backfill(
                            script.toString(), until.minusSeconds(3600), InstantSource.fixed(until), (n, s, d) -> {})
                    .journalDirs(journal());
            src.run(e -> {});
            assertThat(src.health().status()).isIn(SourceStatus.PERMISSION_DENIED, SourceStatus.MISSING);
            assertThat(src.health().detail()).startsWith("journalctl");
        }
    }

    /** Much more on stderr than a pipe holds (journal files it skips, say) neither blocks nor loses an entry. */
    @Test
    void aChattyStderrDoesNotStallTheEntries() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the fake journalctl");
        String line =
                entry("c1", 1_741_564_800_000_000L, "sshd", "Failed password for root from 203.0.113.7 port 5 ssh2");
        Path script = fake("i=0\nwhile [ $i -lt 3000 ]; do echo \"Journal file /var/log/journal/x/system@$i.journal~ is"
                + " truncated, ignoring file.\" >&2; i=$((i+1)); done\ncat <<'EOF'\n" + line
                + "\nEOF\nexec sleep 30\n");
        List<SourceEvent> events = new CopyOnWriteArrayList<>();
        JournaldSource src = new JournaldSource(
                        script.toString(), null, Duration.ofSeconds(30), InstantSource.system(), (n, s, d) -> {})
                .journalDirs(journal());
        runUntil(src, events, () -> !events.isEmpty());
        assertThat(((AuthAttempt) events.getFirst()).kind()).isEqualTo(AuthKind.FAILED_PASSWORD);
        assertThat(src.health().status()).isEqualTo(SourceStatus.OK);
    }

    /**
     * No journal file at all (no journald, as in most containers): missing, not "ok". A journalctl -f
     * started then never shows the entries of a journald started later (systemd 252, SshdNamespaceIT),
     * so once a journal file appears journalctl is started again, from when the source started: the
     * entries written in between are read, and the source is ok.
     */
    @Test
    void noJournalFilesIsMissingUntilOneAppearsThenJournalctlStartsAgainFromTheStart() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the fake journalctl");
        Path args = dir.resolve("args");
        String line =
                entry("c1", 1_741_564_800_000_000L, "sshd", "Failed password for root from 203.0.113.7 port 5 ssh2");
        // the first start shows nothing, ever (no journal file then); the second, the entry
        Path script = fake("echo \"$*\" >> " + args + "\nif [ \"$(wc -l < " + args + ")\" -ge 2 ]; then cat <<'EOF'\n"
                + line + "\nEOF\nfi\nexec sleep 30\n");
        List<SourceEvent> events = new CopyOnWriteArrayList<>();
        Instant start = Instant.parse("2026-12-04T19:00:00Z");
        Path machine = Files.createDirectories(dir.resolve("run-log-journal/0123456789abcdef")); // empty yet
        JournaldSource src = new JournaldSource(
                        script.toString(), null, Duration.ofSeconds(30), InstantSource.fixed(start), (n, s, d) -> {})
                .journalDirs(List.of(dir.resolve("var-log-journal"), dir.resolve("run-log-journal")));
        boolean[] wasMissing = {false};
        runUntil(src, events, () -> {
            if (src.health().status() == SourceStatus.MISSING && !wasMissing[0]) {
                wasMissing[0] = true;
                // one clause after the places, not parentheses that a report's own around the detail nest
                assertThat(src.health().detail())
                        .isEqualTo("no journal files in " + dir.resolve("var-log-journal") + " or "
                                + dir.resolve("run-log-journal") + ": journald is not running here, or keeps nothing");
                assertThat(events).isEmpty();
                try {
                    Files.writeString(machine.resolve("system.journal"), "LPKSHHRH"); // journald started
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return !events.isEmpty() && src.health().status() == SourceStatus.OK;
        });
        assertThat(wasMissing[0]).as("was missing before the journal appeared").isTrue();
        assertThat(Files.readAllLines(args))
                .hasSize(2)
                .last()
                .asString()
                .startsWith("-f -o json --no-pager --since=@" + start.getEpochSecond() + " _COMM=sshd");
    }

    @Test
    void journalFilesAreFoundAtTheTopOrOneMachineDirectoryDown() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty/0123"));
        assertThat(JournalDiscovery.anyJournal(List.of(dir.resolve("absent"), empty.getParent())))
                .isFalse();
        assertThat(JournalDiscovery.anyJournal(journal())).isTrue();
        Files.writeString(empty.resolve("system@0001-0002.journal~"), "");
        assertThat(JournalDiscovery.anyJournal(List.of(empty.getParent()))).isTrue();
    }
}
