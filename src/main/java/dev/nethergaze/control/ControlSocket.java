package dev.nethergaze.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * Creates the control socket safely: a symbolic link at the path is refused and never deleted;
 * a live socket there means another Nethergaze is running; a stale socket is replaced; anything
 * else is refused. The parent directory is created 0700 if missing, the socket chmod 0600.
 *
 * <p>Two processes starting at once are serialised by an advisory lock on {@code PATH.lock},
 * held for the life of the socket: without it both could find the same stale socket, one could
 * delete the other's fresh one, and the first to exit would remove the socket of the other.
 */
final class ControlSocket {

    private ControlSocket() {}

    /** A bound socket, the lock that makes it ours, and the file it is (so we remove only that). */
    record Bound(ServerSocketChannel server, FileChannel lock, Object fileKey) {}

    static Bound bind(Path path) throws IOException {
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
        FileChannel lock = lock(path);
        try {
            ServerSocketChannel server = bindLocked(path);
            Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
            return new Bound(server, lock, key);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Takes {@code PATH.lock} (created 0600, never through a link), or says who holds it. */
    private static FileChannel lock(Path path) throws IOException {
        Path lockPath = path.resolveSibling(path.getFileName() + ".lock");
        if (Files.exists(lockPath, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(lockPath, LinkOption.NOFOLLOW_LINKS)) { // a FIFO would block the open
            throw new IOException("refusing control socket lock " + lockPath + ": not a regular file");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(
                    lockPath,
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new IOException("cannot open control socket lock " + lockPath + ": " + e.getMessage(), e);
        }
        try {
            if (ch.tryLock() != null) {
                return ch;
            }
        } catch (OverlappingFileLockException e) {
            // held by this very process (another session in the same JVM)
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        ch.close();
        throw new IOException("another Nethergaze is already listening at " + path);
    }

    private static ServerSocketChannel bindLocked(Path path) throws IOException {
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

    /**
     * Removes the socket file if it is still the one we bound (never a link or another file put there
     * meanwhile), then lets the lock go. The lock file stays: deleting it would let a third process
     * lock a new file while a second still waits on the old one.
     */
    static void remove(Path path, Bound b) {
        try {
            if (!Files.isSymbolicLink(path)
                    && isSocket(path)
                    && Objects.equals(
                            b.fileKey(),
                            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                                    .fileKey())) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // best effort at shutdown
        } finally {
            try {
                b.lock().close();
            } catch (IOException e) {
                // closing releases the lock; nothing else to do
            }
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
