package dev.nethergaze.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.detect.Allowlist;
import dev.nethergaze.detect.Cidr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: two network namespaces joined by a veth pair with documentation addresses, a TCP
 * listener in the "server" namespace, and nethergaze's nftables plan executed there. A block really
 * drops connections from the "client" namespace (IPv4 and IPv6); the unblock restores them.
 * Needs root, ip (iproute2), nft (nftables) and python3; skips naming what is missing.
 */
class NftNamespaceTest {

    private static final String PORT = "8080";
    private final String server = "ngz-srv-" + ProcessHandle.current().pid();
    private final String client = "ngz-cli-" + ProcessHandle.current().pid();
    private Process listener;
    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(isRoot(), "needs root (network namespaces, nftables)");
        for (String tool : List.of("ip", "nft", "python3")) {
            assumeTrue(onPath(tool), "needs " + tool + " on PATH (apt-get install iproute2 nftables python3)");
        }
        String vs = "ngzs" + ProcessHandle.current().pid() % 100000;
        String vc = "ngzc" + ProcessHandle.current().pid() % 100000;
        run("ip", "netns", "add", server);
        run("ip", "netns", "add", client);
        run("ip", "link", "add", vs, "type", "veth", "peer", "name", vc);
        run("ip", "link", "set", vs, "netns", server);
        run("ip", "link", "set", vc, "netns", client);
        run("ip", "-n", server, "addr", "add", "192.0.2.1/24", "dev", vs);
        run("ip", "-n", server, "addr", "add", "2001:db8::1/64", "dev", vs, "nodad");
        run("ip", "-n", client, "addr", "add", "192.0.2.2/24", "dev", vc);
        run("ip", "-n", client, "addr", "add", "2001:db8::2/64", "dev", vc, "nodad");
        for (String ns : List.of(server, client)) {
            run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        run("ip", "-n", server, "link", "set", vs, "up");
        run("ip", "-n", client, "link", "set", vc, "up");
        String serve = "import socket\n"
                + "s=socket.socket(socket.AF_INET6); s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)\n"
                + "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('::', " + PORT
                + ")); s.listen(64)\n"
                + "while True:\n c,_=s.accept(); c.close()\n";
        listener = new ProcessBuilder("ip", "netns", "exec", server, "python3", "-c", serve)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("listener.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!connects("192.0.2.1") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        if (listener != null) {
            listener.descendants().forEach(ProcessHandle::destroyForcibly);
            listener.destroyForcibly();
            listener.waitFor(5, TimeUnit.SECONDS);
        }
        if (isRoot()) {
            quiet("ip", "netns", "del", server);
            quiet("ip", "netns", "del", client);
        }
    }

    /** A blocker on nftables that runs its commands through {@code runner}, auditing to this test's file. */
    private Blocker executing(CommandRunner runner, java.util.Map<String, String> env) {
        return new Blocker(
                Backend.NFTABLES,
                new BlockGuard(Allowlist.EMPTY, Optional.empty()),
                runner,
                new AuditLog(tmp.resolve("audit.jsonl"), env),
                true,
                InstantSource.system());
    }

    /** Runs each command in namespace {@code ns}. */
    private static CommandRunner in(String ns, ProcessRunner real, String... prefix) {
        return (argv, timeout) -> {
            List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
            full.addAll(List.of(prefix));
            full.addAll(argv);
            return real.run(full, timeout);
        };
    }

