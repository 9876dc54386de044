package dev.nethergaze.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

/**
 * The local control socket ({@code nethergaze ctl}): a Unix-domain socket, one JSON request per
 * line, one JSON reply per line. Requests are capped at {@value #MAX_REQUEST} bytes, replies by
 * {@link ControlCommands}; at most {@value #MAX_CLIENTS} clients at once, each on a virtual thread.
 */
public final class ControlServer implements AutoCloseable {

    static final int MAX_REQUEST = 64 * 1024;
    static final int MAX_CLIENTS = 8;

    private final Path path;
    private final ControlSocket.Bound bound;
    private final ServerSocketChannel server;
    private final ControlCommands commands;
    private final Semaphore clients = new Semaphore(MAX_CLIENTS);
    private final Thread acceptor;
    private volatile boolean closed;

    private ControlServer(Path path, ControlSocket.Bound bound, ControlHandler handler) {
        this.path = path;
        this.bound = bound;
        this.server = bound.server();
        this.commands = new ControlCommands(handler);
        this.acceptor = Thread.ofPlatform().name("control").daemon(true).unstarted(this::acceptLoop);
    }

    /** Creates the socket safely (see {@link ControlSocket}) and starts serving. */
    public static ControlServer start(Path path, ControlHandler handler) throws IOException {
        ControlServer s = new ControlServer(path, ControlSocket.bind(path), handler);
        s.acceptor.start();
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
            if (!clients.tryAcquire()) {
                reject(ch);
                continue;
            }
            Thread.ofVirtual().name("control-client").start(() -> {
                try (ch) {
                    serve(ch);
                } catch (IOException e) {
                    // client went away
                } finally {
                    clients.release();
                }
            });
        }
    }

    private static void reject(SocketChannel ch) {
        try (ch;
                OutputStream out = Channels.newOutputStream(ch)) {
            out.write("{\"ok\":false,\"error\":\"too many control clients\"}\n".getBytes(StandardCharsets.UTF_8));
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
            if (b < 0) {
                return;
            }
            if (b == '\n') {
                String line = new String(buf, 0, len, StandardCharsets.UTF_8);
                len = 0;
                ControlCommands.Reply r = commands.handle(line);
                out.write(r.bytes());
                out.write('\n');
                out.flush();
                if (r.stop()) {
                    commands.afterStop();
                }
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

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        ControlSocket.remove(path, bound);
    }
}
