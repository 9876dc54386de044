package dev.nethergaze.act;

import dev.nethergaze.model.BlockTable;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The "firewall" source: reads what the host's firewall blocks ({@code nft -j list ruleset},
 * {@code iptables-save}, {@code ip6tables-save} and {@code ipset save}, all read only) every
 * {@code interval} and emits it whole as a {@link FirewallBlocks}: a block typed from the console's
 * assist (or by anyone else) shows on its row at the next read. Reading the ruleset needs root
 * (CAP_NET_ADMIN): without it the health says so and nothing is shown as blocked, which is not the
 * same as nothing being blocked. When no tool could be read, the engine keeps the last table; when
 * one of them failed, the health is {@code error} and names it.
 */
public final class FirewallWatch implements Source {

    public static final String NAME = "firewall";
    /**
     * The ruleset is read whole, and parsed as a tree: a big blocklist is megabytes of JSON (~50 bytes
     * an element); beyond this it is cut, does not parse, and the health says so.
     */
    public static final int MAX_OUTPUT = 16 << 20;

    static final List<String> NFT_RULESET = List.of("nft", "-j", "list", "ruleset");
    static final List<String> IPSET_SAVE = List.of("ipset", "save");
    /** Each family's save command (read only). */
    private static final List<String[]> IPTABLES_SAVE =
            List.of(new String[] {"ip", "iptables-save"}, new String[] {"ip6", "ip6tables-save"});

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

    /**
     * A read may take at most this share of the time (1/20): nft lists a set of 100k prefixes in
     * ~1.2 s of CPU, and reading that every 5 s would cost a quarter of a core.
     */
    static final int PACE = 20;

    /**
     * How long a watch whose every tool was refused for want of root waits before it tries again: a
     * running process's privileges do not change, and three refused processes every few seconds (as
     * any user but root) would be for nothing.
     */
    static final Duration DENIED_RETRY = Duration.ofMinutes(10);

