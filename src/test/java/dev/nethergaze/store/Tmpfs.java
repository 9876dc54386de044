package dev.nethergaze.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A real tmpfs of a given size, mounted for one test (needs root; the test is skipped otherwise). */
final class Tmpfs implements AutoCloseable {

    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code kib} KiB on a new directory {@code name} under {@code parent}. */
    static Tmpfs mount(Path parent, String name, int kib) throws IOException, InterruptedException {
        Path dir = Files.createDirectory(parent.resolve(name));
        assumeTrue(
                run("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", dir.toString()),
                "cannot mount a tmpfs here (not root, or no right to mount)");
        return new Tmpfs(dir);
    }

    Path dir() {
        return dir;
    }

    /** Remounts it read-only. */
    void readOnly() throws IOException, InterruptedException {
        assumeTrue(run("mount", "-o", "remount,ro", dir.toString()), "cannot remount read-only");
    }

    /** Fills it with a file until {@code freeKib} KiB are left (about: tmpfs counts pages); returns that file. */
    Path fillLeaving(int freeKib) throws IOException {
        Path filler = dir.resolve("filler");
        long target = Files.getFileStore(dir).getUsableSpace() - freeKib * 1024L;
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (long n = 0; n + block.length <= target; n += block.length) {
                out.write(block);
            }
        }
        return filler;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", dir.toString());
    }

    private static boolean run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }
}
