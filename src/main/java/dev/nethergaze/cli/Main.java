package dev.nethergaze.cli;

import dev.nethergaze.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code nethergaze [command]}; with no command (or only options), the live console. */
@Command(
        name = "nethergaze",
        description = "Live per-IP triage for Linux servers: TCP state, requests, SSH attempts, origin and findings.",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        subcommands = {
            ConsoleCommand.class,
            SnapshotCommand.class,
            WatchCommand.class,
            LookupCommand.class,
            GeoCommand.class,
            ReplayCommand.class,
            DemoCommand.class,
            HistoryCommand.class,
            CaptureCommand.class,
            CtlCommand.class,
            ExplainCommand.class,
            BlockCommand.class,
            UnblockCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(
                args,
                new PrintWriter(
                        new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true)));
    }

    /** Runs a command line and returns the exit code (0 ok, 1 failure, 2 usage/config error). */
    public static int run(String[] args, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, line, parse) -> handle(ex, err));
        if (args.length == 0 || consoleOption(args[0])) {
            String[] withCommand = new String[args.length + 1];
            withCommand[0] = "console";
            System.arraycopy(args, 0, withCommand, 1, args.length);
            args = withCommand;
        }
        return cl.execute(args);
    }

    /** {@code nethergaze --capture ...}: an option first (not help or version) is the console's. */
    private static boolean consoleOption(String first) {
        return first.startsWith("-")
                && !java.util.List.of("-h", "--help", "-V", "--version").contains(first);
    }

    private static int handle(Exception ex, PrintWriter err) {
        return switch (ex) {
            case ConfigException c -> fail(err, c.getMessage(), 2);
            case UserException u -> fail(err, u.getMessage(), 2);
            case dev.nethergaze.act.ActionRefused a -> fail(err, a.getMessage(), 2);
            case InterruptedException i -> 130;
            default -> {
                if (System.getenv("NETHERGAZE_DEBUG") != null) {
                    ex.printStackTrace(err);
                }
                yield fail(err, "internal error: " + ex + " (set NETHERGAZE_DEBUG=1 for details)", 1);
            }
        };
    }

    private static int fail(PrintWriter err, String message, int code) {
        err.println("nethergaze: " + message);
        err.flush();
        return code;
    }

    @Override
    public void run() {
        // never reached: no arguments means "console"
    }
}
