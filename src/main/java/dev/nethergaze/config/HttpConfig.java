package dev.nethergaze.config;

import java.util.List;

/**
 * The {@code [http]} section: the access-log source.
 *
 * @param enabled whether the source runs
 * @param paths access-log files or globs, {@code ~/} already expanded
 * @param rescanSeconds how often globs are matched again to find new files
 * @param fromStart read existing files from the start instead of seeking to the end
 * @param logFormat {@code auto}, a preset name, {@code nginx:<log_format>} or {@code apache:<LogFormat>} (checked when wired)
 * @param trustedProxies CIDR ranges (or the preset {@code cloudflare}) whose forwarded headers are believed
 * @param logTimeZone the zone of access-log times written without one; "" as each server writes them
 *     by default, {@code local}, a region or an offset (checked when loaded)
 */
public record HttpConfig(
        boolean enabled,
        List<String> paths,
        int rescanSeconds,
        boolean fromStart,
        String logFormat,
        List<String> trustedProxies,
        String logTimeZone) {

    public HttpConfig {
        paths = List.copyOf(paths);
        trustedProxies = List.copyOf(trustedProxies);
    }

    public HttpConfig(boolean enabled, List<String> paths, int rescanSeconds, boolean fromStart) {
        this(enabled, paths, rescanSeconds, fromStart, "auto", List.of(), "");
    }
}
