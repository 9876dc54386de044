package dev.nethergaze.source.conn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.StatusReporter;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Auto mode falls back to the real procfs reader when netlink fails, and says so in the source's
 * health. The failing netlink side is a hand-written fake that throws what the real reader throws
 * (AccessDeniedException for EPERM/EACCES at socket(), NetlinkException for a failed dump).
 */
class FallbackTest {

    /** Throws the queued failures, then reads the real table through netlink. */
    private static final class FailingNetlink implements ConnectionReader {
        final List<IOException> failures = new ArrayList<>();
        int calls;

        @Override
        public String name() {
            return "netlink";
        }

        @Override
        public ReadResult read(Instant now) throws IOException {
            calls++;
            if (!failures.isEmpty()) {
                throw failures.removeFirst();
            }
            try (NetlinkReader real = new NetlinkReader()) {
                return real.read(now);
            }
        }
    }

    private static void assumeProc() {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux /proc/net/tcp");
    }

    @Test
    void permissionDeniedSwitchesToProcfsForGood() throws IOException {
        assumeProc();
        FailingNetlink netlink = new FailingNetlink();
        netlink.failures.add(new AccessDeniedException("netlink sock_diag"));
        FallbackReader auto = new FallbackReader(netlink, ProcNetTcpReader.system());

        auto.read(Instant.EPOCH);
        assertThat(auto.name()).isEqualTo("procfs (netlink: permission denied)");
        auto.read(Instant.EPOCH);
        assertThat(auto.name()).isEqualTo("procfs (netlink: permission denied)");
        assertThat(netlink.calls).isEqualTo(1);
    }

    @Test
    void aFailedDumpFallsBackForOnePollOnly() throws IOException {
        assumeProc();
        FailingNetlink netlink = new FailingNetlink();
        netlink.failures.add(new NetlinkException("netlink receive", 105));
        FallbackReader auto = new FallbackReader(netlink, ProcNetTcpReader.system());

        ReadResult first = auto.read(Instant.EPOCH);
        assertThat(auto.name()).isEqualTo("procfs (netlink: netlink receive: no buffer space available)");
        assertThat(first.table().source()).isEqualTo("procfs");
        ReadResult second = auto.read(Instant.EPOCH);
        assertThat(auto.name()).isEqualTo("netlink");
        assertThat(second.table().source()).isEqualTo("netlink");
    }

    @Test
    void sourcesSayWhichReaderRan() throws InterruptedException {
        assumeProc();
        List<SourceEvent> out = new ArrayList<>();
        ConnPollSource real = new ConnPollSource(
                ConnectionReaders.create(ConnSourceMode.AUTO, Path.of("/proc"), false),
                Duration.ofSeconds(1),
                InstantSource.system(),
                StatusReporter.silent());
        real.pollOnce(out::add);
        SourceHealth h = real.health();
        assertThat(h.status()).isEqualTo(SourceStatus.OK);
        assertThat(h.detail()).matches("netlink: \\d+ sockets?");

        FailingNetlink netlink = new FailingNetlink();
        netlink.failures.add(new AccessDeniedException("netlink sock_diag"));
        ConnPollSource fallback = new ConnPollSource(
                new FallbackReader(netlink, ProcNetTcpReader.system()),
                Duration.ofSeconds(1),
                InstantSource.system(),
                StatusReporter.silent());
        fallback.pollOnce(out::add);
        assertThat(fallback.health().detail()).matches("procfs \\(netlink: permission denied\\): \\d+ sockets?");
        assertThat(out).hasSize(2);
    }

    @Test
    void forcedNetlinkReportsTheErrnoInOneLine() throws InterruptedException {
        FailingNetlink netlink = new FailingNetlink();
        netlink.failures.add(new NetlinkException("netlink receive", 105));
        ConnPollSource src =
                new ConnPollSource(netlink, Duration.ofSeconds(1), InstantSource.system(), StatusReporter.silent());
        src.pollOnce(e -> {});
        assertThat(src.health().status()).isEqualTo(SourceStatus.ERROR);
        assertThat(src.health().detail()).isEqualTo("netlink: netlink receive: no buffer space available");
    }

    @Test
    void procfsModeNeverTouchesNetlink() throws IOException {
        assumeProc();
        ConnectionReader r = ConnectionReaders.create(ConnSourceMode.PROCFS, Path.of("/proc"), false);
        r.read(Instant.EPOCH);
        assertThat(r.name()).isEqualTo("procfs");
        assertThat(ConnSourceMode.parse(" NetLink ")).isEqualTo(ConnSourceMode.NETLINK);
    }

    /**
     * {@code --proc-root DIR} alone (auto): netlink would read this host's own kernel, never the
     * tree under DIR, so the sample's table was silently swapped for the host's. Auto reads procfs
     * under a proc root other than /proc, and the source says so.
     */
    @Test
    void autoUnderAnotherProcRootReadsThatTree(@TempDir Path root) throws InterruptedException {
        ProcLines.writeProc(
                root,
                List.of(ProcLines.row(0, false, "192.0.2.1", 443, "203.0.113.77", 40_001, 1)),
                List.of(ProcLines.row(0, true, "2001:db8::1", 22, "2001:db8:bad::5", 40_002, 1)));
        List<SourceEvent> out = new ArrayList<>();
        ConnPollSource src = new ConnPollSource(
                ConnectionReaders.create(ConnSourceMode.AUTO, root, false),
                Duration.ofSeconds(1),
                InstantSource.system(),
                StatusReporter.silent());
        src.pollOnce(out::add);
        assertThat(src.health().detail())
                .isEqualTo("procfs under " + root
                        + " (a proc root other than /proc: netlink would read this host's own kernel): 2 sockets");
        assertThat(out.toString()).contains("203.0.113.77").contains("2001:db8:bad::5");
        assertThat(ConnectionReaders.isSystemProc(Path.of("/proc/"))).isTrue();
        assertThat(ConnectionReaders.isSystemProc(Path.of("/proc/thread-self"))).isFalse();
    }

    /** One socket is "1 socket" (doctor printed "netlink: 1 sockets" on a quiet host). */
    @Test
    void oneSocketIsSingular(@TempDir Path root) throws InterruptedException {
        ProcLines.writeProc(root, List.of(ProcLines.row(0, false, "192.0.2.1", 443, "203.0.113.77", 40_001, 1)), null);
        ConnPollSource src = new ConnPollSource(
                ConnectionReaders.create(ConnSourceMode.PROCFS, root, false),
                Duration.ofSeconds(1),
                InstantSource.system(),
                StatusReporter.silent());
        src.pollOnce(e -> {});
        assertThat(src.health().detail()).isEqualTo("procfs: 1 socket");
    }
}
