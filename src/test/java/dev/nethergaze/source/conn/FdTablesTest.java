package dev.nethergaze.source.conn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both fd-table readers on a fake proc tree (kernel-like symlinks) and on this JVM's own fds. */
class FdTablesTest {

    @TempDir
    Path proc;

    private FdTables tables(String kind, Path root) {
        FdTables t = kind.equals("native") ? NativeFdTables.create(root) : new NioFdTables(root);
        assertThat(t)
                .as("native fd walk binds here (%s)", FdCalls.unavailable())
                .isNotNull();
        return t;
    }

    private void links(int pid, String... targets) throws IOException {
        Path fd = Files.createDirectories(proc.resolve(Integer.toString(pid)).resolve("fd"));
        for (int i = 0; i < targets.length; i++) {
            Files.createSymbolicLink(fd.resolve(Integer.toString(i)), Path.of(targets[i]));
        }
    }

    private static List<Long> sockets(FdTables t, int pid, int[] read) {
        List<Long> out = new ArrayList<>();
        read[0] = t.sockets(pid, out::add);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "nio"})
    void readsSocketLinksOnly(String kind) throws IOException {
        links(
                42,
                "/dev/null",
                "socket:[123]",
                "pipe:[77]",
                "socket:[]",
                "socket:[12x]",
                "socket:[4294967296]",
                "anon_inode:[eventpoll]",
                "socket:[9",
                "/" + "x".repeat(200) + "/socket:[5]",
                "socket:[18446744073709551615]"); // beyond a long: not an inode we could hold
        int[] read = new int[1];

        List<Long> found = sockets(tables(kind, proc), 42, read);

        assertThat(found).containsExactlyInAnyOrder(123L, 4_294_967_296L);
        assertThat(read[0]).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "nio"})
    void listsPidsOnly(String kind) throws IOException {
        links(1);
        links(4_194_304);
        Files.createDirectories(proc.resolve("self"));
        Files.createDirectories(proc.resolve("12a"));
        Files.createDirectories(proc.resolve("99999999999")); // more than 10 digits
        Files.writeString(proc.resolve("77"), "a file with a pid's name");

        assertThat(tables(kind, proc).pids()).containsExactlyInAnyOrder(1, 4_194_304, 77);
        assertThat(tables(kind, proc.resolve("absent")).pids()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "nio"})
    void aProcessThatIsGoneReadsAsNothing(String kind) throws IOException {
        links(5, "socket:[1]");
        Files.createDirectories(proc.resolve("6")); // no fd directory: exited while listed
        FdTables t = tables(kind, proc);
        int[] read = new int[1];

        assertThat(sockets(t, 6, read)).isEmpty();
        assertThat(read[0]).isZero();
        assertThat(sockets(t, 7, read)).isEmpty();
        assertThat(read[0]).isZero();
        assertThat(sockets(t, 5, read)).containsExactly(1L); // and the reader still works
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "nio"})
    void aLargeFdTableSpansSeveralDirectoryBatches(String kind) throws IOException {
        String[] targets = IntStream.range(0, 3000)
                .mapToObj(i -> "socket:[" + (1_000_000 + i) + "]")
                .toArray(String[]::new);
        links(9, targets);
        int[] read = new int[1];

        List<Long> found = sockets(tables(kind, proc), 9, read);

        assertThat(read[0]).isEqualTo(3000);
        assertThat(found).hasSize(3000).doesNotHaveDuplicates().allMatch(i -> i >= 1_000_000 && i < 1_003_000);
    }

    @Test
    void bothReadersSeeTheSameSocketsOfThisJvm() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux /proc");
        int pid = (int) ProcessHandle.current().pid();
        try (SocketZoo zoo = new SocketZoo().add("127.0.0.1", "127.0.0.1", 5, 0, 0)) {
            assertThat(zoo.ports()).isNotEmpty();
            int[] read = new int[1];
            List<Long> nativeSockets = sockets(tables("native", Path.of("/proc")), pid, read);
            List<Long> nioSockets = sockets(tables("nio", Path.of("/proc")), pid, read);

            assertThat(nativeSockets).hasSizeGreaterThanOrEqualTo(11); // 5 pairs and the listener
            assertThat(nativeSockets).containsExactlyInAnyOrderElementsOf(nioSockets);
            assertThat(tables("native", Path.of("/proc")).pids()).contains(pid);
        }
    }

    @Test
    void theDefaultIsNativeOnLinux() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Linux only");
        assertThat(FdTables.of(proc).kind()).isEqualTo("native");
    }
}
