package dev.nethergaze.cli;

import dev.nethergaze.config.ConfigException;
import dev.nethergaze.source.conn.ConnectionReaders;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code nethergaze [command]}; with no command (or only options), the live console. */
@Command(
        name = "nethergaze",
        description = "Live per-IP triage for Linux servers: TCP state, requests, SSH attempts, origin and findings.",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class)
public final class Main implements Runnable {

    /**
     * The subcommands, in help order, by name. Only the one a command line names is built: picocli reads
     * each command's options reflectively (annotations, proxies: work no start-up cache can keep), so
     * building all of them cost ~150 ms of every start, a third of a one-shot {@code snapshot}.
     */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("console", ConsoleCommand::new);
        m.put("snapshot", SnapshotCommand::new);
        m.put("watch", WatchCommand::new);
        m.put("serve", ServeCommand::new);
        m.put("fleet", FleetCommand::new);
        m.put("doctor", DoctorCommand::new);
        m.put("lookup", LookupCommand::new);
        m.put("trace", TraceCommand::new);
        m.put("geo", GeoCommand::new);
        m.put("replay", ReplayCommand::new);
        m.put("demo", DemoCommand::new);
        m.put("history", HistoryCommand::new);
        m.put("capture", CaptureCommand::new);
        m.put("ctl", CtlCommand::new);
        m.put("explain", ExplainCommand::new);
        m.put("block", BlockCommand::new);
        m.put("unblock", UnblockCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        return Collections.unmodifiableMap(m);
    }

    public static void main(String[] args) {
        System.exit(run(
                args,
                new PrintWriter(
                        new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true)));
    }

    /** Runs a command line and returns the exit code (0 ok, 1 failure, 2 usage/config error). */
    public static int run(String[] args, PrintWriter err) {
        if (args.length == 0 || consoleOption(args[0])) {
            String[] withCommand = new String[args.length + 1];
            withCommand[0] = "console";
            System.arraycopy(args, 0, withCommand, 1, args.length);
            args = withCommand;
        }
        if ("snapshot".equals(args[0])) {
            ConnectionReaders.bindNativeCallsInBackground(); // overlaps picocli's ~0.1 s of start-up
        }
        CommandLine cl = commandLine(args);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, line, parse) -> handle(ex, err));
        // a usage error is one line and where to look, not the whole usage text (~100 lines)
        cl.setParameterExceptionHandler((ex, line) -> {
            String sub = ex.getCommandLine().getCommandSpec().qualifiedName();
            return fail(err, ex.getMessage() + " (see: " + sub + " --help)", 2);
        });
        try {
            int code = cl.execute(args);
            // a one-shot whose whole output went into a closed pipe: as a filter killed by SIGPIPE
            return code == 0 && System.out.checkError() ? StdoutClosed.EXIT : code;
        } catch (OutOfMemoryError e) { // an Error passes picocli's handler
            return handle(new IllegalStateException(e), err);
        }
    }

    /** {@code nethergaze --capture ...}: an option first (not help or version) is the console's. */
    private static boolean consoleOption(String first) {
        return first.startsWith("-")
                && !java.util.List.of("-h", "--help", "-V", "--version").contains(first);
    }

    /**
     * The command tree for a command line: just the subcommand its first word names (other than
     * help), none for a lone version option, else all of them (top-level help, usage errors).
     */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Main());
        String first = args[0];
        Supplier<Object> one = "help".equals(first) ? null : SUBCOMMANDS.get(first);
        boolean versionOnly = args.length == 1 && ("-V".equals(first) || "--version".equals(first));
        if (one != null) {
            cl.addSubcommand(one.get());
        } else if (!versionOnly) {
            SUBCOMMANDS.values().forEach(s -> cl.addSubcommand(s.get()));
        }
        return cl;
    }

    private static int handle(Exception ex, PrintWriter err) {
        return switch (ex) {
            case ConfigException c -> fail(err, c.getMessage(), 2);
            case UserException u -> fail(err, u.getMessage(), 2);
            case dev.nethergaze.act.ActionRefused a -> fail(err, a.getMessage(), 2);
            case InterruptedException i -> 130;
            case StdoutClosed closed -> StdoutClosed.EXIT; // quietly, as a Unix filter ends on EPIPE
            default -> {
                if (System.getenv("NETHERGAZE_DEBUG") != null) {
                    ex.printStackTrace(err);
                }
                if (causedBy(ex, OutOfMemoryError.class)) {
                    yield fail(err, HeapCheck.outOfMemory(HeapCheck.maxHeap()), 1);
                }
                yield fail(err, "internal error: " + ex + " (set NETHERGAZE_DEBUG=1 for details)", 1);
            }
        };
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> kind) {
        for (int depth = 0; t != null && depth < 16; t = t.getCause(), depth++) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One line on stderr, its control characters made visible: a message may echo what the user typed
     * ({@code --filter $'\e[2Jx:y'}, a file name), and that is shown, not obeyed by the terminal.
     */
    private static int fail(PrintWriter err, String message, int code) {
        PrintWriter safe = dev.nethergaze.ui.text.SafeTerminalWriter.over(err);
        safe.println("nethergaze: " + message);
        safe.flush();
        return code;
    }

    @Override
    public void run() {
        // never reached: no arguments means "console"
    }
}
