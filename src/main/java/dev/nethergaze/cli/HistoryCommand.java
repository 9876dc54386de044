package dev.nethergaze.cli;

import dev.nethergaze.detect.Cidr;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.store.HistoryQueries;
import dev.nethergaze.store.IpSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nethergaze history}: what the history file knows. {@code history IP} prints the IP's
 * record and recent sessions; {@code history top} and {@code history recurring} rank IPs. Text by
 * default, or {@code --json} / {@code --csv}. Errors are one line on stderr, exit code 1.
 */
@Command(
        name = "history",
        description = "Show per-IP history: history IP | history CIDR | history top | history recurring | history host",
        subcommands = {HistoryCommand.Top.class, HistoryCommand.Recurring.class, HistoryCommand.Host.class},
        mixinStandardHelpOptions = true)
public final class HistoryCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "IP|CIDR",
            description = "The address to look up, or a prefix (203.0.113.0/24, 2001:db8::/48): every IP of it seen")
    String ip;

    @Mixin
    HistoryFileOptions options;

    @Option(names = "--sessions", defaultValue = "10", description = "Recent sessions shown (default: 10)")
    int sessions;

    @Option(names = "--limit", defaultValue = "50", description = "IPs of a prefix listed (default: 50)")
    int limit;

    @Override
    public Integer call() {
        if (ip == null) {
            return options.fail("history: give an IP, or use 'history top', 'history recurring' or 'history host'");
        }
        if (ip.indexOf('/') >= 0) {
            Cidr prefix;
            try {
                prefix = Cidr.parse(v4MappedPrefix(ip));
            } catch (IllegalArgumentException e) {
                return options.fail("history: " + e.getMessage());
            }
            return options.run(store -> {
                List<IpSummary> all = store.queries().within(prefix.network(), prefix.bits());
                int shown = Math.min(all.size(), Math.max(1, limit));
                HistoryOutput.rows(options, all.subList(0, shown), "no IP of " + prefix + " was ever seen");
                if (shown < all.size() && !options.json && !options.csv) {
                    options.out().println("… " + (all.size() - shown) + " more IPs of " + prefix + " (--limit)");
                }
            });
        }
        IpKey key = IpKey.tryParse(ip);
        if (key == null) {
            return options.fail("history: not an IP address or prefix: " + ip);
        }
        return options.run(store -> {
            var q = store.queries();
            // as the address is written everywhere else (RFC 5952, IPv4-mapped as IPv4), not as typed
            HistoryOutput.ip(options, key.toString(), q.info(key), q.ip(key, Math.max(0, sessions)));
        });
    }

    /**
     * An IPv4-mapped prefix ({@code ::ffff:203.0.113.0/120}, as a dual-stack socket writes the address)
     * as the IPv4 prefix it is ({@code 203.0.113.0/24}), as history files IPv4-mapped addresses; any
     * other text as it is.
     */
    static String v4MappedPrefix(String text) {
        int slash = text.indexOf('/');
        IpKey address = IpKey.tryParse(text.substring(0, slash));
        if (address == null || !address.isV4() || text.indexOf(':') < 0) {
            return text;
        }
        try {
            int bits = Integer.parseInt(text.substring(slash + 1));
            return bits >= 96 && bits <= 128 ? address + "/" + (bits - 96) : text;
        } catch (NumberFormatException e) {
            return text;
        }
    }

    static Instant since(String text) {
        if (!text.matches("[0-9]{1,6}[smhdw]")) {
            throw new IllegalArgumentException("--since must look like 30m, 12h, 7d or 2w, got '" + text + "'");
        }
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        Duration d = switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
        return Instant.now().minus(d);
    }

    /** {@code --since 7d}: the period {@code history top} and {@code history host} look at. */
    static final class Since {
        @Option(
                names = "--since",
                defaultValue = "7d",
                paramLabel = "PERIOD",
                description = "Period, e.g. 24h, 7d, 4w (default: 7d)")
        String text;

        /** The start of the period; IllegalArgumentException when the text is not one. */
        Instant from() {
            return since(text);
        }
    }

    /** {@code history top --by requests|flagged|auth --since 7d}. */
    @Command(
            name = "top",
            description = "IPs with the most requests, flags or auth failures",
            mixinStandardHelpOptions = true)
    static final class Top implements Callable<Integer> {
        @Mixin
        HistoryFileOptions options;

        @Option(
                names = "--by",
                defaultValue = "requests",
                description = "requests, flagged or auth (default: requests)")
        String by;

        @Mixin
        Since since;

        @Option(names = "--limit", defaultValue = "20", description = "Rows (default: 20)")
        int limit;

        @Override
        public Integer call() {
            HistoryQueries.By order;
            Instant from;
            try {
                order = HistoryQueries.By.parse(by);
                from = since.from();
            } catch (IllegalArgumentException e) {
                return options.fail("history top: " + e.getMessage());
            }
            return options.run(store -> HistoryOutput.rows(
                    options,
                    store.queries().top(order, from, limit),
                    "no IPs seen in the last " + since.text
                            + " (--since; a replayed log is filed under its own dates)"));
        }
    }

    /** {@code history host --since 7d}: the host-wide findings that ended, newest first. */
    @Command(
            name = "host",
            description = "Host-wide findings that ended (SYN floods over the whole table, full listen queues),"
                    + " each at its peak, newest first",
            mixinStandardHelpOptions = true)
    static final class Host implements Callable<Integer> {
        @Mixin
        HistoryFileOptions options;

        @Mixin
        Since since;

        @Option(names = "--limit", defaultValue = "20", description = "Episodes (default: 20)")
        int limit;

        @Override
        public Integer call() {
            Instant from;
            try {
                from = since.from();
            } catch (IllegalArgumentException e) {
                return options.fail("history host: " + e.getMessage());
            }
            return options.run(store -> HistoryOutput.hostEpisodes(
                    options,
                    store.queries().hostEpisodes(from, Math.max(1, limit)),
                    "no host-wide finding ended in the last " + since.text + " (--since)"));
        }
    }

    /** {@code history recurring --min-sessions 3}. */
    @Command(name = "recurring", description = "IPs seen in several sessions", mixinStandardHelpOptions = true)
    static final class Recurring implements Callable<Integer> {
        @Mixin
        HistoryFileOptions options;

        @Option(names = "--min-sessions", defaultValue = "3", description = "Minimum sessions (default: 3)")
        int minSessions;

        @Option(names = "--limit", defaultValue = "50", description = "Rows (default: 50)")
        int limit;

        @Override
        public Integer call() {
            return options.run(store -> HistoryOutput.rows(
                    options,
                    store.queries().recurring(Math.max(1, minSessions), limit),
                    "no IPs seen in " + Math.max(1, minSessions) + " or more sessions"));
        }
    }
}
