package dev.nethergaze.source.conn;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The half-open states of REAL-WORLD-TESTS.md inside a {@link Netns}: a listener that never
 * accepts, a bounded hping3 SYN burst at it whose SYN-ACKs are dropped on ingress (so requests stay
 * in SYN_RECV instead of being reset), and a connect towards a port whose SYNs are dropped (so the
 * client stays in SYN_SENT).
 */
public final class SynBurst {

    public static final int DROPPED_PORT = 9;

    private SynBurst() {}

    /** A never-accepting listener on 127.0.0.1 with {@code backlog}, created in the namespace. */
    public static ServerSocketChannel listener(Netns ns, int backlog) throws IOException, InterruptedException {
        return ns.call(() -> {
            ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET);
            s.bind(new InetSocketAddress(SocketZoo.addr("127.0.0.1"), 0), backlog);
            return s;
        });
    }

    public static int port(ServerSocketChannel s) throws IOException {
        return ((InetSocketAddress) s.getLocalAddress()).getPort();
    }

    /** nft: drop SYN-ACKs from {@code port} on ingress, and SYNs to {@link #DROPPED_PORT} on input. */
    public static void firewall(Netns ns, int port) throws IOException, InterruptedException {
        ns.exec("nft", "add", "table", "inet", "ngz");
        ns.exec("nft", "add", "chain", "inet", "ngz", "pre", "{ type filter hook prerouting priority -300 ; }");
        ns.exec(
                "nft",
                "add",
                "rule",
                "inet",
                "ngz",
                "pre",
                "iif",
                "lo",
                "tcp",
                "sport",
                Integer.toString(port),
                "tcp",
                "flags",
                "&",
                "(syn|ack)",
                "==",
                "syn|ack",
                "drop");
        ns.exec("nft", "add", "chain", "inet", "ngz", "in", "{ type filter hook input priority 0 ; }");
        ns.exec("nft", "add", "rule", "inet", "ngz", "in", "tcp", "dport", Integer.toString(DROPPED_PORT), "drop");
    }

    /** A non-blocking connect that stays in SYN_SENT (its SYNs are dropped). */
    public static SocketChannel synSent(Netns ns) throws IOException, InterruptedException {
        return ns.call(() -> {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.INET);
            ch.configureBlocking(false);
            ch.connect(new InetSocketAddress(SocketZoo.addr("127.0.0.1"), DROPPED_PORT));
            return ch;
        });
    }

    /** Sends exactly {@code count} SYNs at 10k/s (hping3 -c, -i u100; never --flood) and waits. */
    public static void burst(Netns ns, int port, int count) throws IOException, InterruptedException {
        Process p = ns.start(
                "hping3",
                "-q",
                "-S",
                "-p",
                Integer.toString(port),
                "-c",
                Integer.toString(count),
                "-i",
                "u100",
                "127.0.0.1");
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("hping3 did not finish");
        }
    }
}
