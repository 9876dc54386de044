package dev.nethergaze.config;

import java.util.List;

/**
 * The {@code [http]} section: the access-log source.
 *
 * @param enabled whether the source runs
 * @param paths access-log files or globs, {@code ~/} already expanded
 * @param rescanSeconds how often globs are matched again to find new files
 * @param fromStart read existing files from the start instead of seeking to the end
 */
public record HttpConfig(boolean enabled, List<String> paths, int rescanSeconds, boolean fromStart) {

    public HttpConfig {
        paths = List.copyOf(paths);
    }
}
