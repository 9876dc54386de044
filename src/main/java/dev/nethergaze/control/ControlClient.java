package dev.nethergaze.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Sends one request line to a running Nethergaze's control socket and returns the reply line. */
public final class ControlClient {

    private ControlClient() {}

    /**
     * @throws IOException with "no running Nethergaze at PATH" when nothing answers there, or
     *     "permission denied: ..." when the socket (or its directory) is another user's
     */
    public static String send(Path socket, String requestJson) throws IOException {
        SocketChannel ch;
        try {
            ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new IOException(cannotConnect(socket, e), e);
        }
        try (ch) {
            IOException writeFailed = null;
            try {
                OutputStream out = Channels.newOutputStream(ch);
                out.write((requestJson.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
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
                                : "Nethergaze at " + socket + " closed the connection (" + writeFailed.getMessage()
                                        + ")",
                        writeFailed);
            }
            return reply;
        }
    }

    /** Why connecting failed: the kernel refused (another user's socket or directory), or nothing listens. */
    static String cannotConnect(Path socket, IOException e) {
        Path dir = socket.toAbsolutePath().getParent();
        boolean denied = e instanceof AccessDeniedException
                || String.valueOf(e.getMessage()).contains("Permission denied")
                || (dir != null && Files.isDirectory(dir) && !Files.isExecutable(dir));
        if (!denied) {
            return "no running Nethergaze at " + socket;
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
