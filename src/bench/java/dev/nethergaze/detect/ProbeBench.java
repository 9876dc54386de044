package dev.nethergaze.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The exploit-probe check of every request target, as the detector makes it (through its memo), on the
 * targets of a generated combined log ({@code -Dprobe.log=FILE}, bench/probe-jmh.sh makes it): as they
 * are ({@code repeated}: most repeat, and the memo answers) and with a cache buster on each ({@code
 * busted}: {@code ?_=N}, no target repeats, each is scanned for hints and, where one holds a hint, matched
 * against the probes). Time per target, over all of them in file order with a fresh memo.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1)
public class ProbeBench {

    @Param({"repeated", "busted"})
    public String targets;

    private String[] all;
    private int next;
    private ProbeMemo memo;
    private static final List<String> ALLOW = List.of();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path log = Path.of(System.getProperty("probe.log", "/tmp/nethergaze-bench/access-1m.log"));
        List<String> out = new ArrayList<>();
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            lines.limit(300_000).forEach(l -> {
                int q = l.indexOf('"');
                int sp = q < 0 ? -1 : l.indexOf(' ', q);
                int end = sp < 0 ? -1 : l.indexOf(" HTTP/", sp);
                if (end > sp) {
                    String t = l.substring(sp + 1, end);
                    out.add(targets.equals("busted") ? t + (t.indexOf('?') < 0 ? "?" : "&") + "_=" + out.size() : t);
                }
            });
        }
        all = out.toArray(String[]::new);
        memo = new ProbeMemo();
    }

    /** One target's check; a new memo each pass over the file, as each replay starts with one. */
    @Benchmark
    public ProbePatterns.FieldMatch target() {
        if (next == all.length) {
            next = 0;
            memo = new ProbeMemo();
        }
        return memo.target(all[next++], ALLOW);
    }
}
