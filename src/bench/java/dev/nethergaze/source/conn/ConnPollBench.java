package dev.nethergaze.source.conn;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One in-process poll of the host's live TCP table (hold the sockets with
 * ../shared/tools/hold_conns.py first; bench/conn-bench.sh does): netlink sock_diag end to end,
 * the netlink decoder alone on the same dump captured at setup, procfs end to end, and netlink
 * with owners resolved (steady state: the inode map is warm after setup).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ConnPollBench {

    private NetlinkReader netlink;
    private ProcNetTcpReader procfs;
    private ConnectionReader withOwners;
    private final List<MemorySegment> dump = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        netlink = new NetlinkReader();
        procfs = ProcNetTcpReader.system();
        withOwners = ConnectionReaders.create(ConnSourceMode.NETLINK, Path.of("/proc"), true);
        for (int i = 0; i < 10; i++) {
            withOwners.read(Instant.now()); // let the owner walk finish
        }
        // the dump as the kernel sent it, datagram by datagram, in native memory like the live buffer
        Arena arena = Arena.ofAuto();
        InetDiagDecoder d = new InetDiagDecoder();
        try (SockDiagSocket s = SockDiagSocket.open()) {
            s.dumpBothFamilies((chunk, seq) -> {
                dump.add(arena.allocate(chunk.byteSize(), 8).copyFrom(chunk));
                return d.chunk(chunk, seq, r -> {});
            });
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        netlink.close();
        if (withOwners instanceof AutoCloseable c) {
            c.close();
        }
    }

    @Benchmark
    public ReadResult netlinkPoll() throws IOException {
        return netlink.read(Instant.EPOCH);
    }

    @Benchmark
    public ReadResult procfsPoll() throws IOException {
        return procfs.read(Instant.EPOCH);
    }

    @Benchmark
    public ReadResult netlinkPollWithOwners() throws IOException {
        return withOwners.read(Instant.EPOCH);
    }

    @Benchmark
    public void decodeOnly(Blackhole bh) throws IOException {
        InetDiagDecoder d = new InetDiagDecoder();
        for (MemorySegment seg : dump) {
            d.chunk(seg, 0, bh::consume);
        }
    }
}
