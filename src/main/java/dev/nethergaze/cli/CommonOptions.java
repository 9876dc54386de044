package dev.nethergaze.cli;

import dev.nethergaze.config.Config;
import dev.nethergaze.config.ConfigKey;
import dev.nethergaze.config.ConfigLoader;
import dev.nethergaze.source.replay.PipeSource;
import dev.nethergaze.source.tail.PathPattern;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every live command shares; they become the command-line layer of the configuration. */
final class CommonOptions {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Configuration file (default: $XDG_CONFIG_HOME/nethergaze/config.toml).")
    Path configFile;

    @Option(
            names = "--show-private-ips",
            description = "List loopback, link-local and private remotes too (always counted in totals).")
    Boolean showPrivateIps;

    @Option(
            names = "--proc-root",
            paramLabel = "DIR",
            description = "Read the kernel tables under DIR instead of /proc (a sample, a container's /proc);"
                    + " the connection table then from DIR/net/tcp{,6} (procfs), as netlink reads only this host's"
                    + " own kernel.")
    Path procRoot;

    @Option(
            names = "--access-log",
            paramLabel = "PATH",
            description = "Access log path or glob to follow (repeatable; replaces the configured paths); - reads it"
                    + " from standard input (docker logs -f web | nethergaze --access-log -).")
    List<String> accessLogs;

    @Option(
            names = "--conn-source",
            paramLabel = "MODE",
            description = "Kernel table reader: auto (netlink, else procfs; procfs under a --proc-root other than"
                    + " /proc), netlink or procfs.")
    String connSource;

    @Option(
            names = "--log-format",
            paramLabel = "FORMAT",
            description = "Access-log format: auto (default), combined, common, vhost_combined, main, json,"
                    + " nginx:'<log_format string>' or apache:'<LogFormat string>'.")
    String logFormat;

    @Option(
            names = "--trusted-proxy",
            paramLabel = "CIDR",
            description = "Believe X-Forwarded-For/X-Real-IP/CF-Connecting-IP from this range, or 'cloudflare'"
                    + " (repeatable; replaces http.trusted_proxies).")
    List<String> trustedProxies;

    @Option(
            names = "--log-time-zone",
            paramLabel = "ZONE",
            description = "Zone of access-log times written without one: 'local' (this host's), a region"
                    + " (Europe/Berlin) or an offset (+02:00); for Caddy with time_local and a wall* time_format."
                    + " Default: as each server writes them (Caddy UTC, Apache %%{...}t this host's zone)"
                    + " (replaces http.log_time_zone).")
    String logTimeZone;

    @Option(
            names = "--auth-log",
            paramLabel = "PATH",
            description =
                    "SSH auth log to follow (repeatable; replaces auth.paths); - reads syslog or journalctl -o json"
                            + " lines from standard input.")
    List<String> authLogs;

    @Option(names = "--no-auth", description = "Do not read SSH authentication events.")
    boolean noAuth;

    @Option(
            names = "--journald",
            paramLabel = "MODE",
            description = "auto (journald when no auth file is readable; default), on, off.")
    String journald;

