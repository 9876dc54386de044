package dev.nethergaze.source.conn;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Fd tables read through the NIO file API: a {@code Path} and a {@code String} per fd link, about
 * 3 µs each. The fallback where {@link NativeFdTables} cannot bind its calls.
 */
final class NioFdTables implements FdTables {

    private final Path procRoot;

    NioFdTables(Path procRoot) {
        this.procRoot = procRoot;
    }

    @Override
    public String kind() {
        return "nio";
    }

    @Override
    public int[] pids() {
        int[] out = new int[256];
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(procRoot)) {
            for (Path p : ds) {
                int pid = pid(p.getFileName().toString());
                if (pid >= 0) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = pid;
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // no proc (or it went away while listed): nothing more can be attributed
        }
        return Arrays.copyOf(out, n);
    }

    @Override
    public int sockets(int pid, LongConsumer sink) {
        int n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(procRoot.resolve(Integer.toString(pid), "fd"))) {
            for (Path fd : fds) {
                n++;
                long inode = socketInode(fd);
                if (inode > 0) {
                    sink.accept(inode);
                }
            }
        } catch (AccessDeniedException e) {
            return DENIED;
        } catch (IOException | DirectoryIteratorException e) {
            // the process exited during the walk: nothing more to attribute
        }
        return n;
    }

    private static long socketInode(Path fd) {
        try {
            String link = Files.readSymbolicLink(fd).toString();
            if (link.startsWith("socket:[") && link.endsWith("]")) {
                return Long.parseLong(link, 8, link.length() - 1, 10);
            }
        } catch (IOException | NumberFormatException e) {
            // closed meanwhile, or not a socket
        }
        return -1;
    }

    /** The pid a /proc entry name stands for, or -1 if it is not all digits or too large. */
    private static int pid(String name) {
        if (name.isEmpty() || name.length() > 10) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= Integer.MAX_VALUE ? (int) v : -1;
    }
}
