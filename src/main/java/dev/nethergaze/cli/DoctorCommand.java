package dev.nethergaze.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nethergaze.act.FirewallDetector;
import dev.nethergaze.act.ProcessRunner;
import dev.nethergaze.config.Config;
import dev.nethergaze.enrich.EnrichOptions;
import dev.nethergaze.enrich.GeoPaths;
import dev.nethergaze.enrich.geo.CsvGeo;
import dev.nethergaze.enrich.geo.GeoDatabase;
import dev.nethergaze.enrich.geo.GeoDbException;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.source.authlog.JournaldSource;
import dev.nethergaze.source.capture.LiveCapture;
import dev.nethergaze.source.httplog.ServerLogFormats;
import dev.nethergaze.source.replay.PipeSource;
import dev.nethergaze.source.tail.IoErrors;
import dev.nethergaze.store.HistoryException;
import dev.nethergaze.store.HistoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "doctor",
        description = "Check what this host gives nethergaze (sources, privileges, databases, firewall, capture),"
                + " each with how to fix it; exit 1 when something needed does not work.",
        mixinStandardHelpOptions = true)
final class DoctorCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "[{check, level: ok|warn|fail, detail, fix}] instead of the list.")
    boolean json;

    enum Level {
        OK,
        WARN,
        FAIL
    }

    record Check(String name, Level level, String detail, String fix) {}

    private static final long CAP_NET_ADMIN = 12;
    private static final long CAP_NET_RAW = 13;
    private static final long CAP_SYS_PTRACE = 19;

    @Override
    public Integer call() throws InterruptedException {
        Path historyFile = common.historyFile;
        common.noHistory = true; // looking, not recording: --history FILE is checked, never written
        List<Check> checks = new ArrayList<>();
        checks.add(privileges());
        Config c;
        // the list says each source's state, with its fix: the lines a live run prints on stderr as its
        // sources start (a named auth log missing, the journal read instead, a source missing) would
        // repeat the failing rows above the list, so they are held back while the sources are asked
        // (said to a stream of their own, not by taking System.err from the rest of the process)
        PrintStream heldBack = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        try (LiveSession session = LiveSession.start(common, null, Duration.ofMillis(40), true, () -> heldBack)) {
            c = session.config; // loaded once, by the session
            Snapshot s = SnapshotCommand.awaitSourcesReady(session.runner, Duration.ofSeconds(3));
            Check named = namedAuthLogs(c);
            String journalDir = c.auth().journalDirectory();
            for (SourceHealth h : s == null ? List.<SourceHealth>of() : s.sources()) {
                if (named != null && h.kind().equals("auth")) { // the files named, then the journal read instead
                    checks.add(named);
                    named = null;
                }
                checks.add(source(h, () -> JournaldSource.journalToRead(Wiring.JOURNALCTL, journalDir)));
            }
            if (named != null) {
                checks.add(named);
            }
        }
        checks.add(geo(common.enrich.options(c)));
        checks.add(firewall(c));
        checks.add(closeConnections());
        checks.add(capture());
        if (historyFile != null) {
            checks.add(history(historyFile));
        }
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ArrayNode arr = m.createArrayNode();
            for (Check k : checks) {
                ObjectNode o = arr.addObject();
                o.put("check", k.name());
                o.put("level", k.level().name().toLowerCase(Locale.ROOT));
                o.put("detail", k.detail());
                o.put("fix", k.fix());
            }
            System.out.println(arr);
        } else {
            PrintWriter out = Output.text();
            for (Check k : checks) {
                String mark = switch (k.level()) {
                    case OK -> "✓";
                    case WARN -> "!";
                    case FAIL -> "✗";
                };
                out.printf(Locale.ROOT, "%s %-40s %s%n", mark, k.name(), k.detail());
                if (!k.fix().isEmpty()) {
                    out.printf(Locale.ROOT, "  %-40s → %s%n", "", k.fix());
                }
            }
        }
        return checks.stream().anyMatch(k -> k.level() == Level.FAIL) ? 1 : 0;
    }

    /**
     * The auth logs named with {@code --auth-log} (or {@code auth.paths}) that a live run leaves for
     * sshd's journal because none is readable: a failure naming each and why; null when there are none.
     */
    static Check namedAuthLogs(Config c) {
        if (!c.auth().enabled()) {
            return null;
        }
        List<String> paths = c.auth().paths();
        List<String> files =
                paths.stream().filter(p -> !p.equals(PipeSource.DASH)).toList();
        Map<String, String> replaced = Wiring.namedAuthLogsReplaced(c.auth(), files, paths.contains(PipeSource.DASH));
        if (replaced.isEmpty()) {
            return null;
        }
        List<String> each = new ArrayList<>();
        replaced.forEach((path, why) -> each.add(path + ": " + why));
        return new Check(
                "auth:" + String.join(",", replaced.keySet()),
                Level.FAIL,
                String.join("; ", each) + "; a live run reads sshd's journal instead",
                "name the log sshd writes (--auth-log PATH), or --journald on to read the journal knowingly");
    }

    /** A history file named with --history, read only: doctor records no session into it and prunes nothing. */
    static Check history(Path file) {
        try {
            String detail = HistoryStore.inspect(file);
            return Files.isWritable(file)
                    ? new Check("history", Level.OK, detail, "")
                    : new Check(
                            "history",
                            Level.WARN,
                            detail + " (not writable by this user)",
                            "a live run continues without history; replay --history fails");
        } catch (HistoryException e) {
            return new Check("history", Level.FAIL, e.getMessage(), "name another file with --history FILE");
        }
    }

    /** Root, or the capabilities each part needs. */
    static Check privileges() {
        long uid = -1;
        long caps = 0;
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("Uid:")) {
                    uid = Long.parseLong(l.split("\\s+")[2]);
                } else if (l.startsWith("CapEff:")) {
                    caps = Long.parseUnsignedLong(l.substring(7).strip(), 16);
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Check("privileges", Level.WARN, "cannot read /proc/self/status: " + e.getMessage(), "");
        }
        if (uid == 0) {
            return new Check("privileges", Level.OK, "root", "");
        }
        List<String> missing = new ArrayList<>();
        if ((caps & (1L << CAP_NET_ADMIN)) == 0) {
            missing.add("CAP_NET_ADMIN (SYN counters per listener, ss -K after a block)");
        }
        if ((caps & (1L << CAP_NET_RAW)) == 0) {
            missing.add("CAP_NET_RAW (--capture)");
        }
        if ((caps & (1L << CAP_SYS_PTRACE)) == 0) {
            missing.add("CAP_SYS_PTRACE (process owners of other users' sockets)");
        }
        return new Check(
                "privileges",
                missing.isEmpty() ? Level.OK : Level.WARN,
                "uid " + uid + (missing.isEmpty() ? "" : "; without " + String.join(", ", missing)),
                missing.isEmpty() ? "" : "run as root (sudo), or grant the capabilities to the JVM");
    }

    /** A source's health with the usual fix. */
    static Check source(SourceHealth h) {
        return source(h, DoctorCommand::hostFormats);
    }

    /** As {@link #source(SourceHealth)}, where {@code journalHere} says whether journald has a journal to read. */
    static Check source(SourceHealth h, BooleanSupplier journalHere) {
        return source(h, DoctorCommand::hostFormats, journalHere);
    }

    /** The log formats this host's web servers declare (read when a log's lines do not parse). */
    private static ServerLogFormats hostFormats() {
        return ServerLogFormats.read(Path.of("/"));
    }

    /**
     * As {@link #source(SourceHealth)}, with the formats the web servers declare (for an access log
     * whose lines do not parse: the {@code --log-format} its server says it writes).
     */
    static Check source(SourceHealth h, java.util.function.Supplier<ServerLogFormats> formats) {
        return source(h, formats, () -> JournaldSource.journalToRead(Wiring.JOURNALCTL, ""));
    }

    /**
     * As above; {@code journalHere} says whether journald keeps a journal here, so a missing auth log
     * is offered {@code --journald on} only where it would read something, and missing journald is
     * pointed at the file sshd writes instead (never at the option it was run with).
     */
    static Check source(
            SourceHealth h, java.util.function.Supplier<ServerLogFormats> formats, BooleanSupplier journalHere) {
        String what = h.status().json()
                + (h.detail().isEmpty() ? "" : ": " + h.detail())
                + (h.malformed() > 0 ? " (" + h.malformed() + " of " + h.lines() + " lines unparsed)" : "");
        Level level = switch (h.status()) {
            case OK, DONE, DISABLED -> h.malformed() > 0 ? Level.WARN : Level.OK;
            case STARTING, MISSING, BEHIND -> Level.WARN;
            case PERMISSION_DENIED, ERROR -> Level.FAIL;
        };
        String fix = switch (h.status()) {
            case PERMISSION_DENIED ->
                switch (h.kind()) {
                    case "http", "auth" ->
                        "run as root, or give this user read access (on Debian/Ubuntu: the adm group reads /var/log)";
                    case "firewall" -> "run as root: reading the ruleset needs CAP_NET_ADMIN (no group gives it)";
                    default -> "run as root";
                };
            case MISSING ->
                switch (h.kind()) {
                    case "http" -> "point --access-log at your web server's log (or set http.paths)";
                    case "auth" ->
                        h.name().equals("auth:journald")
                                ? "sshd logs to a file? --auth-log PATH"
                                : journalHere.getAsBoolean()
                                        ? "sshd logs elsewhere? --auth-log PATH, or --journald on"
                                        : "sshd logs elsewhere? --auth-log PATH (journald keeps no journal here)";
                    default -> "";
                };
            case ERROR -> "see the detail; the other sources keep running";
            case BEHIND -> "it catches up when the burst ends; meanwhile the view is late by that much";
            default -> {
                if (h.malformed() == 0) {
                    yield "";
                }
                String declared = h.kind().equals("http") ? declaredFormat(h.name(), formats.get()) : null;
                yield declared != null
                        ? declared
                        : "a custom log format? --log-format 'nginx:$remote_addr …' or 'apache:%h …'";
            }
        };
        if (h.kind().equals("conn") && h.detail().startsWith("procfs")) {
            level = Level.WARN;
            fix = "run as root for netlink: TCP health (RTT, retransmits), owners and a cheaper poll";
        }
        return new Check(h.name(), level, what, fix);
    }

    /**
     * What the web servers' configurations declare for the logs an access-log source follows ({@code
     * http:PATH,GLOB,...}): one format, with where it is declared and the option to give; several, each
     * with its log (one {@code --log-format} applies to every access log of a run); null if none.
     */
    static String declaredFormat(String sourceName, ServerLogFormats formats) {
        String[] patterns = sourceName.substring(sourceName.indexOf(':') + 1).split(",");
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>(); // option -> "log (where)"
        for (var e : formats.all().entrySet()) {
            for (String pattern : patterns) {
                boolean matches;
                try {
                    matches = pattern.equals(e.getKey().toString())
                            || java.nio.file.FileSystems.getDefault()
                                    .getPathMatcher("glob:" + pattern)
                                    .matches(e.getKey());
                } catch (IllegalArgumentException bad) {
                    matches = false;
                }
                if (matches) {
                    options.putIfAbsent(
                            e.getValue().option(),
                            e.getKey() + " (" + e.getValue().where() + ")");
                }
            }
        }
        if (options.isEmpty()) {
            return null;
        }
        if (options.size() == 1) {
            var only = options.entrySet().iterator().next();
            return "its server declares " + only.getValue() + ": --log-format '" + only.getKey() + "'";
        }
        List<String> each = new ArrayList<>();
        options.forEach((option, log) -> each.add(log + ": --log-format '" + option + "'"));
        return "its server declares a format per log (one --log-format per run, with --access-log): "
                + String.join("; ", each);
    }

    /**
     * The offline geo databases a run would use: the ones named (--geoip-*-db, --geo-csv or [geoip]) and,
     * for a kind not named, the one found in the default folders. One that is missing, unreadable, not
     * a database or corrupt ({@link GeoDatabase#verify}) is a failure (the run goes without it); finding
     * none, or one older than two months, is a warning.
     */
    static Check geo(EnrichOptions options) {
        if (!options.geoip()) {
            return new Check("geoip", Level.OK, "off (--no-geoip or geoip.enabled = false)", "");
        }
        GeoPaths paths = options.geo();
        List<GeoPaths.Mmdb> mmdb = paths.mmdbs();
        if (mmdb.isEmpty() && paths.csv() == null) {
            return new Check(
                    "geoip",
                    Level.WARN,
                    "no offline database: no country, city or ASN for addresses",
                    "nethergaze geo update (DB-IP Lite, CC BY 4.0), or --geoip-city-db FILE");
        }
        List<String> seen = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        boolean stale = false;
        for (GeoPaths.Mmdb m : mmdb) {
            Path f = m.path();
            String unreadable = IoErrors.unreadable(f);
            if (unreadable != null) {
                broken.add(f + ": " + unreadable);
                continue;
            }
            try (GeoDatabase db = GeoDatabase.open(m)) { // of the kind its setting wants
                db.verify(); // a bounded sample of lookups through the search tree and the data section
                LocalDate built = db.buildDate();
                seen.add(f.getFileName() + (built == null ? "" : " (" + built + ")"));
                stale |= db.isStale(LocalDate.now());
            } catch (GeoDbException e) {
                broken.add(e.getMessage());
            } catch (IOException e) {
                // closing a database that was read: nothing to report
            }
        }
        if (paths.csv() != null) {
            String unreadable = IoErrors.unreadable(paths.csv());
            try {
                if (unreadable != null) {
                    broken.add(paths.csv() + ": " + unreadable);
                } else {
                    seen.add(paths.csv().getFileName() + " ("
                            + CsvGeo.load(paths.csv()).segments() + " ranges)");
                }
            } catch (GeoDbException e) {
                broken.add(e.getMessage());
            }
        }
        List<String> all = new ArrayList<>(broken);
        all.addAll(seen);
        if (!broken.isEmpty()) {
            return new Check(
                    "geoip",
                    Level.FAIL,
                    String.join(", ", all),
                    "name another file (--geoip-city-db, --geoip-country-db, --geoip-asn-db, --geo-csv),"
                            + " or nethergaze geo update for fresh databases");
        }
        return new Check(
                "geoip",
                stale ? Level.WARN : Level.OK,
                String.join(", ", all),
                stale ? "nethergaze geo update (a database older than two months misplaces addresses)" : "");
    }

    /** Which firewall a block would use, and whether blocks run. */
    static Check firewall(Config c) throws InterruptedException {
        FirewallDetector.Detection d = new FirewallDetector(new ProcessRunner()).detect();
        String configured = c.actions().firewall();
        boolean auto = configured.equals("auto");
        String detail = (auto
                        ? d.backend().cliName() + " (" + String.join("; ", d.reasons()) + ")"
                        : configured + " (configured)")
                + "; blocks " + (c.actions().enableBlockExecution() ? "run" : "are printed only");
        if (auto && !d.known()) { // the probes were refused: the backend is a guess, and so are its commands
            return new Check(
                    "block backend",
                    Level.WARN,
                    detail,
                    "run as root to see which firewall is active, or name it: actions.firewall ="
                            + " ufw|nftables|iptables|ipset");
        }
        return new Check(
                "block backend", // the source "firewall" says what is blocked already
                Level.OK,
                detail,
                c.actions().enableBlockExecution() ? "" : "set actions.enable_block_execution = true to run them");
    }

    /** Whether the kernel can close a blocked address's open connections (SOCK_DESTROY, {@code ss -K}). */
    static Check closeConnections() {
        String release;
        try {
            release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            release = "";
        }
        Boolean on = kernelOption(
                "CONFIG_INET_DIAG_DESTROY", List.of(Path.of("/proc/config.gz"), Path.of("/boot/config-" + release)));
        if (on == null) {
            return new Check("close connections (ss -K)", Level.WARN, "kernel configuration not readable", "");
        }
        return on
                ? new Check("close connections (ss -K)", Level.OK, "kernel has SOCK_DESTROY", "")
                : new Check(
                        "close connections (ss -K)",
                        Level.WARN,
                        "kernel without CONFIG_INET_DIAG_DESTROY: a block leaves open connections open",
                        "with ufw, established connections go on after a block; kill the sessions by hand");
    }

    /** Whether the first readable kernel configuration sets {@code name} (y or m); null when none is readable. */
    static Boolean kernelOption(String name, List<Path> configs) {
        for (Path p : configs) {
            if (!Files.isReadable(p)) {
                continue;
            }
            try (InputStream raw = Files.newInputStream(p);
                    InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return text.contains("\n" + name + "=y") || text.contains("\n" + name + "=m");
            } catch (IOException e) {
                // try the other
            }
        }
        return null;
    }

    static Check capture() {
        return LiveCapture.libpcapAvailable()
                ? new Check("packet capture (--capture)", Level.OK, "libpcap loads", "")
                : new Check(
                        "packet capture (--capture)",
                        Level.WARN,
                        "libpcap not found",
                        "apt-get install libpcap0.8 (or your distribution's libpcap)");
    }
}
