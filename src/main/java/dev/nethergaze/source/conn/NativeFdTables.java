package dev.nethergaze.source.conn;

import dev.nethergaze.source.sys.LibC;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Fd tables read with direct syscalls ({@link FdCalls}), as {@code ss -p} does: {@code open} of
 * {@code <root>/<pid>/fd}, {@code getdents64} into a native buffer, and per entry one
 * {@code readlinkat} whose name is the entry's own {@code d_name} in that buffer. Link targets are
 * parsed as bytes; no object is made per fd. Each directory batch is copied once into an array and
 * parsed from there (reading native memory byte by byte costs more in cold code). The buffers live
 * as long as this object (an automatic arena), reused poll after poll.
 */
final class NativeFdTables implements FdTables {

    private static final int DENTS = 32 * 1024;
    private static final int LINK = 64; // "socket:[" + 20 digits + "]" fits
    private static final int D_RECLEN = 16; // struct linux_dirent64: ino 8, off 8, reclen 2, type 1, name
    private static final int D_NAME = 19;
    private static final byte[] SOCKET = "socket:[".getBytes(StandardCharsets.US_ASCII);

    private final MemorySegment errno;
    private final MemorySegment path; // <root>/<pid>/fd, NUL-terminated
    private final int rootLen;
    private final MemorySegment dents;
    private final long dentsAddr;
    private final MemorySegment link;
    private final long linkAddr;
    private final byte[] batch = new byte[DENTS];
    private final byte[] target = new byte[LINK];
    private final byte[] tail = new byte[24]; // "/" + pid + "/fd" + NUL

    private NativeFdTables(byte[] root) {
        Arena arena = Arena.ofAuto();
        errno = LibC.newErrnoSegment(arena);
        rootLen = root.length;
        path = arena.allocate(rootLen + tail.length);
        MemorySegment.copy(root, 0, path, ValueLayout.JAVA_BYTE, 0, rootLen);
        dents = arena.allocate(DENTS, 8);
        dentsAddr = dents.address();
        link = arena.allocate(LINK);
        linkAddr = link.address();
    }

    /** A reader of the fd tables under {@code procRoot}, or null if the native calls cannot be bound. */
    static NativeFdTables create(Path procRoot) {
        try {
            if (FdCalls.unavailable() != null) {
                return null;
            }
        } catch (LinkageError | IllegalCallerException e) { // e.g. native access denied to this module
            return null;
        }
        String root = procRoot.toAbsolutePath().toString();
        return root.indexOf('\0') >= 0 ? null : new NativeFdTables(root.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String kind() {
        return "native";
    }

    @Override
    public int[] pids() {
        int fd = openDir(-1);
        if (fd < 0) {
            return new int[0];
        }
        int[] out = new int[256];
        int n = 0;
        try {
            int len;
            while ((len = nextBatch(fd)) > 0) {
                for (int off = 0; off < len; off += reclen(off)) {
                    int pid = pid(off + D_NAME);
                    if (pid >= 0) {
                        if (n == out.length) {
                            out = Arrays.copyOf(out, n * 2);
                        }
                        out[n++] = pid;
                    }
                }
            }
        } finally {
            LibC.close(fd);
        }
        return Arrays.copyOf(out, n);
    }

    @Override
    public int sockets(int pid, LongConsumer sink) {
        int fd = openDir(pid);
        if (fd < 0) {
            return LibC.errno(errno) == LibC.EACCES ? DENIED : 0; // else gone (ENOENT, ESRCH)
        }
        int n = 0;
        try {
            int len;
            while ((len = nextBatch(fd)) > 0) { // an error (the process exited) ends it like the end
                for (int off = 0; off < len; off += reclen(off)) {
                    if (!isDot(off + D_NAME)) {
                        n++;
                        long inode = socketInode(fd, off + D_NAME);
                        if (inode > 0) {
                            sink.accept(inode);
                        }
                    }
                }
            }
        } finally {
            LibC.close(fd);
        }
        return n;
    }

    /** Opens the proc root (pid -1) or {@code <root>/<pid>/fd} as a directory; -1 and errno if not. */
    private int openDir(int pid) {
        int t = 0;
        if (pid >= 0) {
            tail[t++] = '/';
            String digits = Integer.toString(pid);
            for (int i = 0; i < digits.length(); i++) {
                tail[t++] = (byte) digits.charAt(i);
            }
            tail[t++] = '/';
            tail[t++] = 'f';
            tail[t++] = 'd';
        }
        tail[t++] = 0;
        MemorySegment.copy(tail, 0, path, ValueLayout.JAVA_BYTE, rootLen, t);
        return FdCalls.open(errno, path, FdCalls.O_RDONLY | FdCalls.O_DIRECTORY | FdCalls.O_CLOEXEC);
    }

    /** The next getdents64 batch copied into {@link #batch}: its length, 0 at the end or on error. */
    private int nextBatch(int fd) {
        long len = FdCalls.getdents64(fd, dentsAddr, DENTS);
        if (len <= 0) {
            return 0;
        }
        MemorySegment.copy(dents, ValueLayout.JAVA_BYTE, 0, batch, 0, (int) len);
        return (int) len;
    }

    private int reclen(int off) {
        return (batch[off + D_RECLEN] & 0xff) | (batch[off + D_RECLEN + 1] & 0xff) << 8; // little-endian
    }

    private boolean isDot(int name) {
        return batch[name] == '.' && (batch[name + 1] == 0 || (batch[name + 1] == '.' && batch[name + 2] == 0));
    }

    /** The all-digit name at {@code name} as a pid, else -1. */
    private int pid(int name) {
        long v = 0;
        int i = name;
        for (; batch[i] != 0; i++) {
            if (batch[i] < '0' || batch[i] > '9' || i - name >= 10) {
                return -1;
            }
            v = v * 10 + (batch[i] - '0');
        }
        return i > name && v <= Integer.MAX_VALUE ? (int) v : -1;
    }

    /** The inode N of a {@code socket:[N]} link named at {@code name} in the batch, else -1. */
    private long socketInode(int dirfd, int name) {
        long len = FdCalls.readlinkat(dirfd, dentsAddr + name, linkAddr, LINK);
        if (len <= SOCKET.length + 1 || len >= LINK) {
            return -1; // gone meanwhile, too short, or too long for a socket
        }
        int n = (int) len;
        MemorySegment.copy(link, ValueLayout.JAVA_BYTE, 0, target, 0, n);
        if (target[n - 1] != ']' || n - 1 - SOCKET.length > 19) {
            return -1;
        }
        for (int i = 0; i < SOCKET.length; i++) {
            if (target[i] != SOCKET[i]) {
                return -1;
            }
        }
        long v = 0;
        for (int i = SOCKET.length; i < n - 1; i++) {
            if (target[i] < '0' || target[i] > '9') {
                return -1;
            }
            v = v * 10 + (target[i] - '0');
        }
        return v;
    }
}
