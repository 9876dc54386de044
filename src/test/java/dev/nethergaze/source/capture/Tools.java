package dev.nethergaze.source.capture;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs external tools in tests (argument arrays, never a shell) and skips when they are missing. */
public final class Tools {

    private Tools() {}

    public static void require(String... programs) {
        for (String p : programs) {
            boolean found = List.of("/usr/bin/", "/usr/sbin/", "/bin/", "/sbin/").stream()
                    .anyMatch(d -> Files.isExecutable(Path.of(d + p)));
            assumeTrue(found, () -> p + " not installed (Debian package; CI installs it)");
        }
    }

    /** Whether libpcap can be loaded (Debian libpcap0.8), as live capture will load it. */
    public static boolean hasLibpcap() {
        return LibPcap.available();
    }

    /** Whether this test JVM runs as root (live capture, namespaces). */
    public static boolean isRoot() {
        try {
            return run(List.of("id", "-u")).strip().equals("0");
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs to completion (60 s at most); returns stdout; throws with stderr on failure. */
    public static String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + err.strip());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    /** Ends a child started in a test (null: none) by its PID: `ip netns exec` execs the JVM in place. */
    public static void stop(Process child) throws InterruptedException {
        if (child != null) {
            child.destroyForcibly();
            child.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Best effort (cleanup). */
    public static void quietly(List<String> cmd) {
        try {
            run(cmd);
        } catch (IOException e) {
            // cleanup of something that may not exist
        }
    }
}
