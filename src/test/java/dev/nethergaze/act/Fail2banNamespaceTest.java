package dev.nethergaze.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.model.Block;
import dev.nethergaze.model.BlockTable;
import dev.nethergaze.model.FirewallBlocks;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.source.conn.Netns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real fail2ban (Debian's, its own action files) in a network namespace of this test, banning
 * through its nftables action (one jail) and its iptables-ipset action (another): the firewall
 * watch names each ban by its jail with the ports it holds, and after {@code fail2ban-client set
 * JAIL unbanip} (what the console's unblock dialog tells to run) the ban is gone at the next read.
 * Needs root, ip, nft, iptables, ipset and fail2ban-server.
 */
class Fail2banNamespaceTest {

    @TempDir
    Path tmp;

    @Test
    void bansOfBothActionKindsAreNamedByTheirJailAndEndWithUnban() throws Exception {
        String missing = Netns.missing("nft", "iptables", "ipset", "fail2ban-server", "fail2ban-client");
        assumeTrue(missing == null, missing);
        Path conf = Files.createDirectories(tmp.resolve("conf"));
        for (String part : List.of("action.d", "filter.d")) {
            copyTree(Path.of("/etc/fail2ban", part), conf.resolve(part));
        }
        for (String f : List.of("paths-common.conf", "paths-debian.conf")) {
            Files.copy(Path.of("/etc/fail2ban", f), conf.resolve(f));
        }
        Path log = Files.createFile(tmp.resolve("auth.log"));
        Files.writeString(conf.resolve("fail2ban.conf"), """
            [Definition]
            loglevel = INFO
            logtarget = %s
            socket = %s
            pidfile = %s
            dbfile = :memory:
            """.formatted(
                        tmp.resolve("fail2ban.log"), tmp.resolve("f2b.sock"), tmp.resolve("f2b.pid")));
        Files.writeString(conf.resolve("jail.conf"), """
            [INCLUDES]
            before = paths-debian.conf
            [DEFAULT]
            backend = polling
            [sshd]
            enabled = true
            logpath = %1$s
            action = nftables-multiport[name=sshd, port="ssh", protocol=tcp]
            [recidive6]
            enabled = true
            filter = sshd
            logpath = %1$s
            action = iptables-ipset-proto6-allports[name=recidive6]
            """.formatted(log));
        try (Netns ns = Netns.create()) {
            Process server = ns.start("fail2ban-server", "-f", "-x", "-c", conf.toString());
            try {
                List<String> client =
                        List.of("ip", "netns", "exec", ns.name(), "fail2ban-client", "-c", conf.toString());
                awaitPing(client, server);
                run(client, "set", "sshd", "banip", "203.0.113.5");
                run(client, "set", "recidive6", "banip", "198.51.100.77");

                ProcessRunner real = new ProcessRunner(FirewallWatch.MAX_OUTPUT);
                CommandRunner inNs = (argv, timeout) -> {
                    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
                    full.addAll(argv);
                    return real.run(full, timeout);
                };
                FirewallWatch watch =
                        new FirewallWatch(inNs, Duration.ofSeconds(5), InstantSource.system(), (n, s, d) -> {});
                List<SourceEvent> seen = new ArrayList<>();
                watch.readOnce(seen::add);
                BlockTable t = ((FirewallBlocks) seen.getLast()).table();
                Block ssh = only(t, "203.0.113.5");
                assertThat(ssh.by()).isEqualTo("fail2ban sshd");
                assertThat(ssh.only()).isEqualTo("tcp dport 22");
                assertThat(ssh.rule()).startsWith("inet f2b-table f2b-chain: ip saddr @addr-set-sshd");
                Block recidive = only(t, "198.51.100.77");
                assertThat(recidive.by()).isEqualTo("fail2ban recidive6");
                assertThat(recidive.only()).isEqualTo("-p tcp");
                assertThat(t.find(IpKey.parse("203.0.113.6"))).isEmpty();

                run(client, "set", "sshd", "unbanip", "203.0.113.5");
                watch.readOnce(seen::add);
                BlockTable after = ((FirewallBlocks) seen.getLast()).table();
                assertThat(after.find(IpKey.parse("203.0.113.5")))
                        .as("unbanned")
                        .isEmpty();
                assertThat(after.find(IpKey.parse("198.51.100.77"))).hasSize(1);
                run(client, "stop");
                assertThat(server.waitFor(20, TimeUnit.SECONDS))
                        .as("fail2ban-server stops")
                        .isTrue();
            } finally {
                server.destroyForcibly();
            }
        }
    }

    private static Block only(BlockTable t, String ip) {
        List<Block> all = t.find(IpKey.parse(ip));
        assertThat(all).as(ip).hasSize(1);
        return all.getFirst();
    }

    private static void run(List<String> client, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(client);
        cmd.addAll(List.of(args));
        Netns.run(cmd);
    }

    /** Until the server answers its socket (it starts its jails first). */
    private static void awaitPing(List<String> client, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("fail2ban-server runs").isTrue();
            List<String> cmd = new ArrayList<>(client);
            cmd.add("ping");
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("fail2ban-server never answered");
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }
}
