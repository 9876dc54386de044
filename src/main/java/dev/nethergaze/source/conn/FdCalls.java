package dev.nethergaze.source.conn;

import dev.nethergaze.source.sys.LibC;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * The libc calls of the native fd-table walk ({@link NativeFdTables}): {@code open},
 * {@code getdents64} (glibc 2.30 and later) and {@code readlinkat}, bound once like {@link LibC}'s.
 * Buffers of the two hot calls are passed as plain addresses ({@code long}), so a walk can point
 * {@code readlinkat} into the middle of the directory buffer without a segment object per fd; that
 * and the {@code O_DIRECTORY} value limit them to 64-bit little-endian Linux on x86_64 and aarch64.
 * Elsewhere, or in a C library without these symbols, {@link #unavailable} says why and nothing is
 * bound: the walk then goes through {@link NioFdTables}.
 */
@SuppressWarnings("restricted") // the point of this class: bound, audited native calls
final class FdCalls {

    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    /** 0 where unknown, and then the calls are not bound. */
    static final int O_DIRECTORY = directoryFlag(System.getProperty("os.arch", ""));

    private static final String UNAVAILABLE = check();

    private static final MethodHandle OPEN = UNAVAILABLE != null
            ? null
            : LibC.downcall(
                    "open",
                    FunctionDescriptor.of(
                            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
                    LibC.captureErrno(),
                    Linker.Option.firstVariadicArg(2)); // open(path, flags, ...): the mode is variadic
    private static final MethodHandle GETDENTS64 = UNAVAILABLE != null
            ? null
            : LibC.downcall(
                    "getdents64",
                    FunctionDescriptor.of(
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    private static final MethodHandle READLINKAT = UNAVAILABLE != null
            ? null
            : LibC.downcall(
                    "readlinkat",
                    FunctionDescriptor.of(
                            ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG));

    private FdCalls() {}

    private static int directoryFlag(String arch) {
        return switch (arch) {
            case "amd64", "x86_64" -> 0x10000;
            case "aarch64" -> 0x4000;
            default -> 0;
        };
    }

    private static String check() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return "not Linux";
        }
        if (O_DIRECTORY == 0) {
            return "no native fd walk for " + System.getProperty("os.arch");
        }
        for (String name : new String[] {"open", "getdents64", "readlinkat"}) {
            if (Linker.nativeLinker().defaultLookup().find(name).isEmpty()) {
                return "libc has no " + name;
            }
        }
        return null;
    }

    /** Why the calls are not bound, or null when they are. */
    static String unavailable() {
        return UNAVAILABLE;
    }

    /** open(2) of the NUL-terminated {@code path}; -1 and the errno in {@code errno} on failure. */
    static int open(MemorySegment errno, MemorySegment path, int flags) {
        try {
            return (int) OPEN.invokeExact(errno, path, flags, 0);
        } catch (Throwable t) {
            throw new IllegalStateException("open() downcall failed", t);
        }
    }

    /** getdents64(2) into the {@code len} bytes at {@code buf}: bytes filled, 0 at the end, -1 on error. */
    static long getdents64(int fd, long buf, long len) {
        try {
            return (long) GETDENTS64.invokeExact(fd, buf, len);
        } catch (Throwable t) {
            throw new IllegalStateException("getdents64() downcall failed", t);
        }
    }

    /** readlinkat(2) of the NUL-terminated name at {@code name}: bytes written to {@code buf}, or -1. */
    static long readlinkat(int dirfd, long name, long buf, long len) {
        try {
            return (long) READLINKAT.invokeExact(dirfd, name, buf, len);
        } catch (Throwable t) {
            throw new IllegalStateException("readlinkat() downcall failed", t);
        }
    }
}
