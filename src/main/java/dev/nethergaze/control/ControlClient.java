package dev.nethergaze.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** Sends one request line to a running Nethergaze's control socket and returns the reply line. */
public final class ControlClient {

    private ControlClient() {}

    /** The most rows {@code top} answers ({@code nethergaze ctl top N}: 1 to this). */
    public static final int MAX_TOP = 1000;

    /** How long {@link #send(Path, String)} waits to connect and for the reply. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /**
     * @throws IOException with "no running Nethergaze at PATH" when nothing answers there (saying what
     *     is there instead: a stale socket, a directory, another file),
     *     "permission denied: ..." when the socket (or its directory) is another user's, or "no
     *     answer from Nethergaze at PATH within 5 s" when the process is there but does not answer
     *     (stopped with SIGSTOP, or busy)
     */
    public static String send(Path socket, String requestJson) throws IOException {
        return send(socket, requestJson, TIMEOUT);
    }

    /**
     * As above, giving up after {@code timeout} (connecting and waiting for the reply together): a
     * watchdog closes the channel, which ends a blocked connect or read.
     */
    static String send(Path socket, String requestJson, Duration timeout) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread watchdog = Thread.ofVirtual().name("ctl-timeout").start(() -> {
            try {
                Thread.sleep(timeout);
            } catch (InterruptedException e) {
                return; // answered in time
            }
            timedOut.set(true);
            try {
                ch.close();
            } catch (IOException e) {
                // closing is all we can do
            }
        });
        try (ch) {
            return exchange(ch, socket, requestJson);
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new IOException(
                        "no answer from Nethergaze at " + socket + " within " + timeout.toSeconds()
                                + " s (the process may be stopped, e.g. by kill -STOP, or busy)",
                        e);
            }
            throw e;
        } finally {
            watchdog.interrupt();
        }
    }

    private static String exchange(SocketChannel ch, Path socket, String requestJson) throws IOException {
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new IOException(cannotConnect(socket, e), e);
        }
        IOException writeFailed = null;
        try {
            OutputStream out = Channels.newOutputStream(ch);
            out.write((requestJson.replace('\n', ' ') + '\n').getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            writeFailed = e; // the server may have answered (a refusal) and closed: read that first
        }
        BufferedReader in =
                new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
        String reply;
        try {
            reply = in.readLine();
        } catch (IOException e) {
            reply = null;
            writeFailed = writeFailed != null ? writeFailed : e;
        }
        if (reply == null) {
            throw new IOException(
                    writeFailed == null
                            ? "no reply from Nethergaze at " + socket
                            : "Nethergaze at " + socket + " closed the connection (" + writeFailed.getMessage() + ")",
                    writeFailed);
        }
        return reply;
    }

    /** Why connecting failed: the kernel refused (another user's socket or directory), or nothing listens. */
    static String cannotConnect(Path socket, IOException e) {
        Path dir = socket.toAbsolutePath().getParent();
        boolean denied = e instanceof AccessDeniedException
                || String.valueOf(e.getMessage()).contains("Permission denied")
                || (dir != null && Files.isDirectory(dir) && !Files.isExecutable(dir));
        if (!denied) {
            return "no running Nethergaze at " + socket + whatIsThere(socket);
        }
        String owner = owner(socket);
        Path where = socket;
        if (owner == null) {
            owner = owner(dir);
            where = dir;
        }
        if (owner == null) {
            return "permission denied: " + socket + ": run ctl as the user that started Nethergaze";
        }
        return "permission denied: " + where + " belongs to " + owner + " (mode " + mode(where) + "): run ctl as "
                + owner + " (" + ("root".equals(owner) ? "sudo" : "sudo -u " + owner) + " nethergaze ctl ...)";
    }

    /**
     * What is at {@code path}, where nothing answered: a stale socket (its Nethergaze was killed), a
     * directory (the runtime directory named instead of the socket in it), another file; nothing said
     * when nothing is there.
     */
    private static String whatIsThere(Path path) {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return " (a directory; the socket in it would be " + path.resolve(ControlPaths.FILE) + ")";
        }
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return "";
            }
            return ControlSocket.isSocket(path)
                    ? " (a stale socket: the Nethergaze that made it ended without removing it; the next one replaces it)"
                    : " (not a socket)";
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    private static String owner(Path p) {
        try {
            return p == null
                    ? null
                    : Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static String mode(Path p) {
        try {
            return String.format(
                    "%04o", (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "unknown";
        }
    }
}
