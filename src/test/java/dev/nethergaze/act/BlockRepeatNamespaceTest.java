package dev.nethergaze.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.detect.Allowlist;
import dev.nethergaze.detect.Cidr;
import dev.nethergaze.source.conn.Netns;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocking what is already blocked, and unblocking what is held twice or held by a wider block,
 * with the real firewall tools inside a network namespace of this test (never the host's
 * firewall). Needs root and the tools; skips naming what is missing.
 */
class BlockRepeatNamespaceTest {

    @TempDir
    Path tmp;

    /** A blocker on {@code b} whose commands run inside {@code ns}. */
    private Blocker blocker(Netns ns, Backend b) {
        ProcessRunner real = new ProcessRunner(FirewallWatch.MAX_OUTPUT);
        CommandRunner inside = (argv, timeout) -> {
            List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
            full.addAll(argv);
            return real.run(full, timeout);
        };
        return new Blocker(
                b,
                new BlockGuard(Allowlist.EMPTY, Optional.empty()),
                inside,
                new AuditLog(tmp.resolve("audit.jsonl"), Map.of()),
                true,
                InstantSource.system());
    }

    /** The lines of {@code listing} that hold our iptables comment. */
    private static List<String> ours(String listing) {
        return listing.lines().filter(l -> l.contains("nethergaze")).toList();
    }

    /**
     * iptables: a second block of the same address adds no second rule (-C first), and an unblock
     * removes every copy of our rule (one was inserted by hand, as an earlier version did), for
     * IPv4 and IPv6. Without the fixes: two rules after the second block, one left after unblock.
     */
    @Test
    void iptablesBlocksOnceAndUnblocksEveryCopy() throws Exception {
        String missing = Netns.missing("iptables", "ip6tables");
        assumeTrue(missing == null, missing);
        try (Netns ns = Netns.create()) {
            Blocker b = blocker(ns, Backend.IPTABLES);
            for (String[] t : new String[][] {{"iptables", "203.0.113.7"}, {"ip6tables", "2001:db8:bad::7"}}) {
                Cidr target = Cidr.parse(t[1]);
                b.block(target, null, "test");
                b.block(target, null, "test: again");
                assertThat(ours(ns.exec(t[0], "-w", "-S", "INPUT")))
                        .as(t[0] + " after two blocks")
                        .hasSize(1);

                ns.exec(
                        t[0],
                        "-w",
                        "-I",
                        "INPUT",
                        "-s",
                        t[1],
                        "-m",
                        "comment",
                        "--comment",
                        "nethergaze",
                        "-j",
                        "DROP");
                assertThat(ours(ns.exec(t[0], "-w", "-S", "INPUT"))).hasSize(2);
                b.unblock(target, "test");
                assertThat(ours(ns.exec(t[0], "-w", "-S", "INPUT")))
                        .as(t[0] + " after unblock")
                        .isEmpty();
                b.unblock(target, "test: nothing left to remove is not an error");
            }
        }
    }
}
