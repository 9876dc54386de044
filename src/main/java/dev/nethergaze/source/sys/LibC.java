package dev.nethergaze.source.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc calls the native sources share (the netlink reader, the route tracer), bound once
 * through the Foreign Function & Memory API; {@link #downcall} binds further ones the same way. Every call captures
 * {@code errno} into a caller-owned segment ({@link #newErrnoSegment}), so a failure is reported
 * with the kernel's own reason rather than a stale thread-local value.
 */
@SuppressWarnings("restricted") // the point of this class: bound, audited native calls
public final class LibC {

    public static final int AF_NETLINK = 16;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int MSG_TRUNC = 0x20;
    public static final int EINTR = 4;
    public static final int EPERM = 1;
    public static final int EACCES = 13;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno")).withInvokeExactBehavior();
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = bind(
            "socket",
            FunctionDescriptor.of(
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            true);
    private static final MethodHandle SENDTO = bind(
            "sendto",
            FunctionDescriptor.of(
                    ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS,
                    ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS,
                    ValueLayout.JAVA_INT),
            true);
    private static final MethodHandle RECV = bind(
            "recv",
            FunctionDescriptor.of(
                    ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS,
                    ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT),
            true);
    private static final MethodHandle CLOSE =
            bind("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), false);
    private static final MethodHandle STRERROR =
            bind("strerror", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT), false);

    private LibC() {}

    /** Does nothing; calling it binds the calls above (class initialisation), e.g. ahead of time. */
    public static void bind() {}

    private static MethodHandle bind(String name, FunctionDescriptor fd, boolean captureErrno) {
        return captureErrno ? downcall(name, fd, ERRNO_OPTION) : downcall(name, fd);
    }

    /** A downcall handle for libc's {@code name}; {@link UnsatisfiedLinkError} if libc has none. */
    public static MethodHandle downcall(String name, FunctionDescriptor fd, Linker.Option... options) {
        MemorySegment addr =
                LINKER.defaultLookup().find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(addr, fd, options);
    }

    /** The option that makes a downcall store {@code errno} into its first argument ({@link #errno}). */
    public static Linker.Option captureErrno() {
        return ERRNO_OPTION;
    }

    /** A segment to receive the errno of calls made with it; one per caller thread. */
    public static MemorySegment newErrnoSegment(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    public static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    public static int socket(MemorySegment errno, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(errno, domain, type, protocol);
        } catch (Throwable t) {
            throw new IllegalStateException("socket() downcall failed", t);
        }
    }

    public static long sendto(
            MemorySegment errno, int fd, MemorySegment buf, long len, MemorySegment addr, int addrLen) {
        try {
            return (long) SENDTO.invokeExact(errno, fd, buf, len, 0, addr, addrLen);
        } catch (Throwable t) {
            throw new IllegalStateException("sendto() downcall failed", t);
        }
    }

    public static long recv(MemorySegment errno, int fd, MemorySegment buf, long len, int flags) {
        try {
            return (long) RECV.invokeExact(errno, fd, buf, len, flags);
        } catch (Throwable t) {
            throw new IllegalStateException("recv() downcall failed", t);
        }
    }

    /** close(2); its result is of no use to a reader dropping the descriptor. */
    public static int close(int fd) {
        try {
            return (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close() downcall failed", t);
        }
    }

    /** The C library's message for an errno value, e.g. "Permission denied". */
    public static String strerror(int errno) {
        try {
            MemorySegment p = (MemorySegment) STRERROR.invokeExact(errno);
            return p.equals(MemorySegment.NULL)
                    ? "errno " + errno
                    : p.reinterpret(256).getString(0);
        } catch (Throwable t) {
            throw new IllegalStateException("strerror() downcall failed", t);
        }
    }
}
