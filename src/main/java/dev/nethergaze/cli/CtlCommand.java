package dev.nethergaze.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nethergaze.act.Quote;
import dev.nethergaze.control.ControlClient;
import dev.nethergaze.control.ControlPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nethergaze ctl status|set --port 443|top 50|pause|resume|reset|snapshot|explain IP|stop}: sends
 * one request to a running Nethergaze's control socket and prints the reply line. Exit 0 only when the
 * reply is ok; 1 for a refused request; 2 when nothing answers ("no running Nethergaze at PATH", or
 * "no answer from Nethergaze at PATH within 5 s" from a stopped or busy one).
 */
@Command(
        name = "ctl",
        mixinStandardHelpOptions = true,
        description = "Control a running Nethergaze (console or capture --headless) through its socket.")
public final class CtlCommand implements Callable<Integer> {

    private static final List<String> COMMANDS =
            List.of("status", "set", "top", "pause", "resume", "reset", "snapshot", "explain", "stop");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "status, set, top, pause, resume, reset, snapshot, explain or stop")
    String command;

    @Parameters(index = "1", arity = "0..1", description = "N for top (default 20); the IP or prefix for explain")
    String arg;

    @Option(names = "--socket", description = "control socket (default $XDG_RUNTIME_DIR/nethergaze.sock)")
    Path socket;

    @Option(
            names = "--port",
            description = "set: ports, e.g. 80,443,8000-8100. set changes only the fields given (the others"
                    + " keep their value); an empty value clears one: --port '' is every port again")
    String port;

    @Option(names = "--proto", description = "set: tcp,udp,icmp")
    String proto;

    @Option(names = "--src", description = "set: source addresses or networks")
    String src;

    @Option(names = "--dst", description = "set: destination addresses or networks")
    String dst;

    @Option(names = "--bpf", description = "set: raw BPF expression")
    String bpf;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!COMMANDS.contains(command)) {
            err.println("nethergaze ctl: unknown command " + command + " (one of " + String.join(", ", COMMANDS) + ")");
            return 2;
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode req = json.createObjectNode().put("cmd", command);
        String bad = argument(req);
        if (bad == null) {
            bad = filterFields();
        }
        if (bad != null) {
            err.println("nethergaze ctl: " + bad);
            return 2;
        }
        Path path = socket != null ? socket : ControlPaths.defaultPath(System.getenv());
        if (command.equals("set")) {
            putIf(req, "port", port);
            putIf(req, "proto", proto);
            putIf(req, "src", src);
            putIf(req, "dst", dst);
            putIf(req, "bpf", bpf);
        }
        String reply;
        try {
            reply = ControlClient.send(path, req.toString());
        } catch (IOException e) {
            err.println("nethergaze ctl: " + e.getMessage());
            return 2;
        }
        out.println(reply);
        out.flush();
        try {
            return json.readTree(reply).path("ok").asBoolean(false) ? 0 : 1;
        } catch (IOException e) {
            return 1;
        }
    }

    /** Puts the second word into the request as {@code command} takes it; a usage error, or null. */
    private String argument(ObjectNode req) {
        switch (command) {
            case "top" -> {
                if (arg == null) {
                    req.put("n", 20);
                } else if (arg.matches("[0-9]{1,9}")
                        && Integer.parseInt(arg) >= 1
                        && Integer.parseInt(arg) <= ControlClient.MAX_TOP) {
                    req.put("n", Integer.parseInt(arg));
                } else {
                    // a usage error (exit 2) whatever the number's fault, not the server's refusal (exit 1)
                    return "top takes a number of rows from 1 to " + ControlClient.MAX_TOP + ", not " + arg
                            + " (nethergaze ctl top 50)";
                }
            }
            case "explain" -> {
                if (arg == null) {
                    return "which IP? usage: nethergaze ctl explain IP";
                }
                req.put("ip", arg); // the server says when it is no address
            }
            default -> {
                if (arg != null) {
                    return command + " takes no argument, not " + arg;
                }
            }
        }
        return null;
    }

    /**
     * The filter options belong to {@code set}, which needs one of them: {@code ctl set} alone answered ok
     * having changed nothing, and {@code ctl status --port 22} dropped its {@code --port} without a word.
     */
    private String filterFields() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("--port", port);
        given.put("--proto", proto);
        given.put("--src", src);
        given.put("--dst", dst);
        given.put("--bpf", bpf);
        given.values().removeIf(Objects::isNull);
        if (command.equals("set")) {
            return given.isEmpty()
                    ? "set needs at least one of --port, --proto, --src, --dst, --bpf (an empty value clears one:"
                            + " --port '')"
                    : null;
        }
        return given.entrySet().stream()
                .findFirst()
                .map(e -> e.getKey() + " applies to set only (nethergaze ctl set " + e.getKey() + " "
                        + Quote.arg(e.getValue()) + ")")
                .orElse(null);
    }

    private static void putIf(ObjectNode req, String field, String value) {
        if (value != null) {
            req.put(field, value);
        }
    }
}
