package dev.nethergaze.cli;

import dev.nethergaze.act.ActionHook;
import dev.nethergaze.act.ActionRefused;
import dev.nethergaze.act.Backend;
import dev.nethergaze.act.Blocker;
import dev.nethergaze.act.CommandRunner;
import dev.nethergaze.act.FirewallWatch;
import dev.nethergaze.act.HookRunner;
import dev.nethergaze.act.ProcessRunner;
import dev.nethergaze.config.Config;
import dev.nethergaze.detect.Cidr;
import dev.nethergaze.enrich.EnrichOptions;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.SpecialAddress;
import dev.nethergaze.source.trace.RouteTracer;
import dev.nethergaze.ui.tui.ActionResult;
import dev.nethergaze.ui.tui.ConsoleActions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the console may ask of a live run: block/unblock assist (the commands for the active
 * firewall, shown and never run from the console — `nethergaze block` runs them), the user's hooks
 * (argument arrays, {ip} substituted only after it parses as an address), and whois.
 */
final class LiveConsoleActions implements ConsoleActions {

    private final Config config;
    /** What enrichment may do in this run; null when it is off entirely. */
    private final EnrichOptions enrich;
    /** False in the demo: its addresses are made up, and probes to them would leave the host. */
    private final boolean tracing;

    private final List<ActionHook> hooks;
    /** Runs the read of nethergaze's own set before a plan (the real tools; a fake in tests). */
    private final CommandRunner runner;
    /** The demo's: it reads no config file, so a hook key says where hooks are set up for the console. */
    private final boolean demo;

    private volatile Backend backend; // detected once, on first use (it starts `ufw status`, `nft list ...`)

    /** Whether this run keeps history (the detail's history line); set once, before the console starts. */
    private boolean historyKept = true;

    LiveConsoleActions(Config config, EnrichOptions enrich, boolean tracing) {
        this(config, enrich, tracing, false, new ProcessRunner(FirewallWatch.MAX_OUTPUT));
    }

    /** As above, reading nethergaze's own set through {@code runner} (a fake firewall in tests). */
    LiveConsoleActions(Config config, CommandRunner runner) {
        this(config, null, false, false, runner);
    }

    private LiveConsoleActions(
            Config config, EnrichOptions enrich, boolean tracing, boolean demo, CommandRunner runner) {
        this.config = config;
        this.runner = runner;
        this.enrich = enrich;
        this.tracing = tracing;
        this.demo = demo;
        this.hooks = config == null || demo ? List.of() : DetectWiring.hooks(config);
    }

    /** The demo's actions: the defaults, no probes (its addresses are made up), no hooks (no config file is read). */
    static LiveConsoleActions forDemo() {
        return new LiveConsoleActions(
                Config.defaults(), null, false, true, new ProcessRunner(FirewallWatch.MAX_OUTPUT));
    }

    @Override
    public ActionResult pause(boolean paused) {
        return ActionResult.ok(paused ? "view paused; the engine keeps counting" : "resumed");
    }

    /** This run's history: kept ({@link LiveSession#keepsHistory}) or not; returns this. */
    LiveConsoleActions keepingHistory(boolean kept) {
        this.historyKept = kept;
        return this;
    }

    @Override
    public boolean historyKept() {
        return historyKept && !demo;
    }

    @Override
    public boolean whoisAsks() {
        return enrich != null && !enrich.offline() && enrich.whoisActive();
    }

    @Override
    public ActionResult whoisNow(IpKey ip) {
        if (enrich == null) {
            return ActionResult.failed("whois is off: enrichment is off in this run");
        }
        if (enrich.offline()) {
            return ActionResult.failed("offline: no whois (--offline: no outbound connection in this run)");
        }
        if (!enrich.whoisActive()) {
            return ActionResult.failed("whois is off (--no-whois or [whois] enabled = false)");
        }
        Optional<SpecialAddress> special = SpecialAddress.of(ip);
        if (special.isPresent()) {
            return ActionResult.ok("whois " + ip + ": " + special.get().whoisReason());
        }
        return ActionResult.ok("whois for " + ip + " is looked up automatically, busiest IPs first;"
                + " the answer appears in the detail view");
    }

