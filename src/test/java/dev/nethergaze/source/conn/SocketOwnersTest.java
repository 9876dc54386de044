package dev.nethergaze.source.conn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Direction;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.ProcessOwner;
import dev.nethergaze.model.ProcessOwner.Unattributed;
import dev.nethergaze.model.TcpState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Socket inode → process, on a fake proc tree (symlinks like the kernel's) and on the real one. */
class SocketOwnersTest {

    @TempDir
    Path proc;

    private void process(int pid, String comm, long... inodes) throws IOException {
        Path fd = Files.createDirectories(proc.resolve(Integer.toString(pid)).resolve("fd"));
        Files.writeString(proc.resolve(Integer.toString(pid)).resolve("comm"), comm + "\n");
        Files.createSymbolicLink(fd.resolve("0"), Path.of("/dev/null"));
        for (int i = 0; i < inodes.length; i++) {
            Files.createSymbolicLink(fd.resolve(Integer.toString(3 + i)), Path.of("socket:[" + inodes[i] + "]"));
        }
    }

    private static Connection conn(long inode) {
        IpKey lo = IpKey.parse("127.0.0.1");
        TcpState st = inode == 0 ? TcpState.TIME_WAIT : TcpState.ESTABLISHED;
        return new Connection(lo, 80, lo, (int) (1000 + inode % 1000), st, Direction.INBOUND, inode, 0, null);
    }

    /** The reader of each kind over the fake tree; the native one must bind on this project's machines. */
    private SocketOwners owners(String kind, int budget) {
        FdTables tables = reader(kind);
        assertThat(tables)
                .as("native fd walk binds here (%s)", FdCalls.unavailable())
                .isNotNull();
        // "-two": a second reader, so an unbudgeted (one-shot) walk runs on two threads
        return new SocketOwners(proc, tables, kind.endsWith("-two") ? () -> reader(kind) : null, budget);
    }

    private FdTables reader(String kind) {
        return kind.startsWith("native") ? NativeFdTables.create(proc) : new NioFdTables(proc);
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "nio", "native-two", "nio-two"})
    void aOneShotWalkFindsEverySocketAndASharedOneGoesToTheFirstHolder(String kind) throws IOException {
        twentyProcesses();
        process(31, "nginx", 500, 600); // the master and a worker share listener 500
        process(37, "nginx", 500, 700);
        SocketOwners owners = owners(kind, Integer.MAX_VALUE);
        List<Connection> table = new java.util.ArrayList<>();
        for (int pid = 1; pid <= 20; pid++) {
            table.add(conn(10_000 + pid));
        }
        table.add(conn(500));
        table.add(conn(600));
        table.add(conn(700));
        table.add(conn(88_888)); // nobody's
        List<Connection> out = owners.attach(table);
        for (int pid = 1; pid <= 20; pid++) {
            assertThat(out.get(pid - 1).owner()).isEqualTo(ProcessOwner.of(pid, "p" + pid));
        }
        int firstNginx = -1;
        for (int pid : FdTables.of(proc).pids()) { // the walk's order, as one thread meets them
            if (pid == 31 || pid == 37) {
                firstNginx = pid;
                break;
            }
        }
        assertThat(out.get(20).owner().pid()).isEqualTo(firstNginx);
        assertThat(out.get(21).owner().pid()).isEqualTo(31);
        assertThat(out.get(22).owner().pid()).isEqualTo(37);
        assertThat(out.get(23).owner().unattributed()).isEqualTo(Unattributed.NOT_FOUND);
        assertThat(owners.linksRead()).isEqualTo(20 * 2 + 2 * 3); // fd 0 and the sockets of each
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "nio"})
    void namesOwnersAndSaysWhyNot(String kind) throws IOException {
        process(100, "nginx", 501, 502);
        process(200, "sshd", 601);
        Files.createDirectories(proc.resolve("self")); // not a pid
        SocketOwners owners = owners(kind, 1000);

        List<Connection> out = owners.attach(List.of(conn(501), conn(502), conn(601), conn(0), conn(777)));

        assertThat(out)
                .extracting(Connection::owner)
                .containsExactly(
                        ProcessOwner.of(100, "nginx"),
                        ProcessOwner.of(100, "nginx"),
                        ProcessOwner.of(200, "sshd"),
                        ProcessOwner.unattributed(Unattributed.NO_INODE),
                        ProcessOwner.unattributed(Unattributed.NOT_FOUND));
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "nio"})
    void onlyNewInodesStartAWalk(String kind) throws IOException {
        process(100, "nginx", 501, 502);
        SocketOwners owners = owners(kind, 1000);
        owners.attach(List.of(conn(501)));
        long afterFirst = owners.linksRead();

        owners.attach(List.of(conn(501)));
        assertThat(owners.linksRead()).isEqualTo(afterFirst);
        owners.attach(List.of(conn(501), conn(777))); // unknown: one walk, then not searched again
        long afterMiss = owners.linksRead();
        owners.attach(List.of(conn(501), conn(777)));
        assertThat(owners.linksRead()).isEqualTo(afterMiss);

        assertThat(owners.attach(List.of(conn(502))).getFirst().owner()).isEqualTo(ProcessOwner.of(100, "nginx"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "nio"})
    void aSmallBudgetSpreadsTheWalkOverPolls(String kind) throws IOException {
        twentyProcesses();
        SocketOwners owners = owners(kind, 4); // about two processes per poll
        List<Connection> table = List.of(conn(10_020), conn(10_001));
        int polls = 0;
        List<Connection> out;
        do {
            out = owners.attach(table);
            polls++;
        } while (!out.stream().allMatch(c -> c.owner().attributed()) && polls < 50);

        assertThat(polls).isGreaterThan(2);
        assertThat(out).extracting(c -> c.owner().pid()).containsExactly(20, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "nio", "native-two", "nio-two"})
    void aWalkUnderWaySaysNotResolvedYetAndOnlyACompleteOneSaysNotFound(String kind) throws IOException {
        twentyProcesses();
        SocketOwners owners = owners(kind, 4);
        List<Connection> table = List.of(conn(10_020), conn(99_999)); // the last pid's socket, and nobody's
        List<Connection> first = owners.attach(table);
        assertThat(first)
                .extracting(c -> c.owner().unattributed())
                .containsExactly(Unattributed.PENDING, Unattributed.PENDING);
        List<Connection> out = first;
        for (int poll = 0; poll < 40; poll++) {
            out = owners.attach(table);
        }
        assertThat(out.get(0).owner().pid()).isEqualTo(20);
        assertThat(out.get(1).owner().unattributed()).isEqualTo(Unattributed.NOT_FOUND);

        SocketOwners oneShot = owners(kind, Integer.MAX_VALUE); // what a snapshot uses: one poll does it all
        List<Connection> once = oneShot.attach(table);
        assertThat(once.get(0).owner().pid()).isEqualTo(20);
        assertThat(once.get(1).owner().unattributed()).isEqualTo(Unattributed.NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "nio"})
    void aSocketThatAppearsMidWalkIsStillFound(String kind) throws IOException {
        twentyProcesses();
        SocketOwners owners = owners(kind, 4);
        owners.attach(List.of(conn(10_007))); // a walk starts, visiting a few processes per poll
        List<Connection> table = new java.util.ArrayList<>();
        for (int pid = 1; pid <= 20; pid++) {
            table.add(conn(10_000 + pid)); // all the others show up while it is under way
        }
        List<Connection> out = table;
        for (int poll = 0; poll < 40; poll++) {
            out = owners.attach(table);
        }
        assertThat(out).allSatisfy(c -> assertThat(c.owner().attributed()).isTrue());
    }

    /** Fd tables that deny one pid (EACCES, as for a non-root reader) and hold one socket each else. */
    private static final class DenyingTables implements FdTables {
        private final int deniedPid;
        private final int[] pids;

        DenyingTables(int deniedPid, int... pids) {
            this.deniedPid = deniedPid;
            this.pids = pids;
        }

        @Override
        public int[] pids() {
            return pids.clone();
        }

        @Override
        public int sockets(int pid, LongConsumer sink) {
            if (pid == deniedPid) {
                return DENIED;
            }
            sink.accept(10_000 + pid);
            return 1;
        }

        @Override
        public String kind() {
            return "fake";
        }
    }

    @Test
    void unreadableFdTablesMakeTheUnfoundNotPermitted() throws IOException {
        process(1, "p1");
        SocketOwners owners = new SocketOwners(proc, new DenyingTables(2, 1, 2, 3), 1000);

        List<Connection> out = owners.attach(List.of(conn(10_001), conn(10_002), conn(10_003), conn(0)));

        assertThat(out)
                .extracting(Connection::owner)
                .containsExactly(
                        ProcessOwner.of(1, "p1"),
                        ProcessOwner.unattributed(Unattributed.NOT_PERMITTED),
                        ProcessOwner.of(3, ""), // no comm: gone before it was read
                        ProcessOwner.unattributed(Unattributed.NO_INODE));
        assertThat(owners.linksRead()).isEqualTo(2);
        SocketOwners open = new SocketOwners(proc, new DenyingTables(-1, 1, 3), 1000);
        assertThat(open.attach(List.of(conn(10_002))).getFirst().owner())
                .isEqualTo(ProcessOwner.unattributed(Unattributed.NOT_FOUND));
    }

    @Test
    void ownsTheRealSocketsOfThisJvm() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux /proc");
        try (SocketZoo zoo = new SocketZoo().add("127.0.0.1", "127.0.0.1", 20, 0, 0)) {
            Set<Integer> ports = zoo.listenerPorts();
            ConnectionReader r = ConnectionReaders.create(ConnSourceMode.AUTO, Path.of("/proc"), true);
            List<Connection> mine = List.of();
            for (int poll = 0; poll < 20; poll++) { // a busy host may need more than one poll's budget
                mine = r.read(Instant.EPOCH).table().connections().stream()
                        .filter(c -> ports.contains(c.localPort()) || ports.contains(c.remotePort()))
                        .filter(c -> c.state() == TcpState.ESTABLISHED) // not others' sockets on a reused port
                        .filter(c -> c.local().isLoopback() && c.local().equals(c.remote()))
                        .toList();
                if (mine.stream().allMatch(c -> c.owner().attributed())) {
                    break;
                }
            }
            assertThat(mine).hasSize(40).allSatisfy(c -> {
                assertThat(c.owner().pid())
                        .isEqualTo((int) ProcessHandle.current().pid());
                assertThat(c.owner().command()).isNotEmpty();
            });
        }
    }

    /** Processes 1..20, each holding one socket, inode 10,000 + pid. */
    private void twentyProcesses() throws IOException {
        for (int pid = 1; pid <= 20; pid++) {
            process(pid, "p" + pid, 10_000 + pid);
        }
    }
}
