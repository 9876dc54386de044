package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.tail.TailConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A followed auth log holding {@code journalctl -o json} lines ({@code journalctl -o json -f > FILE}, a
 * container's shipped journal) is read as {@code replay} and {@code --auth-log -} read it: each JSON
 * line a journal entry, each other line a syslog line (tester report T, B6).
 */
class AuthLogJournalJsonTest {

    @TempDir
    Path dir;

    private static String entry(long micros, int pid, String message) {
        return "{\"__REALTIME_TIMESTAMP\": \"" + micros + "\", \"_COMM\": \"sshd\", \"SYSLOG_IDENTIFIER\": \"sshd\","
                + " \"_PID\": \"" + pid + "\", \"_UID\": \"0\", \"MESSAGE\": \"" + message + "\"}";
    }

    /** {@code log} followed from its start, polled every 20 ms, the clock at 2026-11-30T10:00:05Z. */
    static AuthLogSource fromStart(Path log) {
        TailConfig tail = TailConfig.defaults()
                .withFromStart(true)
                .withIntervals(Duration.ofMillis(20), Duration.ofSeconds(10), Duration.ofSeconds(2))
                .withClock(InstantSource.fixed(Instant.parse("2026-11-30T10:00:05Z")));
        return new AuthLogSource(List.of(log.toString()), tail, ZoneOffset.UTC, (n, s, d) -> {});
    }

    @Test
    void journalJsonLinesInAFollowedFileAreAttempts() throws Exception {
        long micros = Instant.parse("2026-11-30T10:00:01Z").toEpochMilli() * 1000;
        Path log = Files.write(
                dir.resolve("journal.json"),
                List.of(
                        entry(micros, 20, "Failed password for root from 198.51.100.20 port 22 ssh2"),
                        entry(micros + 1, 21, "Failed password for root from 198.51.100.21 port 22 ssh2"),
                        "Nov 30 10:00:02 host sshd[22]: Failed password for root from 198.51.100.22 port 22 ssh2",
                        entry(micros + 2, 23, "Accepted publickey for ops from 2001:db8::9 port 5151 ssh2")));
        AuthLogSource source = fromStart(log);
        ConcurrentLinkedQueue<AuthAttempt> got = new ConcurrentLinkedQueue<>();
        Thread reader = PamWaitLiveTest.follow(source, got);
        try {
            PamWaitLiveTest.waitFor(() -> source.health().lines() >= 4 && got.size() >= 4);
            assertThat(got)
                    .extracting(a -> a.kind() + " " + a.ip() + " " + a.time())
                    .containsExactly(
                            "FAILED_PASSWORD 198.51.100.20 2026-11-30T10:00:01Z",
                            "FAILED_PASSWORD 198.51.100.21 2026-11-30T10:00:01.000001Z",
                            "FAILED_PASSWORD 198.51.100.22 2026-11-30T10:00:02Z",
                            "ACCEPTED 2001:db8::9 2026-11-30T10:00:01.000002Z");
            assertThat(source.health().malformed()).isZero();
            assertThat(source.health().status()).isNotEqualTo(SourceStatus.ERROR);
        } finally {
            reader.interrupt();
            reader.join(5000);
        }
    }

    /**
     * sshd with UseDNS logs a host name where the address goes: the attempt is not used (a name is no
     * address to judge or block), and the file's entry says so with the first one's place, as it does
     * for an access log's (before: dropped without a word, the entry "ok" with nothing unparsed).
     */
    @Test
    void hostNameLinesOfAFollowedAuthLogAreSaid() throws Exception {
        Path log = Files.write(
                dir.resolve("auth.log"),
                List.of(
                        "Nov 30 10:00:01 host sshd[20]: Failed password for root from 198.51.100.20 port 22 ssh2",
                        "Nov 30 10:00:02 host sshd[21]: Failed password for root from scan.example.net port 22 ssh2",
                        "Nov 30 10:00:03 host sshd[22]: Failed password for root from 198.51.100.22 port 22 ssh2"));
        AuthLogSource source = fromStart(log);
        ConcurrentLinkedQueue<AuthAttempt> got = new ConcurrentLinkedQueue<>();
        Thread reader = PamWaitLiveTest.follow(source, got);
        try {
            PamWaitLiveTest.waitFor(() -> source.health().lines() >= 3 && got.size() >= 2);
            assertThat(got).extracting(a -> a.ip().toString()).containsExactly("198.51.100.20", "198.51.100.22");
            assertThat(source.fileHealth())
                    .singleElement()
                    .satisfies(e -> assertThat(e.detail())
                            .isEqualTo("1 line naming the client by host name, not address, not used (first at " + log
                                    + ":2; Apache HostnameLookups or sshd UseDNS on? log addresses)"));
        } finally {
            reader.interrupt();
            reader.join(5000);
        }
    }
}