    @Override
    public ActionResult trace(IpKey ip) {
        if (!tracing) {
            // its probes would go to documentation ranges, which lead nowhere: not a missing feature
            return ActionResult.failed("no trace in the demo: its addresses are made up (the live console traces)");
        }
        if (enrich != null && enrich.offline()) {
            return ActionResult.failed(
                    "offline: no trace (its probes go to " + ip + " itself; --offline: no outbound connection)");
        }
        // the tracer waits in poll(2), a native call that would pin a virtual thread's carrier (the
        // web view's, too) for seconds: it runs on a platform thread of its own, joined from here
        java.util.concurrent.CompletableFuture<RouteTracer.Route> route =
                new java.util.concurrent.CompletableFuture<>();
        Thread.ofPlatform().daemon().name("nethergaze trace").start(() -> {
            try {
                route.complete(RouteTracer.furthest(ip, 30, 3, Duration.ofSeconds(1)));
            } catch (IOException | RuntimeException e) {
                route.completeExceptionally(e);
            }
        });
        try {
            RouteTracer.Route r = route.get();
            return ActionResult.show(
                    TraceCommand.summary(r),
                    TraceCommand.lines(
                            r, TraceCommand.rows(r, enrich != null ? enrich : new EnrichSwitches().options(config))));
        } catch (java.util.concurrent.ExecutionException e) {
            return ActionResult.failed("trace: " + e.getCause().getMessage());
        } catch (IOException e) {
            return ActionResult.failed("trace: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionResult.failed("trace interrupted");
        }
    }

    @Override
    public ActionResult blockAssist(Cidr target, Cidr prefix) {
        ActionResult one = assist(target, "block", b -> b.block(target, null, CONSOLE));
        if (prefix == null || prefix.bits() >= target.bits() || !one.ok()) {
            return one;
        }
        ActionResult all = assist(prefix, "block", b -> b.block(prefix, null, CONSOLE));
        List<String> lines = new ArrayList<>(one.lines());
        lines.add("");
        lines.add((target.isSingle() ? "# it is one address of " : "# it lies in ") + prefix
                + ", which its findings name: blocking it alone may not stop them");
        lines.addAll(all.ok() ? all.lines() : List.of("# " + all.message()));
        return ActionResult.show(one.message(), lines);
    }

    @Override
    public ActionResult unblockAssist(Cidr target) {
        return assist(target, "unblock", b -> b.unblock(target, CONSOLE));
    }

    /** The reason a plan from the console carries (it is never run from there: no audit line has it). */
    private static final String CONSOLE = "console";

    /** What the console asks of a dry-run {@link Blocker}. */
    private interface Plan {
        Blocker.Outcome of(Blocker b) throws InterruptedException;
    }

    /**
     * The plan {@code nethergaze block} (or unblock) would run, from the same code: a {@link Blocker}
     * that never executes, which checks the guard and reads what nethergaze's own set holds already
     * (an nftables prefix over addresses blocked one by one replaces them; nft refused the plain add).
     */
    private ActionResult assist(Cidr ip, String verb, Plan plan) {
        if (config == null) {
            return ActionResult.unavailable(verb + " assist");
        }
        try {
            Backend b = backend();
            Blocker dry = new Blocker(
                    b,
                    DetectWiring.guard(config, System.getenv()),
                    runner,
                    DetectWiring.audit(config, System.getenv()),
                    false,
                    InstantSource.system());
            Blocker.Outcome o = plan.of(dry);
            List<String> lines = new ArrayList<>();
            lines.add("# " + verb + " " + ip + " on " + b.cliName() + " (copy, or run: nethergaze " + verb + " " + ip
                    + ")");
            lines.addAll(o.lines());
            return ActionResult.show(verb + " " + ip, lines);
        } catch (ActionRefused e) {
            return ActionResult.failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionResult.failed("interrupted");
        }
    }

    private Backend backend() throws InterruptedException {
        Backend b = backend;
        if (b == null) {
            ByteArrayOutputStream info = new ByteArrayOutputStream();
            b = DetectWiring.backend(config.actions().firewall(), new PrintStream(info, true, StandardCharsets.UTF_8));
            backend = b;
        }
        return b;
    }

    @Override
    public ActionResult runHook(int n, IpKey ip) {
        ActionHook hook = hooks.stream()
                .filter(h -> h.key().equals(Integer.toString(n)))
                .findFirst()
                .orElse(null);
        if (hook == null) {
            return ActionResult.failed(notConfigured(n));
        }
        try {
            CommandRunner.Result r = new HookRunner(new ProcessRunner()).run(hook, ip.toString());
            List<String> lines = new ArrayList<>();
            lines.add("$ " + String.join(" ", HookRunner.argv(hook, ip.toString())));
            r.stdout().lines().limit(200).forEach(lines::add);
            r.stderr().lines().limit(50).forEach(l -> lines.add("! " + l));
            lines.add(r.timedOut() ? "(timed out)" : "(exit " + r.exit() + ")");
            return ActionResult.show(hook.label(), lines);
        } catch (ActionRefused e) {
            return ActionResult.failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionResult.failed("interrupted");
        }
    }

    /**
     * Why key {@code n} runs nothing: no hook has that key (hooks are built in; they are only not set
     * up), and the config table that sets one up.
     */
    String notConfigured(int n) {
        if (demo) {
            return "the demo runs no hooks (it reads no config file): in the console, key " + n
                    + " runs the [[actions.hooks]] table with key = \"" + n
                    + "\" of its config file (config.example.toml shows one)";
        }
        String keys = hooks.stream().map(ActionHook::key).sorted().collect(java.util.stream.Collectors.joining(", "));
        return "hook " + n + " is not configured"
                + (keys.isEmpty() ? "" : " (hooks are set up for key " + keys + ")")
                + ": add an [[actions.hooks]] table with key = \"" + n
                + "\", label and command to the config file (config.example.toml shows one)";
    }

    @Override
    public List<String> hookNames() {
        List<String> names = new ArrayList<>();
        for (int n = 1; n <= 9; n++) {
            String key = Integer.toString(n);
            names.add(hooks.stream()
                    .filter(h -> h.key().equals(key))
                    .map(ActionHook::label)
                    .findFirst()
                    .orElse(""));
        }
        while (!names.isEmpty() && names.getLast().isEmpty()) {
            names.removeLast();
        }
        return names;
    }
}
