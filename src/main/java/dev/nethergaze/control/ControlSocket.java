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
 * delete the other's fresh one, and the first to exit would remove the socket of the other. The
 * lock file is removed at exit, while still locked; so that a process which opened it just before
 * cannot then lock that removed file and go on, whoever locks it checks that the path still names
 * the file it opened (the same file key before the open and after the lock; else it tries
 * again). Only stat(2) is used for that: closing any other descriptor of the lock file would
 * release this process's fcntl lock on it.
 */
final class ControlSocket {

    private ControlSocket() {}

    /** A bound socket, the lock that makes it ours, and the file it is (so we remove only that). */
    record Bound(ServerSocketChannel server, FileChannel lock, Object lockKey, Object fileKey) {}

    /** A lock held on the file at {@code PATH.lock}, whose file key is {@code key}. */
    private record Lock(FileChannel channel, Object key) {}

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
        Lock lock = lock(path);
        try {
            ServerSocketChannel server = bindLocked(path);
            Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
            return new Bound(server, lock.channel(), lock.key(), key);
        } catch (IOException | RuntimeException e) {
            lock.channel().close();
            throw e;
        }
    }

    /** Takes {@code PATH.lock} (created 0600, never through a link), or says who holds it. */
    private static Lock lock(Path path) throws IOException {
        Path lockPath = lockPath(path);
        for (int attempt = 0; attempt < 5; attempt++) {
            Object before = key(lockPath);
            FileChannel ch = lockOnce(path, lockPath, before == null);
            if (before == null) {
                ch.close(); // created, not locked: the next round opens it as an existing file
                continue;
            }
            if (before.equals(key(lockPath))) {
                return new Lock(ch, before);
            }
            ch.close(); // the file we locked was removed (its owner exited) or replaced: take the new one
        }
        throw new IOException("cannot lock control socket lock " + lockPath + ": it keeps being replaced");
    }

    private static Path lockPath(Path path) {
        return path.resolveSibling(path.getFileName() + ".lock");
    }

    /** The file key of the file at {@code p} (never through a link), or null if there is none. */
    private static Object key(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Opens {@code lockPath} (creating it) and, unless {@code createOnly}, takes the lock. */
    private static FileChannel lockOnce(Path path, Path lockPath, boolean createOnly) throws IOException {
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
        if (createOnly) {
            return ch;
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
     * meanwhile), then the lock file if it is still the one we locked, then lets the lock go.
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
                Path lockPath = lockPath(path);
                if (b.lockKey().equals(key(lockPath))) {
                    Files.deleteIfExists(lockPath); // still locked: a newcomer that opened it will see it gone
                }
            } catch (IOException e) {
                // best effort at shutdown; a lock file left behind is harmless
            }
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