    @Option(
            names = "--journal-dir",
            paramLabel = "DIR",
            description = "Read the systemd journal from DIR (journalctl --directory), e.g. a host's /var/log/journal"
                    + " mounted into a container.")
    String journalDir;

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            description =
                    "First replay the recent past (e.g. 30m, 1h, 2d) from the current and rotated logs, then follow.")
    String since;

    @Option(names = "--no-conn", description = "Do not read the kernel connection table.")
    boolean noConn;

    @Option(names = "--no-http", description = "Do not follow access logs.")
    boolean noHttp;

    @Option(
            names = "--no-firewall",
            description = "Do not read what the firewall already blocks (nft list ruleset, every 5 s).")
    boolean noFirewall;

    @Option(
            names = "--from-start",
            description = "First replay what the access logs already hold, on its own timestamps (their IPs are"
                    + " kept, however old), then follow them.")
    boolean fromStart;

    @Option(names = "--tick-ms", paramLabel = "MS", description = "Snapshot period in milliseconds (default 250).")
    Integer tickMs;

    @Option(
            names = "--host",
            paramLabel = "NAME",
            description = "Host name shown in outputs (default: this host's name).")
    String host;

    @Option(
            names = "--history",
            paramLabel = "FILE",
            description = "History file to read and write (default: [history] path).")
    java.nio.file.Path historyFile;

    @Option(names = "--no-history", description = "Neither read nor write per-IP history.")
    boolean noHistory;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Set any configuration key, e.g. --set limits.max_ips=100000 (repeatable).")
    Map<String, String> set = new LinkedHashMap<>();

    @Mixin
    EnrichSwitches enrich = new EnrichSwitches();

    /** "90", "90s", "30m", "1h", "2d" as seconds. */
    static long seconds(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        long unit = 1;
        if (!t.isEmpty() && "smhd".indexOf(t.charAt(t.length() - 1)) >= 0) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'm' -> 60;
                case 'h' -> 3600;
                case 'd' -> 86_400;
                default -> 1;
            };
            t = t.substring(0, t.length() - 1);
        }
        long seconds;
        try {
            seconds = Math.multiplyExact(Long.parseLong(t), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UserException("--since: expected a duration like 30m, 1h or 2d, got '" + text + "'");
        }
        // Checked here, not left to general.backfill_seconds: that message names a key not typed.
        long max = ConfigKey.GENERAL_BACKFILL_SECONDS.max();
        if (seconds < 0 || seconds > max) {
            throw new UserException(
                    "--since: expected a duration back from now, 0 to " + max / 86_400 + "d, got '" + text + "'");
        }
        return seconds;
    }

    /**
     * Refuses a log path {@code option} names whose wildcard is in a directory part ({@code
     * /srv/*}{@code /logs/access.log}): the tailer follows globs in the file name only. Before, the run
     * started and the source then said "failed: java.lang.IllegalArgumentException: …".
     */
    private static void followable(String option, List<String> paths) {
        for (String p : paths) {
            if (p.equals(PipeSource.DASH)) {
                continue;
            }
            try {
                PathPattern.parse(p);
            } catch (java.nio.file.InvalidPathException e) {
                throw new UserException(option + " " + p + ": not a path (" + e.getReason() + ")");
            } catch (IllegalArgumentException e) {
                throw new UserException(option + " " + p + ": a wildcard is allowed in the file name only, not in"
                        + " a directory (like /var/log/nginx/*access*.log)");
            }
        }
    }

    /** Loads the configuration with these options as the highest-precedence layer. */
    Config load() {
        Map<String, String> cli = new LinkedHashMap<>(set);
        if (showPrivateIps != null) {
            cli.put("general.show_private_ips", showPrivateIps.toString());
        }
        if (procRoot != null) {
            cli.put("conn.proc_root", procRoot.toString());
        }
        if (accessLogs != null && !accessLogs.isEmpty()) {
            followable("--access-log", accessLogs);
            cli.put("http.paths", String.join(",", accessLogs));
        }
        if (connSource != null) {
            cli.put("conn.source", connSource);
        }
        if (logFormat != null) {
            cli.put("http.log_format", logFormat);
        }
        if (trustedProxies != null && !trustedProxies.isEmpty()) {
            cli.put("http.trusted_proxies", String.join(",", trustedProxies));
        }
        if (logTimeZone != null) {
            cli.put("http.log_time_zone", logTimeZone);
        }
        if (authLogs != null && !authLogs.isEmpty()) {
            followable("--auth-log", authLogs);
            cli.put("auth.paths", String.join(",", authLogs));
        }
        if (noAuth) {
            cli.put("auth.enabled", "false");
        }
        if (journalDir != null) {
            cli.put("auth.journal_directory", journalDir);
        }
        if (journald != null) {
            cli.put("auth.journald", journald);
        }
        if (since != null) {
            cli.put("general.backfill_seconds", Long.toString(seconds(since)));
        }
        if (noConn) {
            cli.put("conn.enabled", "false");
        }
        if (noHttp) {
            cli.put("http.enabled", "false");
        }
        if (noFirewall) {
            cli.put("actions.read_firewall_seconds", "0");
        }
        if (fromStart) {
            cli.put("http.from_start", "true");
        }
        if (tickMs != null) {
            cli.put("general.tick_ms", tickMs.toString());
        }
        if (host != null) {
            cli.put("general.host", host);
        }
        enrich.addTo(cli);
        return ConfigLoader.load(configFile, System.getenv(), cli);
    }
}
