package dev.nethergaze.cli;

import dev.nethergaze.act.Blocker;
import dev.nethergaze.act.FirewallWatch;
import dev.nethergaze.config.Config;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "block",
        description = "Block an IP or prefix on the active firewall (prints the commands; runs them only when"
                + " actions.enable_block_execution is true). Never blocks allowlisted ranges or your own SSH client.",
        mixinStandardHelpOptions = true)
final class BlockCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Up to 12 digits: nftables takes 99999999 s, and what is longer is its refusal naming the limit. */
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,12})([smhd])");

    @Mixin
    CommonOptions common;

    @Mixin
    BlockOptions options;

    @Parameters(index = "0", paramLabel = "IP[/BITS]", description = "Address or prefix, IPv4 or IPv6.")
    String target;

    @Option(
            names = "--for",
            paramLabel = "DURATION",
            description = "Temporary block, e.g. 90s, 30m, 1h, 2d (nftables and ipset expire it themselves).")
    String duration;

    @Option(
            names = "--force",
            description = "Block a prefix that holds this host's own address or its default gateway (never one of"
                    + " this host's addresses alone).")
    boolean force;

    @Override
    public Integer call() throws InterruptedException {
        var cidr = BlockOptions.target(target, spec.commandLine().getErr());
        Duration ttl = duration == null ? null : parse(duration);
        Config c = common.load();
        Blocker b = options.blocker(c, System.getenv(), System.out);
        // what already blocks it, read before anything runs, said as the console's block dialog says it
        List<String> already = BlockOptions.alreadyBlocked(
                cidr, FirewallWatch.of(Duration.ofSeconds(5), (n, s, d) -> {}), Instant.now());
        Blocker.Outcome o = b.block(cidr, ttl, options.reason, force);
        already.forEach(System.out::println);
        options.print(o, c, System.out, true);
        if (o.executed() && !o.plan().isEmpty()) { // a block kept as it was is no new action: its own record stands
            HistorySession.recordAction(
                    c,
                    common.historyFile,
                    common.noHistory,
                    cidr,
                    "block",
                    Blocker.reason(options.reason, ttl),
                    System.err);
        }
        return 0;
    }

    static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new UserException("--for: expected a positive duration like 90s, 30m, 1h or 2d, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