    @Test
    void blockDropsTheClientAndUnblockRestoresIt() throws Exception {
        assertThat(connects("192.0.2.1")).as("IPv4 before block").isTrue();
        assertThat(connects("2001:db8::1")).as("IPv6 before block").isTrue();

        ProcessRunner real = new ProcessRunner();
        CommandRunner inServer = in(server, real);
        Blocker blocker = executing(inServer, java.util.Map.of("SUDO_USER", "tester"));

        blocker.block(Cidr.parse("192.0.2.2"), null, "test: scanner");
        assertThat(connects("192.0.2.1")).as("IPv4 after block").isFalse();
        assertThat(connects("2001:db8::1"))
                .as("IPv6 is another family: still open")
                .isTrue();

        blocker.block(Cidr.parse("2001:db8::/64"), Duration.ofHours(1), "test: flood prefix");
        assertThat(connects("2001:db8::1")).as("IPv6 after prefix block").isFalse();

        // setup is idempotent: blocking again does not stack rules
        blocker.block(Cidr.parse("192.0.2.2"), null, "test: again");
        String chain = inServer.run(
                        List.of("nft", "list", "chain", "inet", "nethergaze", "input"), Duration.ofSeconds(5))
                .stdout();
        assertThat(chain.lines().filter(l -> l.contains("drop"))).hasSize(2);
        String set6 = inServer.run(
                        List.of("nft", "list", "set", "inet", "nethergaze", "blocked6"), Duration.ofSeconds(5))
                .stdout();
        assertThat(set6).contains("2001:db8::/64 timeout 1h");

        blocker.unblock(Cidr.parse("192.0.2.2"), "test: done");
        blocker.unblock(Cidr.parse("2001:db8::/64"), "test: done");
        assertThat(connects("192.0.2.1")).as("IPv4 after unblock").isTrue();
        assertThat(connects("2001:db8::1")).as("IPv6 after unblock").isTrue();

        List<String> lines = Files.readAllLines(tmp.resolve("audit.jsonl"));
        assertThat(lines).hasSize(5);
        assertThat(lines.getFirst())
                .contains("\"action\":\"block\"", "\"target\":\"192.0.2.2\"", "\"sudo_user\":\"tester\"")
                .contains("\"reason\":\"test: scanner\"", "\"backend\":\"nftables\"");
    }

