package dev.nethergaze.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nethergaze.config.Config;
import dev.nethergaze.control.ControlClient;
import dev.nethergaze.control.ControlPaths;
import dev.nethergaze.detect.Cidr;
import dev.nethergaze.detect.Explanation;
import dev.nethergaze.detect.Findings;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.engine.LiveRunner;
import dev.nethergaze.export.ExplainJson;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.Plural;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.source.StatusReporter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "explain",
        description = "Print every finding for one IP with its evidence (live, or from --replay FILE...).",
        mixinStandardHelpOptions = true)
final class ExplainCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    // optional for picocli: "--replay FILE... IP" hands the IP to --replay, and call() takes it back
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "IP",
            description = "The address to explain (IPv4 or IPv6), or a prefix a finding names (2001:db8:1:2::/64).")
    String ipText;

    @Option(
            names = "--replay",
            paramLabel = "FILE",
            arity = "1..*",
            description = "Judge these files on their own timestamps instead of the live host: access logs, auth"
                    + " logs, journalctl JSON (plain or .gz) and captures, as replay takes them.")
    List<Path> replay;

    @Option(names = "--json", description = "Print {ip, findings[]} as JSON.")
    boolean json;

    @Option(
            names = "--socket",
            paramLabel = "PATH",
            description = "Ask the Nethergaze running at PATH (its control socket) for its findings; without it,"
                    + " explain asks the one `ctl` asks ($XDG_RUNTIME_DIR/nethergaze.sock) and judges here when"
                    + " none runs there, or when options say what to judge (--access-log, --since, ...).")
    Path socket;

    @Option(names = "--no-socket", description = "Judge here even when a Nethergaze runs.")
    boolean noSocket;

    /** Where the default socket is looked up ({@code XDG_RUNTIME_DIR}); a test's own. */
    Map<String, String> env = System.getenv();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * How far back a live explain reads the logs without {@code --since}: the longest window of the
     * rules that judge log lines (ssh_user_spray, the exploit memory), the slow SSH guess's day aside.
     * It judged ~1 s of lines read from the logs' ends, so "not seen" for an IP a console flagged.
     */
    static final String LOOK_BACK = "1h";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws InterruptedException {
        if (ipText == null && replay != null) {
            Path last = replay.getLast(); // "explain --replay a.log b.log 203.0.113.9": the list ate the IP
            if (IpKey.tryParse(last.toString()) != null && !Files.exists(last)) {
                if (replay.size() == 1) {
                    throw new UserException("--replay: no log file given, only the address " + last
                            + " (nethergaze explain IP --replay FILE...)");
                }
                ipText = last.toString();
                replay = replay.subList(0, replay.size() - 1);
            }
        }
        if (ipText == null) {
            throw new UserException("which IP? usage: nethergaze explain IP [--replay FILE...] [--json]");
        }
        Cidr prefix = null;
        if (ipText.contains("/")) {
            try {
                prefix = Cidr.parse(ipText);
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
        }
        IpKey ip = prefix != null ? null : IpKey.tryParse(ipText);
        if (prefix == null && ip == null) {
            throw new UserException("'" + ipText + "' is not an IP address");
        }
        String unasked = null; // why a live explain of one IP judges here after asking, or null
        if (replay == null && !noSocket && (socket != null || !judgesHere())) {
            Path path = socket != null ? socket : ControlPaths.defaultPath(env);
            String name = prefix != null ? prefix.toString() : ip.toString();
            try {
                JsonNode data = ask(name, path);
                if (socket != null || !data.path("private_hidden").asBoolean()) {
                    return answered(name, ip, path, data);
                }
                // a private address that run does not list: its "not seen" says nothing; this one lists them
                unasked = "the Nethergaze running at " + path + " lists no private addresses"
                        + " (general.show_private_ips is off)";
            } catch (IOException e) {
                if (socket != null) {
                    throw new UserException(e.getMessage());
                }
                unasked = e.getMessage();
            }
        }
        boolean defaultLookBack = replay == null && common.since == null && !common.fromStart;
        if (defaultLookBack) {
            common.since = LOOK_BACK;
        }
        Config c = common.load();
        Snapshot s = replay != null ? replay(c) : live(c);
        String nothing = replay == null ? null : nothingToExplain(s);
        if (nothing != null) { // "not seen", exit 0, was an answer the files could not give
            spec.commandLine().getErr().println("nethergaze: explain: " + nothing);
            return 2;
        }
        if (replay == null) { // what a live explain judged, in one line: the logs' recent past, the table now
            spec.commandLine()
                    .getErr()
                    .println("nethergaze: explain: " + (unasked == null ? "" : unasked + ": ") + "judged "
                            + (common.fromStart ? "the access logs from their start" : "the last " + common.since)
                            + " of the logs"
                            + (defaultLookBack ? " (the default; --since 1d for ssh_slow_guess's day)" : "")
                            + " and the connection table now");
        }
        if (prefix != null) {
            explainPrefix(prefix, s);
            return 0;
        }
        Explanation e = Explanation.of(s, ip);
        if (e.view() != null) { // where it comes from, as replay says it (the engines look up no geo)
            e = e.withView(
                    LocalGeo.add(List.of(e.view()), common.enrich.options(c)).getFirst());
        }
        if (json) {
            writeJson(ip.toString(), e.view(), e.findings(), e.earlier(), null, System.out);
        } else {
            IpView v = e.view();
            Output.text(text(ip, v != null, v == null ? null : v.geo(), e.findings()) + earlierText(e.earlier()));
        }
        return 0;
    }

    /**
     * Options that say what to judge here (sources, span, config): given any, explain judges here,
     * as before, and asks no running Nethergaze (which judged its own sources).
     */
    private static final List<String> HERE_OPTIONS = List.of(
            "--config",
            "--proc-root",
            "--access-log",
            "--conn-source",
            "--log-format",
            "--trusted-proxy",
            "--log-time-zone",
            "--auth-log",
            "--no-auth",
            "--journald",
            "--journal-dir",
            "--since",
            "--no-conn",
            "--no-http",
            "--no-firewall",
            "--from-start",
            "--set");

    private boolean judgesHere() {
        var parsed = spec.commandLine().getParseResult();
        return HERE_OPTIONS.stream().anyMatch(parsed::hasMatchedOption);
    }

    /**
     * The {@code data} of the running Nethergaze's {@code explain} reply.
     *
     * @throws IOException (one line) when none answers at {@code path} or it refuses
     */
    private static JsonNode ask(String name, Path path) throws IOException {
        ObjectNode req = JSON.createObjectNode().put("cmd", "explain").put("ip", name);
        JsonNode reply = JSON.readTree(ControlClient.send(path, req.toString()));
        if (!reply.path("ok").asBoolean(false)) {
            throw new IOException("the Nethergaze at " + path + " did not explain ("
                    + reply.path("error").asText("no reason given") + ")");
        }
        return reply.path("data");
    }

    /**
     * Prints what the running Nethergaze said of {@code name} ({@code ip}, or a prefix when {@code ip} is
     * null), after a line on stderr saying which one it was.
     */
    private int answered(String name, IpKey ip, Path path, JsonNode data) throws IOException {
        ExplainAnswer a = ExplainAnswer.read(data);
        spec.commandLine()
                .getErr()
                .println("nethergaze: explain: answered by the Nethergaze running at " + path + " (host " + a.host()
                        + ", as of " + a.generatedAt() + "; --no-socket judges here)");
        if (json) {
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(data));
        } else if (data.path("private_hidden").asBoolean()) {
            Output.text(name + ": not listed: the Nethergaze running at " + path + " lists no private addresses"
                    + " (start it with --show-private-ips, or explain without --socket to judge here)\n");
        } else if (ip == null) {
            printPrefix(name, a.findings(), a.earlier(), a.addresses());
        } else {
            Output.text(text(ip, a.seen(), a.geo(), a.findings()) + earlierText(a.earlier()));
        }
        return 0;
    }

    /**
     * The findings that name {@code prefix} as their subject (a /64 rotating through its addresses, a
     * /24 flood): those firing now, those that ended (each rule's, at its peak, from the addresses that
     * kept it), and which addresses of it the report holds.
     */
    private void explainPrefix(Cidr prefix, Snapshot s) {
        Explanation e = Explanation.of(s, prefix);
        printPrefix(prefix.toString(), e.findings(), e.earlier(), e.addresses());
    }

    private void printPrefix(String name, List<Finding> findings, List<PastFinding> earlier, List<String> addresses) {
        if (json) {
            writeJson(name, null, findings, earlier, addresses, System.out);
            return;
        }
        StringBuilder b = new StringBuilder(name);
        if (findings.isEmpty()) {
            b.append(addresses.isEmpty() ? ": not seen" : ": no findings now");
        } else {
            b.append(": ")
                    .append(Plural.of(findings.size(), "finding"))
                    .append(", worst ")
                    .append(findings.getFirst().severity().json());
        }
        b.append('\n');
        if (!addresses.isEmpty()) {
            b.append(addresses.size())
                    .append(addresses.size() == 1 ? " address" : " addresses")
                    .append(" of it in the report: ")
                    .append(String.join(", ", addresses.subList(0, Math.min(addresses.size(), 20))))
                    .append(addresses.size() > 20 ? ", …" : "")
                    .append('\n');
        }
        for (Finding f : findings) {
            finding(b, null, f, null, null);
        }
        Output.text(b + earlierText(earlier));
    }

    /** Why a replay gave nothing to explain (as {@code replay} says it), or null. */
    private static String nothingToExplain(Snapshot s) {
        String unread = ReplayCommand.nothingRead(s);
        if (unread != null) {
            return unread;
        }
        List<String> unknown = ReplayCommand.unrecognised(s);
        return unknown.isEmpty()
                ? null
                : "no line of " + String.join(", ", unknown)
                        + " was recognised (" + (unknown.size() == 1 ? "its line above says" : "their lines above say")
                        + " what it was read as): nothing to explain";
    }

    /** The same judgement as {@code replay FILE...}: every kind of log and capture, merged by time. */
    private Snapshot replay(Config c) throws InterruptedException {
        EngineSettings settings =
                Wiring.engineSettings(c).withShowPrivateIps(true).withIpIdle(null);
        return ReplayCommand.report(c, replay, settings, 0);
    }

    private static Snapshot live(Config c) throws InterruptedException {
        EngineSettings settings = Wiring.engineSettings(c).withShowPrivateIps(true);
        Engine engine = DetectWiring.engine(c, settings);
        var sources = Wiring.liveSources(c, InstantSource.system(), StatusReporter.to(System.err), true);
        try (LiveRunner runner = new LiveRunner(
                        engine,
                        sources,
                        InstantSource.system(),
                        Duration.ofMillis(40),
                        c.limits().eventQueue())
                .start()) {
            return SnapshotCommand.awaitSourcesReady(runner, Duration.ofSeconds(3));
        }
    }

    static String text(IpKey ip, boolean seen, GeoInfo geo, List<Finding> findings) {
        StringBuilder b = new StringBuilder();
        if (findings.isEmpty()) {
            b.append(ip).append(seen ? ": no findings now" : ": not seen").append('\n');
            where(b, geo);
            return b.toString();
        }
        b.append(ip)
                .append(": ")
                .append(Plural.of(findings.size(), "finding"))
                .append(", worst ")
                .append(findings.getFirst().severity().json())
                .append('\n');
        where(b, geo);
        for (Finding f : findings) {
            finding(b, ip, f, null, null);
        }
        return b.toString();
    }

    /** "where: GB (United Kingdom), London; AS2856 ..." when the local databases know the address. */
    private static void where(StringBuilder b, GeoInfo geo) {
        String place = LocalGeo.describe(geo);
        if (place != null) {
            b.append("where: ").append(place).append('\n');
        }
    }

    /** Findings that stopped firing (the last one per rule), after the current ones. */
    static String earlierText(List<PastFinding> earlier) {
        if (earlier.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("\nearlier (ended):\n");
        for (PastFinding p : earlier) {
            finding(b, null, p.finding(), p.held() ? null : p.ended(), p.held() ? p.ended() : null);
        }
        return b.toString();
    }

    /**
     * One finding: {@code ended} when its episode is over, {@code quiet} when it is held (below its
     * threshold since then, going on should it fire again within the hold); both null while it fires.
     */
    private static void finding(StringBuilder b, IpKey ip, Finding f, Instant ended, Instant quiet) {
        b.append('\n')
                .append('[')
                .append(f.severity().json())
                .append("] ")
                .append(f.rule())
                .append(ip == null || f.subject().equals(ip.toString()) ? "" : " (" + f.subject() + ")")
                .append(": ")
                .append(f.reason())
                .append('\n');
        b.append("  observed ")
                .append(num(f.observed()))
                .append(", threshold ")
                .append(num(f.threshold()))
                .append(f.window().isZero() ? "" : ", window " + f.window().toSeconds() + " s")
                .append(", since ")
                .append(f.since())
                .append(ended == null ? "" : ", ended " + ended)
                .append(
                        quiet == null
                                ? ""
                                : ", below threshold since " + quiet + " (held: it goes on if it fires within "
                                        + Findings.HOLD_SECONDS + " s)")
                .append('\n');
        b.append("  evidence:\n");
        for (String e : f.evidence()) {
            b.append("    ").append(e).append('\n');
        }
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Prints {@link ExplainJson}'s document. */
    private static void writeJson(
            String ip,
            IpView view,
            List<Finding> findings,
            List<PastFinding> earlier,
            List<String> addresses,
            PrintStream out) {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            ExplainJson.writeFields(g, ip, view, findings, earlier, addresses);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }
}
