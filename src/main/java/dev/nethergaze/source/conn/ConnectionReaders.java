package dev.nethergaze.source.conn;

import dev.nethergaze.source.netstat.NetDevSampler;
import dev.nethergaze.source.netstat.SynCounterSampler;
import dev.nethergaze.source.sys.LibC;
import java.nio.file.Path;

/**
 * The one place a connection reader is chosen and put together (config {@code conn.source}, CLI
 * {@code --conn-source}). The reader it returns names itself after what actually ran, which the
 * conn source puts in {@code sources[]}: {@code "netlink"}, {@code "procfs"}, or {@code "procfs
 * (netlink: permission denied)"} in auto mode.
 */
public final class ConnectionReaders {

    /** Fd links read per poll while looking for socket owners. */
    public static final int OWNER_BUDGET = 20_000;

    private ConnectionReaders() {}

    /**
     * Binds the netlink reader's native calls, then the owner walk's ({@link FdCalls}), on a background
     * thread. A cold JVM spends ~30-40 ms of linker work on the former and ~15-20 ms on the latter; a
     * one-shot that is about to read the table calls this first thing, so the work overlaps its
     * argument parsing and configuration instead of delaying the first poll. Harmless if nothing
     * reads the table afterwards.
     */
    public static void bindNativeCallsInBackground() {
        Thread.ofPlatform().daemon().name("conn-bind").start(() -> {
            LibC.bind();
            try {
                FdCalls.unavailable();
            } catch (LinkageError e) {
                // cannot bind (e.g. native access denied): the owner walk falls back to NIO
            }
        });
    }

    /**
     * A reader for {@code mode} over the proc tree at {@code procRoot} (tables, SYN counters and
     * fd links all under it), with process owners resolved when {@code owners} is set. Never
     * fails: a netlink socket that cannot be opened shows on the first read (auto: falls back).
     */
    public static ConnectionReader create(ConnSourceMode mode, Path procRoot, boolean owners) {
        return create(mode, procRoot, owners, OWNER_BUDGET);
    }

    /**
     * As {@link #create(ConnSourceMode, Path, boolean)}, reading at most {@code ownerBudget} fd links
     * per poll: a one-shot snapshot passes {@link Integer#MAX_VALUE}, so its only poll attributes
     * every socket; a live session spreads a big walk over several polls.
     */
    public static ConnectionReader create(ConnSourceMode mode, Path procRoot, boolean owners, int ownerBudget) {
        ProcNetTcpReader procfs = new ProcNetTcpReader(procRoot);
        ConnectionReader base = switch (mode) {
            case PROCFS -> procfs;
            case NETLINK -> new NetlinkReader();
            // netlink reads this process's own kernel, never a tree under a directory: a proc root
            // given (a sample, a container's) is read as procfs, and the source says so
            case AUTO ->
                isSystemProc(procRoot) ? new FallbackReader(new NetlinkReader(), procfs) : named(procfs, procRoot);
        };
        return new AugmentingReader(
                base,
                owners ? new SocketOwners(procRoot, ownerBudget) : null,
                new SynCounterSampler(procRoot),
                new NetDevSampler(procRoot));
    }

    private static final Path SYSTEM_PROC = Path.of("/proc");

    /** Whether {@code procRoot} is this host's own /proc (netlink reads the same kernel). */
    static boolean isSystemProc(Path procRoot) {
        return procRoot.toAbsolutePath().normalize().equals(SYSTEM_PROC);
    }

    /** The procfs reader under another proc root, named for the health line: what ran, and why not netlink. */
    private static ConnectionReader named(ProcNetTcpReader procfs, Path procRoot) {
        String name = "procfs under " + procRoot + " (a proc root other than /proc: netlink would read this host's own"
                + " kernel)";
        return new ConnectionReader() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ReadResult read(java.time.Instant now) throws java.io.IOException {
                return procfs.read(now);
            }
        };
    }
}
