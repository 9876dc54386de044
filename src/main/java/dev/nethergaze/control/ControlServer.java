package dev.nethergaze.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The local control socket ({@code nethergaze ctl}): a Unix-domain socket, one JSON request per
 * line, one JSON reply per line. Requests are capped at {@value #MAX_REQUEST} bytes, replies by
 * {@link ControlCommands}; at most {@value #MAX_CLIENTS} clients at once, each on a virtual thread.
 * A client that sends no complete request for {@link #IDLE} is disconnected, so stuck clients cannot
 * lock the operator out; one over the limit gets its request read and the refusal as its reply.
 */
public final class ControlServer implements AutoCloseable {

    static final int MAX_REQUEST = 64 * 1024;
    static final int MAX_CLIENTS = 8;
    static final Duration IDLE = Duration.ofSeconds(10);
    private static final byte[] TOO_MANY =
            "{\"ok\":false,\"error\":\"too many control clients\"}\n".getBytes(StandardCharsets.UTF_8);

    private final Path path;
    private final ControlSocket.Bound bound;
    private final ServerSocketChannel server;
    private final ControlCommands commands;
    private final Semaphore clients = new Semaphore(MAX_CLIENTS);
    private final Semaphore refusing = new Semaphore(4 * MAX_CLIENTS);
    /** Each open client and when it last completed a request (or connected), System.nanoTime. */
    private final Map<SocketChannel, Long> lastActive = new ConcurrentHashMap<>();

    private final long idleNanos;
    private final Thread acceptor;
    private final Thread reaper;
    private volatile boolean closed;

    private ControlServer(Path path, ControlSocket.Bound bound, ControlHandler handler, Duration idle) {
        this.path = path;
        this.bound = bound;
        this.server = bound.server();
        this.commands = new ControlCommands(handler);
        this.idleNanos = idle.toNanos();
        this.acceptor = Thread.ofPlatform().name("control").daemon(true).unstarted(this::acceptLoop);
        this.reaper = Thread.ofPlatform().name("control-idle").daemon(true).unstarted(this::reapLoop);
    }

    /** Creates the socket safely (see {@link ControlSocket}) and starts serving. */
    public static ControlServer start(Path path, ControlHandler handler) throws IOException {
        return start(path, handler, IDLE);
    }

    /** As above, disconnecting clients idle for {@code idle}. */
    static ControlServer start(Path path, ControlHandler handler, Duration idle) throws IOException {
        ControlServer s = new ControlServer(path, ControlSocket.bind(path), handler, idle);
        s.acceptor.start();
        s.reaper.start();
        return s;
    }

    public Path path() {
        return path;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            boolean served = clients.tryAcquire();
            Semaphore held = served ? clients : refusing;
            if (!served && !refusing.tryAcquire()) {
                closeQuietly(ch); // a flood: not even a refusal
                continue;
            }
            lastActive.put(ch, System.nanoTime());
            Thread.ofVirtual()
                    .name(served ? "control-client" : "control-refusal")
                    .start(() -> {
                        try (ch) {
                            if (served) {
                                serve(ch);
                            } else {
                                refuse(ch);
                            }
                        } catch (IOException e) {
                            // client went away, or was idle too long
                        } finally {
                            lastActive.remove(ch);
                            held.release();
                        }
                    });
        }
    }

    /**
     * Reads the request (up to its newline), then answers with the refusal: closing before the
     * client has written would make its write fail ("Broken pipe") and the refusal would be lost.
     */
    private static void refuse(SocketChannel ch) throws IOException {
        InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(ch));
        for (int n = 0, b = in.read(); b >= 0 && b != '\n' && n < MAX_REQUEST; n++, b = in.read()) {
            // the request is not served
        }
        OutputStream out = Channels.newOutputStream(ch);
        out.write(TOO_MANY);
        out.flush();
    }

    /** Closes clients with no complete request for the idle time; their threads then end. */
    private void reapLoop() {
        long period = Math.clamp(idleNanos / 4, 1_000_000L, 1_000_000_000L);
        while (!closed) {
            try {
                Thread.sleep(Duration.ofNanos(period));
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            lastActive.forEach((ch, t) -> {
                if (now - t > idleNanos) {
                    closeQuietly(ch);
                }
            });
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private void serve(SocketChannel ch) throws IOException {
        InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(ch));
        OutputStream out = Channels.newOutputStream(ch);
        byte[] buf = new byte[MAX_REQUEST];
        int len = 0;
        while (true) {
            int b = in.read();
            if (b < 0) { // the client closed its side: a last request without its newline is answered
                if (len > 0) {
                    answer(ch, out, new String(buf, 0, len, StandardCharsets.UTF_8));
                }
                return;
            }
            if (b == '\n') {
                String line = new String(buf, 0, len, StandardCharsets.UTF_8);
                len = 0;
                answer(ch, out, line);
                continue;
            }
            if (len == buf.length) {
                out.write("{\"ok\":false,\"error\":\"request line longer than 65536 bytes\"}\n"
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            buf[len++] = (byte) b;
        }
    }

    private void answer(SocketChannel ch, OutputStream out, String line) throws IOException {
        lastActive.put(ch, System.nanoTime());
        ControlCommands.Reply r = commands.handle(line);
        out.write(r.bytes());
        out.write('\n');
        out.flush();
        lastActive.put(ch, System.nanoTime());
        if (r.stop()) {
            commands.afterStop();
        }
    }

    @Override
    public void close() {
        closed = true;
        reaper.interrupt();
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        ControlSocket.remove(path, bound);
    }
}