    @Override
    public void run(EventSink sink) throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            long start = System.nanoTime();
            readOnce(sink);
            Duration next = pause(interval, Duration.ofNanos(System.nanoTime() - start));
            if (stats.status() == SourceStatus.PERMISSION_DENIED) {
                stats.note("tried again every " + DENIED_RETRY.toMinutes() + " min");
                Thread.sleep(DENIED_RETRY.toMillis());
                continue;
            }
            // a note, not the state: a read's cost comes and goes with the load, and in the detail of
            // a problem it would report that problem again at each change
            stats.note(
                    next.compareTo(interval) > 0
                            ? "read every " + next.toSeconds() + " s, as one read takes "
                                    + String.format(java.util.Locale.ROOT, "%.1f", next.toMillis() / 1000.0 / PACE)
                                    + " s"
                            : "");
            Thread.sleep(next);
        }
    }

    /** The wait before the next read: the interval, or {@link #PACE} times what the last read took. */
    static Duration pause(Duration interval, Duration took) {
        Duration paced = took.multipliedBy(PACE);
        return paced.compareTo(interval) > 0 ? paced : interval;
    }

    /**
     * One read: nftables' ruleset, then iptables' and ip6tables' rules (their own tables in nft are
     * left to them: they name iptables' terms, ipset sets and comments that nft's JSON hides), then
     * the ipset sets those rules name; the blocks emitted, the health set. A tool that is not
     * installed is left out; nothing emitted when no tool could be read.
     */
    void readOnce(EventSink sink) throws InterruptedException {
        Instant now = clock.instant();
        List<BlockTable.Range> ranges = new ArrayList<>();
        List<String> read = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> denied = new ArrayList<>(); // the tools that need root: one line for all of them
        boolean capped = false;
        Set<String> iptablesTables = new HashSet<>();
        List<String[]> saves = new ArrayList<>(); // family, output
        for (String[] tool : IPTABLES_SAVE) {
            CommandRunner.Result r = runner.run(List.of(tool[1]), TIMEOUT);
            if (!r.started()) {
                continue;
            }
            if (!r.ok() || (r.stdout().isBlank() && !r.stderr().isBlank())) {
                failed(tool[1], r.firstLine(), problems, denied);
                continue;
            }
            saves.add(new String[] {tool[0], r.stdout()});
            if (IptablesBlocks.variant(r.stdout()).equals("nf_tables")) { // its tables are in nft's ruleset too
                for (String t : IptablesBlocks.tables(r.stdout())) {
                    iptablesTables.add(tool[0] + " " + t);
                }
            }
        }
        CommandRunner.Result nft = runner.run(NFT_RULESET, TIMEOUT);
        if (nft.started() && !nft.ok()) {
            failed("nft", nft.firstLine(), problems, denied);
        } else if (nft.started()) {
            int[] rules = {0};
            try {
                capped = !NftBlocks.parse(nft.stdout(), now, iptablesTables, ranges, rules);
                read.add("nftables " + rules[0] + " blocking rules");
            } catch (Exception e) { // JSON that is not a ruleset, or cut at MAX_OUTPUT
                problems.add("nft -j list ruleset: unreadable answer (" + oneLine(e) + ")");
                stats.malformed();
            }
        }
        Set<String> named = new HashSet<>();
        saves.forEach(f -> named.addAll(IptablesBlocks.setsNamed(f[1])));
        Map<String, IptablesBlocks.IpSet> sets = Map.of();
        if (!named.isEmpty()) {
            CommandRunner.Result ipset = runner.run(IPSET_SAVE, TIMEOUT);
            if (ipset.ok()) {
                sets = IptablesBlocks.sets(ipset.stdout(), now);
            } else {
                problems.add("ipset save: " + (ipset.started() ? ipset.firstLine() : ipset.notStarted()));
            }
        }
        for (String[] save : saves) {
            int[] rules = {0};
            capped |= !capped && !IptablesBlocks.parse(save[1], save[0], sets, ranges, rules);
            read.add(save[0] + "tables " + rules[0] + " blocking rules");
        }
        if (!denied.isEmpty()) {
            problems.add(
                    String.join(", ", denied) + ": permission denied (run as root to see what the firewall blocks)");
        }
        if (read.isEmpty()) {
            stats.status(
                    problems.isEmpty()
                            ? SourceStatus.MISSING
                            : problems.size() == 1 && !denied.isEmpty()
                                    ? SourceStatus.PERMISSION_DENIED
                                    : SourceStatus.ERROR,
                    problems.isEmpty()
                            ? "neither nft nor iptables-save is installed: what the firewall blocks is not shown"
                            : String.join("; ", problems));
            return;
        }
        BlockTable table = BlockTable.of(ranges);
        stats.lines(1);
        sink.emit(new FirewallBlocks(NAME, now, table));
        stats.status(
                problems.isEmpty() ? SourceStatus.OK : SourceStatus.ERROR,
                table.size() + " blocked addresses, prefixes or ranges (" + String.join(", ", read) + ")"
                        + (capped ? "; only the first " + NftBlocks.MAX_RANGES + " kept" : "")
                        + (problems.isEmpty() ? "" : "; " + String.join("; ", problems)));
    }

    /**
     * One read now, for a one-shot check (after {@code nethergaze block}): the table, or null when no
     * tool could be read ({@link #health()} says why).
     */
    public BlockTable readNow() throws InterruptedException {
        List<dev.nethergaze.model.SourceEvent> got = new ArrayList<>(1);
        readOnce(got::add);
        return got.isEmpty() ? null : ((FirewallBlocks) got.getFirst()).table();
    }

    /** A tool that answered with an error: a refusal for want of root is told once for all, with the others. */
    private static void failed(String tool, String line, List<String> problems, List<String> denied) {
        if (line.contains("Operation not permitted") || line.contains("Permission denied")) {
            denied.add(tool);
        } else {
            problems.add(tool + ": " + line);
        }
    }

    private static String oneLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
