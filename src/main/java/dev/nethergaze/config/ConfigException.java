package dev.nethergaze.config;

/**
 * A configuration that cannot be used. The message is one line, ready to print as is, naming where
 * the bad value came from and the key: {@code config error: /etc/x.toml: general.tick_ms: must be
 * between 50 and 10000, got 5}.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error at {@code origin} (a file, "environment NETHERGAZE_X" or "command line"). */
    static ConfigException at(String origin, String detail) {
        return at(origin, detail, null);
    }

    static ConfigException at(String origin, String detail, Throwable cause) {
        return new ConfigException(oneLine("config error: " + origin + ": " + detail), cause);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
