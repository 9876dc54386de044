package dev.nethergaze.source.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real logrotate on one log, with its own configuration and state file next to it: each {@link
 * #run} rotates the log at once ({@code -f}), as a cron run would when it is due.
 */
public final class RealLogrotate {

    private final Path conf;
    private final Path state;

    /** A configuration for {@code log} with {@code options} (one a line) and {@code missingok}, in {@code dir}. */
    public RealLogrotate(Path dir, Path log, String options) throws IOException {
        this.conf = Files.writeString(dir.resolve("logrotate.conf"), log + " {\n  " + options + "\n  missingok\n}\n");
        this.state = dir.resolve("state");
    }

    /** Whether logrotate is on the PATH (tests that need it are skipped without it). */
    public static boolean installed() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, "logrotate"))) {
                return true;
            }
        }
        return false;
    }

    /** Runs logrotate once, forced; it must succeed. */
    public void run() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("logrotate", "-f", "-s", state.toString(), conf.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }
}
