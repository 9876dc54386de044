package dev.nethergaze.act;

import dev.nethergaze.model.FirewallBlocks;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.SourceStats;
import dev.nethergaze.source.StatusReporter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * The "firewall" source: reads what the host's firewall blocks ({@code nft -j list ruleset}, read
 * only) every {@code interval} and emits it whole as a {@link FirewallBlocks}: a block typed from
 * the console's assist (or by anyone else) shows on its row at the next read. Reading the ruleset needs root (CAP_NET_ADMIN): without it the health says so and
 * nothing is shown as blocked, which is not the same as nothing being blocked. A failed read keeps
 * the last table in the engine.
 */
public final class FirewallWatch implements Source {

    public static final String NAME = "firewall";
    /** The ruleset is read whole: a big blocklist is megabytes of JSON. */
    static final int MAX_OUTPUT = 64 << 20;

    static final List<String> NFT_RULESET = List.of("nft", "-j", "list", "ruleset");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final CommandRunner runner;
    private final Duration interval;
    private final InstantSource clock;
    private final SourceStats stats;

    public FirewallWatch(CommandRunner runner, Duration interval, InstantSource clock, StatusReporter reporter) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("firewall read interval must be positive: " + interval);
        }
        this.runner = runner;
        this.interval = interval;
        this.clock = clock;
        this.stats = new SourceStats(NAME, NAME, reporter);
    }

    /** The real thing: nft run as a child process, its whole answer kept. */
    public static FirewallWatch of(Duration interval, StatusReporter reporter) {
        return new FirewallWatch(new ProcessRunner(MAX_OUTPUT), interval, InstantSource.system(), reporter);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SourceHealth health() {
        return stats.health();
    }

    @Override
    public void run(EventSink sink) throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            readOnce(sink);
            Thread.sleep(interval);
        }
    }

    /** One read: the ruleset, its blocks emitted, the health set. */
    void readOnce(EventSink sink) throws InterruptedException {
        Instant now = clock.instant();
        CommandRunner.Result r = runner.run(NFT_RULESET, TIMEOUT);
        if (!r.started()) {
            stats.status(
                    "not installed".equals(r.notStarted()) ? SourceStatus.MISSING : SourceStatus.ERROR,
                    "nft " + r.notStarted() + ": what the firewall blocks is not shown");
            return;
        }
        if (!r.ok()) {
            String line = r.firstLine();
            boolean denied = line.contains("Operation not permitted") || line.contains("Permission denied");
            stats.status(
                    denied ? SourceStatus.PERMISSION_DENIED : SourceStatus.ERROR,
                    "nft list ruleset: " + line + (denied ? " (run as root to see what the firewall blocks)" : ""));
            return;
        }
        NftBlocks.Read read;
        try {
            read = NftBlocks.parse(r.stdout(), now);
        } catch (Exception e) { // JSON that is not a ruleset, or cut at MAX_OUTPUT: one line, the last table stays
            stats.status(SourceStatus.ERROR, "nft -j list ruleset: unreadable answer (" + oneLine(e) + ")");
            stats.malformed();
            return;
        }
        stats.lines(1);
        sink.emit(new FirewallBlocks(NAME, now, read.table()));
        stats.status(
                SourceStatus.OK,
                "nftables: " + read.table().size() + " blocked addresses, prefixes or ranges in " + read.rules()
                        + " rules" + (read.capped() ? " (only the first " + NftBlocks.MAX_RANGES + " kept)" : ""));
    }

    private static String oneLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
