package dev.nethergaze.bench;

import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.export.SnapshotJson;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.AccessLineParser;
import dev.nethergaze.source.httplog.ClientResolver;
import dev.nethergaze.source.httplog.ParseResult;
import dev.nethergaze.ui.tui.Frame;
import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.screen.ConsoleState;
import dev.nethergaze.ui.tui.screen.IpRows;
import dev.nethergaze.ui.tui.screen.LogHistory;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engine thread's work of live tailing, second by second of simulated time, without the waits: each
 * second applies RATE lines of LOG (restamped to that second, parsed beforehand), ticks, snapshots and
 * writes the flagged IPs' JSON as {@code watch --suspicious} does, and the CPU time of each phase is
 * summed over SECONDS seconds after WARM seconds. Where {@code bench/live-tail.sh} gives the whole
 * process's figure, this one says which part of a tick costs what. With {@code -Dconsole=true} it
 * ticks four times a second (the console's 250 ms) and draws a 160x45 console frame after each
 * snapshot instead of the JSON ("json" is then the frames' share).
 * Usage: LiveTick LOG [RATE] [SECONDS] [WARM]   (defaults 10000 60 30); bench/live-tick.sh runs it
 */
public final class LiveTick {

    private static final boolean NO_JSON = Boolean.getBoolean("nojson");
    private static final boolean CONSOLE = Boolean.getBoolean("console");

    private LiveTick() {}

    public static void main(String[] args) throws Exception {
        Path log = Path.of(args[0]);
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int warm = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        int needed = (seconds + warm) * rate;
        if (lines.size() < needed) {
            throw new IllegalArgumentException(log + ": " + lines.size() + " lines, needs " + needed);
        }
        DateTimeFormatter stamp = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
                .withZone(ZoneOffset.UTC);
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        AccessLineParser parser = AccessFormat.AUTO.parser("bench", ClientResolver.DIRECT);
        List<List<SourceEvent>> perSecond = new ArrayList<>();
        for (int s = 0; s < seconds + warm; s++) {
            String now = stamp.format(start.plusSeconds(s));
            List<SourceEvent> batch = new ArrayList<>(rate);
            for (int i = s * rate; i < (s + 1) * rate; i++) {
                String l = lines.get(i);
                int a = l.indexOf('[');
                int b = l.indexOf(']', a);
                byte[] bytes = (l.substring(0, a + 1) + now + l.substring(b)).getBytes(StandardCharsets.ISO_8859_1);
                if (parser.parse(bytes, 0, bytes.length) instanceof ParseResult.Hit(var h)) {
                    batch.add(h);
                }
            }
            perSecond.add(batch);
        }
        lines = null;
        Engine engine = new Engine(new EngineSettings(
                false, 100_000, Duration.ofMinutes(15), 20, "bench", p -> Integer.toString(p)));
        SnapshotJson json = SnapshotJson.remembering(); // as watch --jsonl writes
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long process = 0;
        long apply = 0;
        long tick = 0;
        long snap = 0;
        long write = 0;
        int ips = 0;
        int flagged = 0;
        int ticks = CONSOLE ? 4 : 1;
        ConsoleState st = new ConsoleState();
        IpRows rows = new IpRows();
        LogHistory history = new LogHistory(500);
        CellBuffer screen = new CellBuffer(160, 45);
        Theme theme = Theme.dark();
        for (int s = 0; s < seconds + warm; s++) {
            if (s == warm) {
                process = os.getProcessCpuTime();
            }
            List<SourceEvent> second = perSecond.get(s);
            for (int k = 0; k < ticks; k++) {
                long t0 = mx.getCurrentThreadCpuTime();
                for (SourceEvent e : second.subList(second.size() * k / ticks, second.size() * (k + 1) / ticks)) {
                    engine.apply(e);
                }
                long t1 = mx.getCurrentThreadCpuTime();
                engine.maintain(start.plusMillis(1000L * s + 1000L * (k + 1) / ticks));
                long t2 = mx.getCurrentThreadCpuTime();
                Snapshot snapshot = engine.snapshot(List.of());
                long t3 = mx.getCurrentThreadCpuTime();
                int shownIps = 0;
                if (CONSOLE) { // as ConsoleLoop's pull and frame
                    st.snapshot = snapshot;
                    history.update(snapshot);
                    Frame.render(screen, st, rows, history, theme, List.of(), System.nanoTime());
                } else {
                    Snapshot shown = snapshot.withIps(snapshot.ips().stream()
                            .filter(v -> !v.findings().isEmpty())
                            .toList());
                    shownIps = shown.ips().size();
                    if (!NO_JSON) {
                        json.write(shown, OutputStream.nullOutputStream());
                    }
                }
                long t4 = mx.getCurrentThreadCpuTime();
                if (s >= warm) {
                    apply += t1 - t0;
                    tick += t2 - t1;
                    snap += t3 - t2;
                    write += t4 - t3;
                    ips = snapshot.ips().size();
                    flagged = shownIps;
                }
            }
            perSecond.set(s, List.of());
        }
        process = os.getProcessCpuTime() - process;
        double per = 1e6 * seconds; // ns over the run -> ms per second
        System.out.printf(
                Locale.ROOT,
                "%d lines/s, %d IPs, %d flagged; CPU ms per second of traffic: apply %.1f, tick %.1f,"
                        + " snapshot %.1f, " + (CONSOLE ? "frames" : "json") + " %.1f; this thread %.1f; the process %.1f (%.1f%%"
                        + " of one core: GC and JIT too)%n",
                rate,
                ips,
                flagged,
                apply / per,
                tick / per,
                snap / per,
                write / per,
                (apply + tick + snap + write) / per,
                process / per,
                process / per / 10);
    }
}
