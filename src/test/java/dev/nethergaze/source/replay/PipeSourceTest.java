package dev.nethergaze.source.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.SourceStatuses;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.ClientResolver;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A log followed live from a pipe ({@code --access-log -}): a real named pipe, written while it is read. */
class PipeSourceTest {

    private static final FileReplay.Options OPTIONS =
            new FileReplay.Options(AccessFormat.AUTO, ClientResolver.DIRECT, ZoneOffset.UTC);
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2025-03-10T12:00:00Z"));

    @TempDir
    Path tmp;

    private int pipes;

    private Path fifo() throws Exception {
        return fifo("log.fifo");
    }

    private Path fifo(String name) throws Exception {
        Path f = tmp.resolve(name);
        assertThat(new ProcessBuilder("mkfifo", f.toString()).start().waitFor()).isZero();
        return f;
    }

    private static Thread run(PipeSource src, List<SourceEvent> events, Throwable[] failure) {
        return Thread.ofPlatform().start(() -> {
            try {
                src.run(events::add);
            } catch (InterruptedException e) {
                failure[0] = e;
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        });
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void write(OutputStream out, String line) throws Exception {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Each line is an event as soon as it is written, not when the pipe closes; a bad line is counted
     * and named ({@code stdin:2}); the close ends the source as done, with the count.
     */
    @Test
    void accessLinesAreEventsAsTheyComeAndTheCloseIsDone() throws Exception {
        Path fifo = fifo();
        PipeSource src = new PipeSource(fifo, LogKind.ACCESS, OPTIONS, CLOCK, (n, s, d) -> {});
        assertThat(src.name()).isEqualTo("http:-");
        List<SourceEvent> events = new CopyOnWriteArrayList<>();
        Throwable[] failure = new Throwable[1];
        Thread t = run(src, events, failure);
        try (OutputStream out = Files.newOutputStream(fifo)) {
            write(out, "203.0.113.9 - - [10/Mar/2025:11:59:58 +0000] \"GET /.env HTTP/1.1\" 404 153 \"-\" \"zgrab\"");
            await(() -> events.size() == 1); // while the pipe is still open
            assertThat(src.health().status()).isEqualTo(SourceStatus.OK);
            write(out, "not an access line");
            write(
                    out,
                    "[2001:db8::7]:443 - - [10/Mar/2025:11:59:59 +0000] \"POST /login HTTP/1.1\" 200 5 \"-\" \"curl\"");
            await(() -> events.size() == 2);
        }
        t.join(10_000);
        assertThat(failure[0]).isNull();
        HttpHit first = (HttpHit) events.get(0);
        assertThat(first.client().toString()).isEqualTo("203.0.113.9");
        assertThat(first.time()).isEqualTo(Instant.parse("2025-03-10T11:59:58Z"));
        assertThat(first.source()).isEqualTo("stdin");
        assertThat(((HttpHit) events.get(1)).client().toString()).isEqualTo("2001:db8::7");
        assertThat(src.health().status()).isEqualTo(SourceStatus.DONE);
        assertThat(src.health().lines()).isEqualTo(3);
        assertThat(src.health().malformed()).isEqualTo(1);
        assertThat(src.health().detail())
                .startsWith("standard input closed after 3 lines")
                .contains("stdin:2");
    }

    /** Blank lines (spaces, tabs, a CR alone) from a pipe are lines, not unparsed ones, as in a file. */
    @Test
    void blankLinesAreNotUnparsed() throws Exception {
        Path fifo = fifo();
        PipeSource src = new PipeSource(fifo, LogKind.ACCESS, OPTIONS, CLOCK, (n, s, d) -> {});
        List<SourceEvent> events = new CopyOnWriteArrayList<>();
        Throwable[] failure = new Throwable[1];
        Thread t = run(src, events, failure);
        String line = "203.0.113.9 - - [10/Mar/2025:11:59:58 +0000] \"GET /.env HTTP/1.1\" 404 153 \"-\" \"zgrab\"";
        try (OutputStream out = Files.newOutputStream(fifo)) {
            write(out, line + "\n   \n\t\n \r\n" + line);
        }
        t.join(10_000);
        assertThat(failure[0]).isNull();
        assertThat(events).hasSize(2);
        assertThat(src.health().lines()).isEqualTo(5);
        assertThat(src.health().malformed()).as(src.health().detail()).isZero();
    }

    /** SSH attempts as syslog lines and as journalctl -o json lines, mixed, each told apart by its line. */
    @Test
    void authLinesAreSyslogOrJournalJson() throws Exception {
        Path fifo = fifo();
        PipeSource src = new PipeSource(fifo, LogKind.AUTH, OPTIONS, CLOCK, (n, s, d) -> {});
        assertThat(src.name()).isEqualTo("auth:-");
        List<SourceEvent> events = new CopyOnWriteArrayList<>();
        Throwable[] failure = new Throwable[1];
        Thread t = run(src, events, failure);
        try (OutputStream out = Files.newOutputStream(fifo)) {
            write(out, "Mar 10 11:59:58 web1 sshd[42]: Failed password for root from 198.51.100.7 port 4242 ssh2");
            write(
                    out,
                    "{\"__CURSOR\":\"c1\",\"__REALTIME_TIMESTAMP\":\"1741607999000000\",\"_COMM\":\"sshd-session\","
                            + "\"_PID\":\"43\",\"MESSAGE\":\"Accepted publickey for ops from 2001:db8::9 port 5151 ssh2\"}");
        }
        t.join(10_000);
        assertThat(failure[0]).isNull();
        assertThat(events).hasSize(2);
        AuthAttempt failed = (AuthAttempt) events.get(0);
        assertThat(failed.kind()).isEqualTo(AuthKind.FAILED_PASSWORD);
        assertThat(failed.time()).isEqualTo(Instant.parse("2025-03-10T11:59:58Z"));
        AuthAttempt accepted = (AuthAttempt) events.get(1);
        assertThat(accepted.kind()).isEqualTo(AuthKind.ACCEPTED);
        assertThat(accepted.ip().toString()).isEqualTo("2001:db8::9");
        assertThat(src.health().malformed()).isZero();
    }

    private static final String PAM_ONLY = "Mar 10 11:59:58 web1 sshd[42]: pam_unix(sshd:auth): authentication failure;"
            + " logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.7  user=root";

    /** A PAM failure with no "Failed" line after it counts when the pipe closes: nothing can follow it. */
    @Test
    void aPamFailureStillWaitingCountsWhenThePipeCloses() throws Exception {
        List<SourceEvent> events = new CopyOnWriteArrayList<>();
        readToEnd(LogKind.AUTH, events, PAM_ONLY);
        assertThat(events).hasSize(1);
        AuthAttempt a = (AuthAttempt) events.getFirst();
        assertThat(a.kind()).isEqualTo(AuthKind.FAILED_PASSWORD);
        assertThat(a.ip().toString()).isEqualTo("198.51.100.7");
        assertThat(a.user()).isEqualTo("root");
    }

    /** While the pipe stays open and quiet, the PAM failure counts once it waited its time by the clock. */
    @Test
    void aPamFailureOnAQuietOpenPipeCountsAfterItsWait() throws Exception {
        Path fifo = fifo();
        java.util.concurrent.atomic.AtomicReference<Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(Instant.parse("2025-03-10T12:00:00Z"));
        PipeSource src = new PipeSource(fifo, LogKind.AUTH, OPTIONS, now::get, (n, s, d) -> {});
        List<SourceEvent> events = new CopyOnWriteArrayList<>();
        Throwable[] failure = new Throwable[1];
        Thread t = run(src, events, failure);
        try (OutputStream out = Files.newOutputStream(fifo)) {
            write(out, PAM_ONLY);
            await(() -> src.health().lines() == 1);
            assertThat(events).isEmpty(); // its "Failed" line may still come
            now.set(Instant.parse("2025-03-10T12:02:30Z")); // past sshd's LoginGraceTime
            await(() -> events.size() == 1); // the pipe still open
            assertThat(((AuthAttempt) events.getFirst()).kind()).isEqualTo(AuthKind.FAILED_PASSWORD);
        }
        t.join(10_000);
        assertThat(failure[0]).isNull();
        assertThat(events).hasSize(1); // not counted again at the close
    }

    private static String access(String ip, Instant t) {
        return ip + " - - [" + CLF.format(t) + "] \"GET / HTTP/1.1\" 200 1 \"-\" \"x\"";
    }

    private static final java.time.format.DateTimeFormatter CLF = java.time.format.DateTimeFormatter.ofPattern(
                    "dd/MMM/yyyy:HH:mm:ss Z", java.util.Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** A pipe's two halves, each run on a thread of its own ({@code h}, {@code l}) into its own events. */
    private static final class Halves {
        final PipeSource history;
        final PipeSource live;
        final List<SourceEvent> past = new CopyOnWriteArrayList<>();
        final List<SourceEvent> current = new CopyOnWriteArrayList<>();
        final Throwable[] failure = new Throwable[2];
        final Thread h;
        final Thread l;

        Halves(Path fifo, LogKind kind) {
            List<dev.nethergaze.source.Source> halves =
                    PipeSource.withHistory(fifo, kind, OPTIONS, CLOCK, (n, s, d) -> {});
            history = (PipeSource) halves.get(0);
            live = (PipeSource) halves.get(1);
            l = run(live, current, failure);
            h = run(history, past, new Throwable[1]);
        }
    }

    /**
     * What the pipe holds from before start-up is the history half's (a finite backfill), up to the
     * first current line; that line and the rest, written with it or later, are the live half's. Each
     * line once.
     */
    @Test
    void linesFromBeforeStartUpAreABackfillAndTheRestIsLive() throws Exception {
        Instant now = CLOCK.instant();
        for (boolean together : new boolean[] {true, false}) {
            Path fifo = tmp.resolve("h" + together + ".fifo");
            assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                    .isZero();
            Halves halves = new Halves(fifo, LogKind.ACCESS);
            PipeSource history = halves.history;
            PipeSource live = halves.live;
            assertThat(history.finite()).isTrue();
            assertThat(live.finite()).isFalse();
            assertThat(history.name()).isEqualTo("backfill:-");
            try (OutputStream out = Files.newOutputStream(fifo)) {
                StringBuilder old = new StringBuilder();
                for (int i = 0; i < 3; i++) {
                    old.append(access("203.0.113." + (i + 1), now.minusSeconds(3600 - i)))
                            .append('\n');
                }
                if (together) { // one write: the history half meets the current line in its chunk
                    write(out, old + access("198.51.100.7", now.plusSeconds(1)) + "\n" + access("198.51.100.8", now));
                } else {
                    write(out, old.toString().strip());
                    halves.h.join(5_000); // quiet for 300 ms: the history is over
                    assertThat(halves.h.isAlive()).isFalse();
                    write(out, access("198.51.100.7", now.plusSeconds(1)));
                    write(out, access("198.51.100.8", now.minusSeconds(10))); // late-stamped, but live now
                }
                await(() -> halves.current.size() == 2);
            }
            halves.h.join(5_000);
            halves.l.join(5_000);
            assertThat(halves.failure[0]).isNull();
            assertThat(halves.past)
                    .extracting(e -> ((HttpHit) e).client().toString())
                    .containsExactly("203.0.113.1", "203.0.113.2", "203.0.113.3");
            assertThat(halves.current)
                    .extracting(e -> ((HttpHit) e).client().toString())
                    .containsExactly("198.51.100.7", "198.51.100.8");
            assertThat(history.health().status()).isEqualTo(SourceStatus.DONE);
            assertThat(history.health().detail()).startsWith("3 events from before start-up");
            assertThat(history.health().lines()).isEqualTo(3);
            assertThat(live.health().lines()).isEqualTo(2);
            assertThat(live.health().status()).isEqualTo(SourceStatus.DONE);
            assertThat(live.health().detail()).isEqualTo("standard input closed after 5 lines");
        }
    }

    /**
     * {@code docker logs -f} of a container running {@code sshd -D -e} pipes bare sshd lines, with no
     * time ({@code --auth-log -}): what the pipe held from before start-up has no time to put it at and
     * stays unparsed, as in a replay, but a line written live is timed when read, as a followed {@code
     * sshd -E} file's. Every one of them was unparsed (a black-box run: "2 unparsed (first at stdin:3)"
     * for two failed passwords written after start-up).
     */
    @Test
    void bareSshdLinesOnALivePipeAreTimedWhenRead() throws Exception {
        Path fifo = fifo();
        Halves halves = new Halves(fifo, LogKind.AUTH);
        PipeSource history = halves.history;
        PipeSource live = halves.live;
        try (OutputStream out = Files.newOutputStream(fifo)) {
            write(out, "Failed password for root from 203.0.113.9 port 1111 ssh2");
            halves.h.join(5_000); // quiet for 300 ms: the history is over
            assertThat(halves.h.isAlive()).isFalse();
            write(out, "Failed password for root from 203.0.113.9 port 1112 ssh2\r");
            write(out, "Invalid user bob from 203.0.113.9 port 1113");
            await(() -> halves.current.size() == 2);
        }
        halves.l.join(5_000);
        assertThat(halves.failure[0]).isNull();
        assertThat(halves.past).isEmpty();
        assertThat(history.health().malformed()).isEqualTo(1);
        assertThat(history.health().detail())
                .startsWith("0 events from before start-up; 1 sshd line without a time (as sshd -e writes them)"
                        + " not placed: those written from now on are timed as read");
        assertThat(halves.current).allSatisfy(e -> {
            AuthAttempt a = (AuthAttempt) e;
            assertThat(a.ip().toString()).isEqualTo("203.0.113.9");
            assertThat(a.time()).isEqualTo(CLOCK.instant());
        });
        assertThat(halves.current)
                .extracting(e -> ((AuthAttempt) e).kind())
                .containsExactly(AuthKind.FAILED_PASSWORD, AuthKind.INVALID_USER);
        assertThat(live.health().malformed()).isZero();
    }

    /** A stop while the pipe is open and quiet ends the read at once: a quiet producer never holds up the end. */
    @Test
    void aStopEndsAQuietPipeAtOnce() throws Exception {
        Path fifo = fifo();
        PipeSource src = new PipeSource(fifo, LogKind.ACCESS, OPTIONS, CLOCK, (n, s, d) -> {});
        List<SourceEvent> events = new CopyOnWriteArrayList<>();
        Throwable[] failure = new Throwable[1];
        Thread t = run(src, events, failure);
        try (OutputStream out = Files.newOutputStream(fifo)) { // held open, nothing more written
            write(out, "203.0.113.9 - - [10/Mar/2025:11:59:58 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"x\"");
            await(() -> events.size() == 1);
            t.interrupt();
            t.join(5_000);
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(failure[0]).isInstanceOf(InterruptedException.class);
        assertThat(src.health().status()).isEqualTo(SourceStatus.OK); // stopped, not "closed" nor an error
    }
    /**
     * A live pipe whose lines come faster than they are judged is {@code behind}, saying how much waits
     * and how old the newest line read is; {@code ok} again once it has caught up while the pipe is
     * still open; every line is read.
     */
    @Test
    void aPipeWithMoreWaitingThanHalfItsQueueIsBehindUntilItCatchesUp() throws Exception {
        Path fifo = fifo();
        PipeSource src = new PipeSource(fifo, LogKind.ACCESS, OPTIONS, CLOCK, (n, s, d) -> {});
        AtomicInteger events = new AtomicInteger();
        AtomicBoolean slow = new AtomicBoolean(true);
        Throwable[] failure = new Throwable[1];
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                src.run(e -> {
                    events.incrementAndGet();
                    if (slow.get()) {
                        Thread.sleep(1); // an engine slower than the writer
                    }
                });
            } catch (InterruptedException | RuntimeException e) {
                failure[0] = e;
            }
        });
        String line = "203.0.113.9 - - [10/Mar/2025:11:59:30 +0000] \"GET /index.html HTTP/1.1\" 200 1 \"-\" \"x\"\n";
        int lines = (int) (3 * PipeSource.BEHIND_BYTES / line.length());
        CountDownLatch caughtUp = new CountDownLatch(1);
        Thread writer = Thread.ofPlatform().start(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                byte[] block = line.repeat(1000).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < lines / 1000; i++) {
                    out.write(block); // waits while the pipe and the queue are full
                }
                out.flush();
                caughtUp.await(20, TimeUnit.SECONDS); // held open until the reader has caught up
            } catch (Exception e) {
                failure[0] = e;
            }
        });
        try {
            SourceStatuses.await(src, SourceStatus.BEHIND);
            assertThat(src.health().detail())
                    .matches("\\d+\\.\\d MiB waiting, the newest line read is stamped 30 s ago: its lines come"
                            + " faster than they are judged; what is shown is in the past");
            slow.set(false);
            SourceStatuses.await(src, SourceStatus.OK); // caught up, the pipe still open
            assertThat(src.health().detail()).isEqualTo("reading standard input");
        } finally {
            caughtUp.countDown();
            writer.join(10_000);
        }
        t.join(10_000);
        assertThat(failure[0]).isNull();
        assertThat(events.get()).isEqualTo(lines / 1000 * 1000);
        assertThat(src.health().status()).isEqualTo(SourceStatus.DONE);
    }

    /**
     * A live source of a pipe read as {@code kind}, {@code lines} written to it and the pipe closed: run
     * to its end ({@code done}), its events in {@code events}.
     */
    private PipeSource readToEnd(LogKind kind, List<SourceEvent> events, String... lines) throws Exception {
        Path fifo = fifo(kind + "-" + ++pipes + ".fifo"); // a new pipe for each: a test may read several
        PipeSource src = new PipeSource(fifo, kind, OPTIONS, CLOCK, (n, s, d) -> {});
        Throwable[] failure = new Throwable[1];
        Thread t = run(src, events, failure);
        try (OutputStream out = Files.newOutputStream(fifo)) {
            for (String line : lines) {
                write(out, line);
            }
        }
        t.join(10_000);
        assertThat(failure[0]).isNull();
        assertThat(src.health().status()).isEqualTo(SourceStatus.DONE);
        return src;
    }

    /** What {@code lines} written to a pipe read as {@code kind} leave in the live source's detail. */
    private String detailAfter(LogKind kind, String... lines) throws Exception {
        return readToEnd(kind, new CopyOnWriteArrayList<>(), lines).health().detail();
    }

    /**
     * Unparsed lines whose client field is no address say so from a pipe as from a file (before: "3
     * unparsed (first at stdin:1)" alone, black-box {@code --auth-log -} and {@code --access-log -}).
     */
    @Test
    void clientFieldsThatAreNoAddressAreSaidFromAPipe() throws Exception {
        assertThat(detailAfter(
                        LogKind.AUTH,
                        "Mar 10 11:59:58 web1 sshd[42]: Failed password for root from 256.1.1.1 port 4242 ssh2",
                        "Mar 10 11:59:58 web1 sshd[43]: Failed password for root from 198.51.100.7 port 4242 ssh2",
                        "Mar 10 11:59:59 web1 sshd[44]: Invalid user bob from 1.2.3 port 4243",
                        "junk"))
                .endsWith("3 unparsed (first at stdin:1); 2 of them with a client field that is not a valid address"
                        + " (first at stdin:1)");
        String rest = " - - [10/Mar/2025:11:59:58 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl\"";
        assertThat(detailAfter(LogKind.ACCESS, "256.1.1.1" + rest, "203.0.113.9" + rest, "-" + rest))
                .endsWith("2 unparsed (first at stdin:1); 1 of them with a client field that is not a valid address"
                        + " (first at stdin:1); 1 of them with a client field that holds no address (first at"
                        + " stdin:3)");
    }

    /**
     * A local reverse proxy's log piped in ({@code docker logs -f proxy | nethergaze --access-log -}):
     * its forwarded clients, not believed, are said on the pipe's entry with the option that reads
     * them, as a followed file's entry says it (before, only a followed file did).
     */
    @Test
    void aLocalProxysForwardedClientsAreSaidFromAPipe() throws Exception {
        String rest = " - - [10/Mar/2025:11:59:58 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl\"";
        assertThat(detailAfter(LogKind.ACCESS, "127.0.0.1" + rest + " \"203.0.113.7\""))
                .endsWith("; requests from 127.0.0.1 name their client in a forwarded header, not believed (a"
                        + " reverse proxy on this host? --trusted-proxy 127.0.0.1 reads them)");
        assertThat(detailAfter(LogKind.ACCESS, "203.0.113.9" + rest + " \"198.51.100.1\""))
                .doesNotContain("forwarded");
    }

    /**
     * Lines naming the client by host name (Apache's HostnameLookups, sshd's UseDNS) are not used, and
     * a pipe says so as a followed or replayed file does. Before, {@code --access-log -} and {@code
     * --auth-log -} dropped them without a word ("standard input closed after 2 lines", black-box).
     */
    @Test
    void linesNamingTheClientByHostNameAreSaidFromAPipe() throws Exception {
        String rest = " - - [10/Mar/2025:11:59:58 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl\"";
        assertThat(detailAfter(LogKind.ACCESS, "203.0.113.9" + rest, "host.example.com" + rest))
                .endsWith("; 1 line naming the client by host name, not address, not used (first \"host.example.com\""
                        + " at stdin:2; Apache HostnameLookups or sshd UseDNS on? log addresses)");
        assertThat(detailAfter(
                        LogKind.AUTH,
                        "Mar 10 11:59:58 web1 sshd[42]: Failed password for root from scanner.example.net port 4242"
                                + " ssh2",
                        "Mar 10 11:59:58 web1 sshd[43]: Failed password for root from 198.51.100.7 port 4242 ssh2"))
                .endsWith("; 1 line naming the client by host name, not address, not used (first at stdin:1; Apache"
                        + " HostnameLookups or sshd UseDNS on? log addresses)");
    }

    /**
     * {@code journalctl -o export | nethergaze --auth-log -}: the pipe's first line says it is export
     * output, as a replay's sniffer tells a file of it, and its entries are read as a replay reads them
     * (before: "0 events …; 12 unparsed (first at stdin:1)", black-box, where a replay of the same
     * bytes counted 2 failed passwords). An entry cut short by the pipe's end is one unparsed.
     */
    @Test
    void journalExportOutputOnAPipeIsReadAsItsEntries() throws Exception {
        List<SourceEvent> events = new CopyOnWriteArrayList<>();
        PipeSource src = readToEnd(LogKind.AUTH, events, """
                    __CURSOR=s=abc;i=1
                    __REALTIME_TIMESTAMP=1741607998000000
                    _COMM=sshd
                    _PID=42
                    _UID=0
                    MESSAGE=Failed password for root from 198.51.100.7 port 4242 ssh2

                    __CURSOR=s=abc;i=2
                    __REALTIME_TIMESTAMP=1741607999000000
                    _COMM=sshd-session
                    _PID=43
                    _UID=0
                    MESSAGE=Invalid user admin from 2001:db8::9 port 4243

                    __CURSOR=s=abc;i=3
                    __REALTIME_TIMESTAMP=1741607999500000
                    _COMM=sshd
                    MESSAGE""");
        assertThat(events)
                .extracting(e -> ((AuthAttempt) e).kind() + " " + ((AuthAttempt) e).ip() + " " + e.time())
                .containsExactly(
                        "FAILED_PASSWORD 198.51.100.7 2025-03-10T11:59:58Z",
                        "INVALID_USER 2001:db8::9 2025-03-10T11:59:59Z");
        assertThat(src.health().malformed()).as(src.health().detail()).isEqualTo(1);
        assertThat(src.health().detail()).startsWith("standard input closed after 18 lines");
    }
}
