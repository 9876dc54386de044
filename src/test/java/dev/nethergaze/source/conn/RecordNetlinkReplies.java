package dev.nethergaze.source.conn;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Not a check: re-records the netlink fixtures of {@link RecordedRepliesTest} from this machine's
 * kernel when run with {@code -Dnetlink.record=src/test/resources/netlink} (root, hping3, nft).
 * In a fresh namespace it opens sockets in every reachable state, then saves the raw sock_diag
 * reply datagrams of both families and, right after, /proc/net/{tcp,tcp6,netstat,snmp}.
 */
class RecordNetlinkReplies {

    @Test
    void record() throws Exception {
        String dir = System.getProperty("netlink.record");
        assumeTrue(dir != null, "recording only with -Dnetlink.record=DIR");
        String missing = Netns.missing("hping3", "nft");
        assumeTrue(missing == null, missing);
        Path out = Path.of(dir);
        Files.createDirectories(out.resolve("proc/net"));
        try (Netns ns = Netns.create()) {
            ServerSocketChannel listener = SynBurst.listener(ns, 16);
            SynBurst.firewall(ns, SynBurst.port(listener));
            try (SocketZoo zoo = ns.call(() -> new SocketZoo()
                            .add("127.0.0.1", "127.0.0.1", 5, 2, 2)
                            .add("::1", "::1", 3, 1, 1)
                            .add("::", "127.0.0.1", 3, 1, 1));
                    SocketChannel pending = SynBurst.synSent(ns)) {
                SynBurst.burst(ns, SynBurst.port(listener), 200);
                ns.call(() -> {
                    dump(NetlinkReader.AF_INET, out.resolve("inet4.bin"));
                    dump(NetlinkReader.AF_INET6, out.resolve("inet6.bin"));
                    for (String f : new String[] {"tcp", "tcp6", "netstat", "snmp"}) {
                        Files.copy(
                                Netns.THREAD_PROC.resolve("net").resolve(f),
                                out.resolve("proc/net").resolve(f),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    return null;
                });
            } finally {
                listener.close();
            }
        }
    }

    private static void dump(int family, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InetDiagDecoder decoder = new InetDiagDecoder();
        try (SockDiagSocket s = SockDiagSocket.open()) {
            s.dump(family, (chunk, seq) -> {
                bytes.writeBytes(chunk.toArray(ValueLayout.JAVA_BYTE));
                return decoder.chunk(chunk, seq, r -> {});
            });
        }
        Files.write(file, bytes.toByteArray());
    }
}
