package dev.nethergaze.source.httplog;

import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.tail.TailConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * A followed access log is rotated to a new file the follower may not read (logrotate's {@code create
 * 0640 root adm} for a user outside adm), then made readable. Run by {@link PermissionLossTest} as an
 * unprivileged user (root reads everything), in a directory that user may write; prints a transcript,
 * one fact per line, for the test to check.
 */
public final class PermissionLossMain {

    private PermissionLossMain() {}

    public static void main(String[] args) throws Exception {
        System.out.print(run(Path.of(args[0])));
        System.out.flush();
    }

    static String run(Path dir) throws Exception {
        StringBuilder out = new StringBuilder();
        Path log = dir.resolve("access.log");
        Files.writeString(log, line("198.51.100.1"));
        TailConfig config = new TailConfig(
                Duration.ofMillis(5),
                Duration.ofMillis(20),
                Duration.ofMillis(50),
                true,
                TailConfig.DEFAULT_MAX_LINE,
                InstantSource.system());
        List<String> reports = new CopyOnWriteArrayList<>();
        StatusReporter reporter = (name, status, detail) -> reports.add(status.json() + ": " + detail);
        AccessLogSource source = new AccessLogSource(
                List.of(log.toString()), config, AccessFormat.parse("combined"), ClientResolver.DIRECT, reporter);
        List<SourceEvent> hits = new CopyOnWriteArrayList<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                source.run(hits::add);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            out.append("first read: ").append(await(() -> hits.size() == 1)).append('\n');

            Files.move(log, dir.resolve("access.log.1"));
            Files.writeString(log, line("198.51.100.2"));
            Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("---------"));
            out.append("readable after rotation: ")
                    .append(Files.isReadable(log))
                    .append('\n');
            out.append("denied: ")
                    .append(await(() -> entry(source).status() == SourceStatus.PERMISSION_DENIED))
                    .append('\n');
            SourceHealth denied = entry(source);
            out.append("entry while denied: ")
                    .append(denied.name())
                    .append(" | ")
                    .append(denied.status().json())
                    .append(" | ")
                    .append(denied.lines())
                    .append(" | ")
                    .append(denied.detail())
                    .append('\n');
            Thread.sleep(100); // more polls while denied: reported once, not per poll

            Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
            out.append("second read: ").append(await(() -> hits.size() == 2)).append('\n');
            out.append("ok again: ")
                    .append(await(() -> entry(source).status() == SourceStatus.OK))
                    .append('\n');
            out.append("hits: ").append(hits.size()).append('\n');
            out.append("lines: ").append(entry(source).lines()).append('\n');
            for (String r : reports) {
                out.append("reported: ").append(r).append('\n');
            }
        } finally {
            t.interrupt();
            t.join(5000);
        }
        return out.toString();
    }

    private static SourceHealth entry(AccessLogSource source) {
        return source.fileHealth().getFirst();
    }

    private static String line(String ip) {
        return ip + " - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 12 \"-\" \"curl/8\"\n";
    }

    /** True once the condition holds, false after 10 s without (the transcript then says so). */
    private static boolean await(BooleanSupplier condition) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }
}
