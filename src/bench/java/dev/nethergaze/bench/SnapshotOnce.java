package dev.nethergaze.bench;

import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.export.SnapshotJson;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.conn.ConnPollSource;
import dev.nethergaze.source.conn.ConnSourceMode;
import dev.nethergaze.source.conn.ConnectionReaders;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Stand-in for {@code nethergaze snapshot --json --no-http} until the CLI is merged: one conn poll
 * (reader chosen as the CLI will), the engine, and the JSON document on stdout, in a fresh JVM.
 * Args: {@code auto|netlink|procfs} and {@code owners|no-owners}.
 */
public final class SnapshotOnce {

    private SnapshotOnce() {}

    public static void main(String[] args) throws Exception {
        ConnSourceMode mode = ConnSourceMode.parse(args.length > 0 ? args[0] : "auto");
        boolean owners = args.length > 1 && args[1].equals("owners");
        ConnPollSource conn = new ConnPollSource(
                ConnectionReaders.create(mode, Path.of("/proc"), owners),
                Duration.ofSeconds(1),
                InstantSource.system(),
                StatusReporter.to(System.err));
        List<SourceEvent> events = new ArrayList<>();
        conn.run(e -> {
            events.add(e);
            Thread.currentThread().interrupt(); // one poll
        });
        Engine engine = new Engine(new EngineSettings(
                true, 50_000, Duration.ofMinutes(15), 20, "bench", p -> Integer.toString(p)));
        boolean unused = Thread.interrupted(); // clear the one-poll interrupt
        events.forEach(engine::apply);
        new SnapshotJson(false).write(engine.snapshot(List.of(conn.health())), System.out);
        System.out.println();
    }
}
