package dev.nethergaze.source.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * Keys from the terminal while a log comes on standard input: {@code docker logs -f web | nethergaze
 * --access-log -} gives the console a pipe as standard input, where its keys cannot come from. As
 * {@code less} does, the pipe is moved to another descriptor (read from there as a file of this
 * process, {@code /proc/self/fd/N}) and the controlling terminal, {@code /dev/tty}, becomes standard
 * input. Nothing is changed when standard input is a terminal already, when standard output is not
 * one (no console then), or when the process has no terminal.
 */
@SuppressWarnings("restricted") // bound, audited libc calls on this process's own descriptors
public final class TerminalStdin {

    private static final int O_RDWR = 2;
    private static final int F_DUPFD_CLOEXEC = 1030;
    /** The lowest descriptor the pipe is moved to (0-2 are the standard ones). */
    private static final int FIRST_FREE = 3;

    private static final MethodHandle ISATTY =
            LibC.downcall("isatty", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle OPEN = LibC.downcall(
            "open",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle FCNTL = LibC.downcall(
            "fcntl",
            FunctionDescriptor.of(
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle DUP2 = LibC.downcall(
            "dup2", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private TerminalStdin() {}

    /** Whether descriptor {@code fd} is a terminal. */
    public static boolean isTerminal(int fd) {
        try {
            return (int) ISATTY.invokeExact(fd) == 1;
        } catch (Throwable t) {
            throw new IllegalStateException("isatty() downcall failed", t);
        }
    }

    /**
     * Moves a piped standard input aside and makes the terminal standard input; returns where the pipe
     * is read from now ({@code /proc/self/fd/N}, closed on exec: no child inherits it), or null when
     * nothing was moved.
     */
    public static Path moveAside() {
        if (isTerminal(0) || !isTerminal(1)) {
            return null;
        }
        try (Arena arena = Arena.ofConfined()) {
            int tty = (int) OPEN.invokeExact(arena.allocateFrom("/dev/tty"), O_RDWR);
            if (tty < 0) {
                return null; // no controlling terminal (a daemon): the console will say it needs one
            }
            int pipe = (int) FCNTL.invokeExact(0, F_DUPFD_CLOEXEC, FIRST_FREE);
            if (pipe < 0) {
                LibC.close(tty);
                return null;
            }
            int moved = (int) DUP2.invokeExact(tty, 0);
            LibC.close(tty);
            if (moved < 0) {
                LibC.close(pipe);
                return null;
            }
            return Path.of("/proc/self/fd/" + pipe);
        } catch (Throwable t) {
            throw new IllegalStateException("moving standard input aside failed", t);
        }
    }
}
