package dev.nethergaze.control;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/** Where the control socket lives: {@code $XDG_RUNTIME_DIR/nethergaze.sock}, else a private dir under /tmp. */
public final class ControlPaths {

    public static final String FILE = "nethergaze.sock";

    private ControlPaths() {}

    public static Path defaultPath(Map<String, String> env) {
        String xdg = env.get("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank() && Files.isDirectory(Path.of(xdg), LinkOption.NOFOLLOW_LINKS)) {
            return Path.of(xdg, FILE);
        }
        String user = env.getOrDefault("USER", System.getProperty("user.name", "user"));
        return Path.of(System.getProperty("java.io.tmpdir"), "nethergaze-" + user, FILE);
    }
}
