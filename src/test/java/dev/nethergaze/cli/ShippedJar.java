package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.source.conn.Netns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The jar {@code mvn package} built, run as a user would, for the integration tests. */
final class ShippedJar {

    static final Path JAR = Path.of("target", "nethergaze.jar").toAbsolutePath();

    private ShippedJar() {}

    /**
     * Runs the jar with {@code args}, inside {@code ns} when given (its socket table), expects exit 0
     * and returns the JSON it printed.
     */
    static JsonNode json(Netns ns, String... args) throws Exception {
        List<String> prefix = ns == null ? List.of() : List.of("ip", "netns", "exec", ns.name());
        Process p = new ProcessBuilder(command(prefix, args))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args)).isZero();
        return new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
    }

    /** The command line running the jar with {@code args} after {@code prefix} (e.g. nsenter ... --). */
    static List<String> command(List<String> prefix, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * The jar running a JSONL command ({@code watch --jsonl}), its lines queued as they come; closing
     * stops it, and what it started (journalctl), by handle.
     */
    static final class Jsonl implements AutoCloseable {
        private final Process process;
        private final java.util.concurrent.BlockingQueue<String> lines =
                new java.util.concurrent.LinkedBlockingQueue<>();

        Jsonl(List<String> prefix, String... args) throws java.io.IOException {
            process = new ProcessBuilder(command(prefix, args))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Thread.ofPlatform()
                    .daemon()
                    .start(() ->
                            process.inputReader(StandardCharsets.UTF_8).lines().forEach(lines::add));
        }

        /** The next document, waiting at most {@code seconds}. */
        JsonNode next(int seconds) throws Exception {
            String line = lines.poll(seconds, TimeUnit.SECONDS);
            assertThat(line).as("a JSON line within %d s", seconds).isNotNull();
            return new ObjectMapper().readTree(line);
        }

        /** The next document if one comes within {@code millis}, else null. */
        JsonNode poll(long millis) throws Exception {
            String line = lines.poll(millis, TimeUnit.MILLISECONDS);
            return line == null ? null : new ObjectMapper().readTree(line);
        }

        @Override
        public void close() throws InterruptedException {
            List<ProcessHandle> started = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            started.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
