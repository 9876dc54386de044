package dev.nethergaze.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates the control socket safely: a symbolic link at the path is refused and never deleted;
 * a live socket there means another Nethergaze is running; a stale socket is replaced; anything
 * else is refused. The parent directory is created 0700 if missing, the socket chmod 0600.
 */
final class ControlSocket {

    private ControlSocket() {}

    static ServerSocketChannel bind(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (Files.isSymbolicLink(dir)) {
            throw new IOException("refusing control socket directory " + dir + ": it is a symbolic link");
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        String unsafe = unsafeDirectory(dir);
        if (unsafe != null) {
            throw new IOException("refusing control socket directory " + dir + ": " + unsafe);
        }
        if (Files.isSymbolicLink(path)) {
            throw new IOException("refusing control socket " + path + ": it is a symbolic link");
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (!isSocket(path)) {
                throw new FileAlreadyExistsException(path.toString(), null, "exists and is not a socket; refusing");
            }
            if (alive(path)) {
                throw new IOException("another Nethergaze is already listening at " + path);
            }
            Files.delete(path); // a stale socket of ours (checked: a socket, not a link)
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path), 16); // bind(2) never follows a link raced in
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot create control socket " + path + ": " + e.getMessage(), e);
        }
        return server;
    }

    /**
     * Why a directory must not hold our socket, or null: owned by another user (not root), or
     * writable by others without the sticky bit (they could replace the socket with their own).
     */
    static String unsafeDirectory(Path dir) throws IOException {
        int uid = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (uid != me && uid != 0) {
            return "owned by uid " + uid + ", not by us (uid " + me + ")";
        }
        if ((mode & 0022) != 0 && (mode & 01000) == 0) {
            return "writable by other users and not sticky";
        }
        return null;
    }

    /** Removes the socket file if it is still a socket (never a link put there meanwhile). */
    static void remove(Path path) {
        try {
            if (!Files.isSymbolicLink(path) && isSocket(path)) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // best effort at shutdown
        }
    }

    static boolean isSocket(Path p) throws IOException {
        Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return mode instanceof Integer m && (m & 0170000) == 0140000;
    }

    private static boolean alive(Path path) {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return ch.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}
