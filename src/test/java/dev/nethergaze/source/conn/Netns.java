package dev.nethergaze.source.conn;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away network namespace for tests (root only): created with {@code ip netns add}, its
 * loopback up, removed on {@link #close()} with every process started in it (by handle, with the
 * processes those started). Code passed to {@link #call} runs on one platform thread that joined the
 * namespace with setns(2), so sockets it creates — Java sockets, the netlink socket — live there, and
 * {@code /proc/thread-self/net} shows its tables.
 */
@SuppressWarnings("restricted")
public final class Netns implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final int CLONE_NEWNET = 0x40000000;
    /** The proc root whose net/ is the calling thread's namespace. */
    static final Path THREAD_PROC = Path.of("/proc/thread-self");

    private final String name;
    private final ExecutorService thread;
    private final List<Process> processes = new ArrayList<>();

    private Netns(String name) {
        this.name = name;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "netns-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Null when this process may create namespaces (root, iproute2), else what is missing. */
    public static String missing(String... tools) {
        try {
            boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[2].equals("0"));
            if (!root) {
                return "needs root (network namespaces)";
            }
        } catch (IOException e) {
            return "needs Linux /proc";
        }
        for (String tool : List.of("ip")) {
            if (!onPath(tool)) {
                return "needs '" + tool + "' (Debian iproute2)";
            }
        }
        for (String tool : tools) {
            if (!onPath(tool)) {
                return "needs '" + tool + "' (Debian package " + tool + ")";
            }
        }
        return null;
    }

    private static boolean onPath(String tool) {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    public static Netns create() throws IOException, InterruptedException {
        String name = "ngz-t" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        run(List.of("ip", "netns", "add", name));
        Netns ns = new Netns(name);
        try {
            ns.exec("ip", "link", "set", "lo", "up");
            ns.call(() -> {
                join(name);
                return null;
            });
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    public String name() {
        return name;
    }

    /**
     * Joins {@code a} and {@code b} with a veth pair named after {@code stem} and this test process
     * (deleted with either namespace); returns the two ends' names, {@code a}'s first.
     */
    public static String[] veth(Netns a, Netns b, String stem) throws IOException, InterruptedException {
        String base = stem + ProcessHandle.current().pid() % 100_000;
        String[] ends = {base + "s", base + "c"};
        run(List.of(
                "ip", "link", "add", ends[0], "netns", a.name, "type", "veth", "peer", "name", ends[1], "netns",
                b.name));
        return ends;
    }

    /** Gives {@code dev} these addresses (IPv6 without duplicate detection, usable at once) and brings it up. */
    public void address(String dev, String... cidrs) throws IOException, InterruptedException {
        for (String c : cidrs) {
            if (c.contains(":")) {
                exec("ip", "-6", "addr", "add", c, "dev", dev, "nodad");
            } else {
                exec("ip", "addr", "add", c, "dev", dev);
            }
        }
        exec("ip", "link", "set", dev, "up");
    }

    /** Runs {@code task} on the namespace's thread. */
    public <T> T call(Callable<T> task) throws IOException, InterruptedException {
        try {
            return thread.submit(task).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("netns task timed out", e);
        }
    }

    /** Runs a command inside the namespace to completion; fails on a non-zero exit. */
    public String exec(String... cmd) throws IOException, InterruptedException {
        return run(inside(cmd));
    }

    /** curl inside the namespace, quiet, the body discarded, at most 10 s; fails on a non-zero exit. */
    public String curl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "--max-time", "10"));
        cmd.addAll(List.of(args));
        return exec(cmd.toArray(String[]::new));
    }

    /**
     * Until at least {@code sockets} TCP sockets listen on {@code port} here (ss, from iproute2), for
     * at most 20 s; {@code server}, when given, must stay alive meanwhile.
     */
    public void awaitListening(int port, int sockets, Process server) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (exec("ss", "-Hltn", "sport", "=", ":" + port).lines().count() < sockets) {
            if (server != null && !server.isAlive()) {
                throw new IOException("the server for port " + port + " exited with " + server.exitValue());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("nothing listens on port " + port + " after 20 s");
            }
            Thread.sleep(50);
        }
    }

    /** Starts a command inside the namespace; it is destroyed on {@link #close()}. */
    public Process start(String... cmd) throws IOException {
        Process p = new ProcessBuilder(inside(cmd)).redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    private List<String> inside(String... cmd) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
        all.addAll(List.of(cmd));
        return all;
    }

    public static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + ": timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + out.strip());
        }
        return out;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly); // what it started: daemons' children
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        thread.shutdownNow();
        run(List.of("ip", "netns", "del", name));
    }

    private static void join(String name) throws IOException {
        Linker linker = Linker.nativeLinker();
        try (Arena arena = Arena.ofConfined()) {
            MethodHandle open = linker.downcallHandle(
                    linker.defaultLookup().find("open").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            MethodHandle setns = linker.downcallHandle(
                    linker.defaultLookup().find("setns").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            MethodHandle close = linker.downcallHandle(
                    linker.defaultLookup().find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            int fd = (int) open.invokeExact(arena.allocateFrom("/run/netns/" + name), 0x80000);
            if (fd < 0) {
                throw new IOException("cannot open /run/netns/" + name);
            }
            int rc = (int) setns.invokeExact(fd, CLONE_NEWNET);
            int closed = (int) close.invokeExact(fd);
            if (rc != 0 || closed != 0) {
                throw new IOException("setns into " + name + " failed");
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("setns downcall failed: " + t, t);
        }
    }
}
