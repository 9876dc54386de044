package dev.nethergaze.act;

import dev.nethergaze.detect.Cidr;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocks and unblocks on one firewall: checks the {@link BlockGuard}, builds the plan, and — only
 * when execution is enabled — runs it step by step without a shell, auditing every action.
 */
public final class Blocker {

    /** What happened: the plan, whether (and how) it ran, and the best-effort steps that failed. */
    public record Outcome(
            Backend backend,
            Cidr target,
            List<Step> plan,
            boolean executed,
            List<AuditLog.Ran> ran,
            List<String> warnings,
            List<String> notes) {
        public Outcome {
            plan = List.copyOf(plan);
            ran = List.copyOf(ran);
            warnings = List.copyOf(warnings);
            notes = List.copyOf(notes);
        }

        /**
         * The plan as people read and paste it, the same for {@code nethergaze block} and the
         * console's block dialog: its notes as comments (what nethergaze blocks already, and what
         * the plan does about it), then each command.
         */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            notes.forEach(n -> out.add("# " + n));
            plan.forEach(s -> out.add(s.display()));
            return out;
        }

        /**
         * What ran, in one line, from the commands as they ran (not the plan's lines): a step found
         * already in place ran nothing, a repeated one ran as often as it did, and a best-effort one
         * that failed is counted as failed: "6 commands ran on nftables, 2 already in place, 1 failed
         * (see the warning)"; "nothing to do on iptables" when no command had to run (a block kept as it was, an
         * unblock of what is not blocked).
         */
        public String done() {
            long already = ran.stream()
                    .filter(r -> ALREADY.equals(r.message()) && r.exit() == 0)
                    .count();
            long failed = ran.stream().filter(r -> r.exit() != 0).count();
            long ranNow = ran.size() - already;
            if (ran.isEmpty()) {
                return "nothing to do on " + backend.cliName();
            }
            return dev.nethergaze.model.Plural.of(ranNow, "command") + " ran on " + backend.cliName()
                    + (already == 0 ? "" : ", " + already + " already in place")
                    + (failed == 0
                            ? ""
                            : ", " + failed + " failed (best effort: see the " + (failed == 1 ? "warning" : "warnings")
                                    + ")");
        }
    }

    /** The message of a step whose check found it done: it ran nothing. */
    static final String ALREADY = "already in place";

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(15);

    private final Backend backend;
    private final BlockGuard guard;
    private final CommandRunner runner;
    private final AuditLog audit;
    private final boolean execute;
    private final InstantSource clock;

    public Blocker(
            Backend backend,
            BlockGuard guard,
            CommandRunner runner,
            AuditLog audit,
            boolean execute,
            InstantSource clock) {
        this.backend = backend;
        this.guard = guard;
        this.runner = runner;
        this.audit = audit;
        this.execute = execute;
        this.clock = clock;
    }

    /** @param ttl how long the block lasts, or null for until unblocked */
    public Outcome block(Cidr target, Duration ttl, String reason) throws InterruptedException {
        return block(target, ttl, reason, false);
    }

    /** As above; {@code force}: see {@link BlockGuard#check(Cidr, boolean)}. */
    public Outcome block(Cidr target, Duration ttl, String reason, boolean force) throws InterruptedException {
        guard.check(target, force);
        List<Step> plan = planOrRefuse(() -> FirewallCommands.block(backend, target, ttl));
        List<String> notes = new ArrayList<>();
        List<OwnBlocks.Held> held = held(target, notes);
        if (held != null) {
            Overlaps.Decision d = Overlaps.block(backend, target, ttl, held, clock.instant());
            if (d.steps() != null && d.steps().isEmpty()) {
                plan = List.of();
            } else if (d.steps() != null) {
                List<Step> replaced = new ArrayList<>(d.steps());
                replaced.addAll(FirewallCommands.closeConnections(target));
                plan = replaced;
            }
            if (d.note() != null) {
                notes.add(d.note());
            }
        }
        return run("block", target, plan, notes, reason(reason, ttl));
    }

    /** A block's reason as the audit log and the history keep it: with how long it holds, when timed. */
    public static String reason(String reason, Duration ttl) {
        return reason + (ttl == null ? "" : " (for " + ttl.toSeconds() + " s)");
    }

    public Outcome unblock(Cidr target, String reason) throws InterruptedException {
        List<Step> plan = planOrRefuse(() -> FirewallCommands.unblock(backend, target));
        List<String> notes = new ArrayList<>();
        List<OwnBlocks.Held> held = held(target, notes);
        if (held != null) {
            Overlaps.Decision d = Overlaps.unblock(backend, target, held);
            if (d.steps() != null) {
                plan = d.steps();
            }
            if (d.note() != null) {
                notes.add(d.note());
            }
        }
        return run("unblock", target, plan, notes, reason);
    }

    /**
     * What nethergaze's own set (or iptables rules) holds of {@code target}'s family (nftables, ipset,
     * iptables; read only, in a dry run too), or null when there is no such set or it could not be
     * read (then a note says so).
     */
    private List<OwnBlocks.Held> held(Cidr target, List<String> notes) throws InterruptedException {
        if (backend == Backend.UFW) {
            return null;
        }
        List<String> cmd = OwnBlocks.command(backend, target);
        CommandRunner.Result r = runner.run(cmd, STEP_TIMEOUT);
        List<OwnBlocks.Held> held = OwnBlocks.parse(backend, r, clock.instant());
        if (held == null) {
            notes.add("could not read what nethergaze blocks already (" + Quote.join(cmd) + ": "
                    + (r.firstLine().isEmpty() ? "no answer understood" : r.firstLine()) + "): planned as if nothing");
        }
        return held;
    }

    private static List<Step> planOrRefuse(java.util.function.Supplier<List<Step>> plan) {
        try {
            return plan.get();
        } catch (IllegalArgumentException e) {
            throw new ActionRefused(e.getMessage());
        }
    }

    private Outcome run(String action, Cidr target, List<Step> plan, List<String> notes, String reason)
            throws InterruptedException {
        if (!execute) {
            return new Outcome(backend, target, plan, false, List.of(), List.of(), notes);
        }
        List<AuditLog.Ran> ran = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String failure = null;
        int stepsLeft = plan.size();
        for (Step s : plan) {
            stepsLeft--;
            if (!s.repeatWhile().isEmpty()) {
                failure = repeat(s, ran);
                if (failure != null) {
                    break;
                }
                continue;
            }
            if (!s.skipIf().isEmpty() && runner.run(s.skipIf(), STEP_TIMEOUT).ok()) {
                ran.add(new AuditLog.Ran(s.skipIf(), 0, ALREADY));
                continue;
            }
            CommandRunner.Result r = runner.run(s.argv(), STEP_TIMEOUT);
            ran.add(new AuditLog.Ran(s.argv(), r.exit(), r.firstLine()));
            if (!r.ok()) {
                String what = Quote.join(s.argv()) + " failed (exit " + r.exit() + "): " + r.firstLine();
                if (s.bestEffort()) {
                    warnings.add(what);
                    continue;
                }
                String full = IpsetFull.explain(s.argv(), r, runner, STEP_TIMEOUT);
                failure = (full == null ? what : full) + before(ran.size() - 1, stepsLeft);
                break;
            }
        }
        String unaudited = null;
        try {
            audit.record(clock.instant(), action, target.toString(), backend.cliName(), reason, ran);
        } catch (java.io.UncheckedIOException e) {
            // what ran, ran: said, not turned into an error that hides it (or hides the firewall's own)
            unaudited = e.getMessage();
        }
        if (failure != null) {
            throw new ActionRefused(action + " " + target + ": " + failure
                    + (unaudited == null ? "" : " (and the audit log could not be written: " + unaudited + ")"));
        }
        if (unaudited != null) {
            warnings.add("the commands ran, but the audit log could not be written: " + unaudited);
        }
        return new Outcome(backend, target, plan, true, ran, warnings, notes);
    }

    /**
     * What a failure left behind, for its message: the commands that ran before it (the table made,
     * the rule in place) and the steps after it that did not run; nothing when there are neither.
     */
    private static String before(int ranBefore, int notRun) {
        if (ranBefore == 0 && notRun == 0) {
            return "";
        }
        return " ("
                + (ranBefore == 0
                        ? "nothing ran before it"
                        : dev.nethergaze.model.Plural.of(ranBefore, "command") + " before it ran")
                + (notRun == 0
                        ? ""
                        : "; the " + dev.nethergaze.model.Plural.of(notRun, "step") + " after it did not run")
                + ")";
    }

    /** At most this many rounds of a repeated step: a loop that never ends is a check that lies. */
    static final int MAX_REPEAT = 64;

    /** Runs a repeated step while its check succeeds; the failure's text, or null. */
    private String repeat(Step s, List<AuditLog.Ran> ran) throws InterruptedException {
        for (int i = 0; i < MAX_REPEAT; i++) {
            if (!runner.run(s.repeatWhile(), STEP_TIMEOUT).ok()) {
                return null;
            }
            CommandRunner.Result r = runner.run(s.argv(), STEP_TIMEOUT);
            ran.add(new AuditLog.Ran(s.argv(), r.exit(), r.firstLine()));
            if (!r.ok()) {
                return Quote.join(s.argv()) + " failed (exit " + r.exit() + "): " + r.firstLine();
            }
        }
        return Quote.join(s.repeatWhile()) + " still succeeds after " + MAX_REPEAT + " deletions";
    }
}