    /**
     * Blocking a second address never lets the first one through while our chain is set up again:
     * the chain was flushed by one nft command and its two rules added by two more, so between them
     * every address nethergaze blocked was accepted (found by hammering connects from a blocked
     * address while another was blocked: 65 of 631 got through). The client tries to connect after
     * every command the second block runs.
     */
    @Test
    void aSecondBlockNeverLetsTheFirstOneThrough() throws Exception {
        CommandRunner inServer = in(server, new ProcessRunner());
        executing(inServer, java.util.Map.of()).block(Cidr.parse("192.0.2.2"), null, "test: first");
        assertThat(connects("192.0.2.1")).as("IPv4 after the first block").isFalse();
        List<String> through = new ArrayList<>();
        CommandRunner probing = (argv, timeout) -> {
            CommandRunner.Result r = inServer.run(argv, timeout);
            try {
                if (connects("192.0.2.1", "0.3")) {
                    through.add(Quote.join(argv));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return r;
        };
        executing(probing, java.util.Map.of()).block(Cidr.parse("203.0.113.5"), null, "test: second");
        assertThat(through)
                .as("commands after which the blocked client got through")
                .isEmpty();
        assertThat(connects("192.0.2.1")).as("IPv4 after the second block").isFalse();
    }

    /**
     * The firewall watch reads the real ruleset: our own block (with its timeout), a fail2ban jail's
     * set (the names its nftables action gives), and the end of a block at the next read. Without
     * root, nft is refused and the watch says so instead of showing nothing blocked.
     */
    @Test
    void theFirewallWatchSeesWhatIsBlockedAndWhenItEnds() throws Exception {
        ProcessRunner real = new ProcessRunner(FirewallWatch.MAX_OUTPUT);
        CommandRunner inServer = in(server, real);
        Blocker blocker = executing(inServer, java.util.Map.of());
        blocker.block(Cidr.parse("192.0.2.2"), null, "test: scanner");
        blocker.block(Cidr.parse("2001:db8::/64"), Duration.ofHours(1), "test: flood prefix");
        for (String cmd : List.of(
                "add table inet f2b-table",
                "add set inet f2b-table addr-set-sshd { type ipv4_addr; }",
                "add chain inet f2b-table f2b-chain { type filter hook input priority filter - 1; }",
                "add rule inet f2b-table f2b-chain tcp dport 22 ip saddr @addr-set-sshd reject",
                "add element inet f2b-table addr-set-sshd { 198.51.100.9 }")) {
            List<String> argv = new ArrayList<>(List.of("nft"));
            argv.addAll(List.of(cmd.split(" ")));
            assertThat(inServer.run(argv, Duration.ofSeconds(5)).ok()).as(cmd).isTrue();
        }
        List<dev.nethergaze.model.SourceEvent> seen = new ArrayList<>();
        FirewallWatch watch =
                new FirewallWatch(inServer, Duration.ofSeconds(5), InstantSource.system(), (n, st, d) -> {});
        watch.readOnce(seen::add);
        assertThat(watch.health().status()).isEqualTo(dev.nethergaze.model.SourceStatus.OK);
        assertThat(watch.health().detail())
                .contains("3 blocked addresses, prefixes or ranges (", "nftables 3 blocking rules");
        dev.nethergaze.model.BlockTable t = ((dev.nethergaze.model.FirewallBlocks) seen.getLast()).table();
        dev.nethergaze.model.Block ours =
                t.find(dev.nethergaze.model.IpKey.parse("192.0.2.2")).getFirst();
        assertThat(ours.by()).isEqualTo("nethergaze");
        assertThat(ours.whole()).isTrue();
        dev.nethergaze.model.Block prefix =
                t.find(dev.nethergaze.model.IpKey.parse("2001:db8::2")).getFirst();
        assertThat(prefix.matched()).isEqualTo("2001:db8::/64");
        assertThat(prefix.expires())
                .isBetween(
                        java.time.Instant.now().plusSeconds(3500),
                        java.time.Instant.now().plusSeconds(3601));
        dev.nethergaze.model.Block jail =
                t.find(dev.nethergaze.model.IpKey.parse("198.51.100.9")).getFirst();
        assertThat(jail.by()).isEqualTo("fail2ban sshd");
        assertThat(jail.only()).isEqualTo("tcp dport 22");
        assertThat(t.find(dev.nethergaze.model.IpKey.parse("192.0.2.3"))).isEmpty();

        blocker.unblock(Cidr.parse("192.0.2.2"), "test: done");
        watch.readOnce(seen::add);
        assertThat(((dev.nethergaze.model.FirewallBlocks) seen.getLast())
                        .table()
                        .find(dev.nethergaze.model.IpKey.parse("192.0.2.2")))
                .as("unblocked: gone at the next read")
                .isEmpty();

        assumeTrue(onPath("setpriv"), "needs setpriv (util-linux) to read as an unprivileged user");
        CommandRunner asNobody = in(server, real, "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
        FirewallWatch denied =
                new FirewallWatch(asNobody, Duration.ofSeconds(5), InstantSource.system(), (n, st, d) -> {});
        int before = seen.size();
        denied.readOnce(seen::add);
        assertThat(denied.health().status()).isEqualTo(dev.nethergaze.model.SourceStatus.PERMISSION_DENIED);
        assertThat(denied.health().detail())
                .contains("nft: permission denied (run as root to see what the firewall blocks)");
        assertThat(seen).as("nothing emitted: the engine keeps its last table").hasSize(before);
    }

    /**
     * iptables and ipset, read in their own terms (both real, in the namespace): fail2ban's
     * iptables-ipset layout holds its ports only, our set and comment are ours, and a rule iptables-nft
     * keeps in nft's tables is found once, not twice.
     */
    @Test
    void theFirewallWatchReadsIptablesAndIpsetInTheirOwnTerms() throws Exception {
        for (String tool : List.of("iptables", "ip6tables", "ipset", "iptables-save")) {
            assumeTrue(onPath(tool), "needs " + tool + " on PATH (apt-get install iptables ipset)");
        }
        CommandRunner inServer = in(server, new ProcessRunner(FirewallWatch.MAX_OUTPUT));
        for (String cmd : List.of(
                "ipset create f2b-sshd hash:ip timeout 600",
                "ipset add f2b-sshd 203.0.113.5 timeout 300",
                "ipset create nethergaze4 hash:net family inet timeout 0",
                "ipset add nethergaze4 198.51.100.0/24 timeout 0",
                "iptables -w -N f2b-sshd",
                "iptables -w -A f2b-sshd -m set --match-set f2b-sshd src -j REJECT --reject-with icmp-port-unreachable",
                "iptables -w -A f2b-sshd -j RETURN",
                "iptables -w -I INPUT -p tcp -m multiport --dports 22 -j f2b-sshd",
                "iptables -w -I INPUT -m set --match-set nethergaze4 src -j DROP",
                "iptables -w -A INPUT -s 203.0.113.9/32 -m comment --comment nethergaze -j DROP",
                "ip6tables -w -A INPUT -s 2001:db8:bad::/48 -i eth0 -j DROP")) {
            CommandRunner.Result r = inServer.run(List.of(cmd.split(" ")), Duration.ofSeconds(10));
            assertThat(r.ok()).as(cmd + ": " + r.firstLine()).isTrue();
        }
        List<dev.nethergaze.model.SourceEvent> seen = new ArrayList<>();
        FirewallWatch watch =
                new FirewallWatch(inServer, Duration.ofSeconds(5), InstantSource.system(), (n, st, d) -> {});
        watch.readOnce(seen::add);
        assertThat(watch.health().status()).isEqualTo(dev.nethergaze.model.SourceStatus.OK);
        assertThat(watch.health().detail()).contains("iptables 3 blocking rules", "ip6tables 1 blocking rules");
        dev.nethergaze.model.BlockTable t = ((dev.nethergaze.model.FirewallBlocks) seen.getLast()).table();
        List<dev.nethergaze.model.Block> ban = t.find(dev.nethergaze.model.IpKey.parse("203.0.113.5"));
        assertThat(ban).hasSize(1);
        assertThat(ban.getFirst().by()).isEqualTo("fail2ban sshd");
        assertThat(ban.getFirst().only()).isEqualTo("-p tcp --dports 22");
        assertThat(ban.getFirst().expires()).isNotNull();
        assertThat(t.find(dev.nethergaze.model.IpKey.parse("198.51.100.40"))
                        .getFirst()
                        .by())
                .isEqualTo("nethergaze");
        List<dev.nethergaze.model.Block> tagged = t.find(dev.nethergaze.model.IpKey.parse("203.0.113.9"));
        assertThat(tagged)
                .as("once, in iptables' terms, not again from nft's view of the same table")
                .hasSize(1);
        assertThat(tagged.getFirst().by()).isEqualTo("nethergaze");
        assertThat(t.find(dev.nethergaze.model.IpKey.parse("2001:db8:bad::1"))
                        .getFirst()
                        .only())
                .isEqualTo("-i eth0");
    }

    /**
     * A block also ends what the blocked address already has open: a dual-stack server (IPv4 clients
     * appear v4-mapped) keeps what it accepts, the client holds one connection per family. Each
     * block closes the server's sockets of its own family, and only those.
     */
    @Test
    void blockClosesTheConnectionsItAlreadyHasOpen() throws Exception {
        started.add(new ProcessBuilder("ip", "netns", "exec", server, "python3", "-c", """
            import socket
            s=socket.socket(socket.AF_INET6); s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
            s.bind(('::', 8081)); s.listen(8); keep=[]
            while True:
             c,_=s.accept(); keep.append(c)
            """)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start());
        ProcessRunner real = new ProcessRunner();
        CommandRunner inServer = in(server, real);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (held(inServer).isEmpty() && System.nanoTime() < deadline) {
            if (held(inServer).isEmpty() && !listens(inServer)) {
                Thread.sleep(50);
                continue;
            }
            started.add(new ProcessBuilder("ip", "netns", "exec", client, "python3", "-c", """
                import socket,time
                a=socket.create_connection(('192.0.2.1', 8081))
                b=socket.create_connection(('2001:db8::1', 8081))
                time.sleep(60)
                """)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start());
            while (held(inServer).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        assertThat(held(inServer))
                .as("the server holds one connection per family")
                .hasSize(2)
                .anyMatch(l -> l.contains("[::ffff:192.0.2.2]:"))
                .anyMatch(l -> l.contains("[2001:db8::2]:"));

        Blocker blocker = executing(inServer, java.util.Map.of());
        Blocker.Outcome v4 = blocker.block(Cidr.parse("192.0.2.2"), null, "test: held v4");
        assertThat(v4.warnings()).isEmpty();
        assertThat(held(inServer)).singleElement().asString().contains("[2001:db8::2]:");

        blocker.block(Cidr.parse("2001:db8::/64"), null, "test: held v6");
        assertThat(held(inServer)).isEmpty();
    }

    /**
     * A SYN flood's half-open connections are closed by the block too. {@code ss} leaves SYN-RECV (and
     * TIME-WAIT) out of the sockets it lists, and kills, unless a state is named: after a block the
     * flooder's half-open rows stayed until the kernel gave up on them, up to a minute, its listener's
     * SYN queue still full and the console still showing them. The client's SYN-ACKs are dropped as they
     * come in, so its connects stay SYN-SENT and the server's rows SYN-RECV.
     */
    @Test
    void blockClosesTheHalfOpenConnectionsOfASynFlood() throws Exception {
        ProcessRunner real = new ProcessRunner();
        CommandRunner inServer = in(server, real);
        CommandRunner inClient = in(client, real);
        started.add(new ProcessBuilder("ip", "netns", "exec", server, "python3", "-c", """
                import socket,time
                s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind(('192.0.2.1', 8082)); s.listen(64); time.sleep(60)
                """)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start());
        assertThat(inClient.run(
                                List.of(
                                        "nft",
                                        "add table inet synack; add chain inet synack pre { type filter hook prerouting"
                                                + " priority -300; }; add rule inet synack pre tcp sport 8082"
                                                + " tcp flags & (syn|ack) == syn|ack drop"),
                                Duration.ofSeconds(5))
                        .exit())
                .isZero();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (halfOpen(inServer).size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            if (halfOpen(inServer).isEmpty()) {
                started.add(new ProcessBuilder("ip", "netns", "exec", client, "python3", "-c", """
                        import socket,time
                        ss=[socket.socket() for _ in range(3)]
                        for s in ss: s.setblocking(False); s.connect_ex(('192.0.2.1', 8082))
                        time.sleep(60)
                        """)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start());
            }
        }
        assertThat(halfOpen(inServer)).as("the server's half-open rows").hasSize(3);

        executing(inServer, java.util.Map.of()).block(Cidr.parse("192.0.2.2"), null, "test: syn flood");
        assertThat(halfOpen(inServer)).as("half-open rows after the block").isEmpty();
    }

    /** The server's half-open (SYN-RECV) connections on port 8082, one line each. */
    private static List<String> halfOpen(CommandRunner inServer) throws Exception {
        return rows(inServer, "syn-recv", ":8082");
    }

    /** The server's established connections on the holding port, one line each. */
    private static List<String> held(CommandRunner inServer) throws Exception {
        return rows(inServer, "established", ":8081");
    }

    /** The server's connections in {@code state} on local {@code port}, one line each. */
    private static List<String> rows(CommandRunner inServer, String state, String port) throws Exception {
        return inServer.run(List.of("ss", "-t", "-n", "-H", "state", state, "sport", "=", port), Duration.ofSeconds(5))
                .stdout()
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
    }

    private static boolean listens(CommandRunner inServer) throws Exception {
        return !inServer.run(List.of("ss", "-t", "-l", "-n", "-H", "sport", "=", ":8081"), Duration.ofSeconds(5))
                .stdout()
                .isBlank();
    }

    private boolean connects(String address) throws IOException, InterruptedException {
        return connects(address, "1.5");
    }

    /** Whether the client connects to {@code address} within {@code seconds}. */
    private boolean connects(String address, String seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "ip",
                        "netns",
                        "exec",
                        client,
                        "python3",
                        "-c",
                        "import socket,sys; socket.create_connection((sys.argv[1], " + PORT + "), timeout=" + seconds
                                + ").close()",
                        address)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + out.strip());
        }
    }

    private static void quiet(String... argv) throws IOException, InterruptedException {
        new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor();
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }
}
