package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.source.conn.Netns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
     * The jar's {@code serve} on a free loopback port, following {@code log} from its start with no
     * other source; its stderr goes to {@code err}. Closing stops it, by handle.
     */
    record Serve(Process process, String url) implements AutoCloseable {

        static Serve start(Path log, Path err) throws Exception {
            return start(log, err, java.util.Map.of());
        }

        /** As above, with these environment variables. */
        static Serve start(Path log, Path err, java.util.Map<String, String> env) throws Exception {
            return start(List.of(), "127.0.0.1:0", log, err, env);
        }

        /** As above, after {@code prefix} (ip netns exec NS), listening on {@code web}. */
        static Serve start(List<String> prefix, String web, Path log, Path err, java.util.Map<String, String> env)
                throws Exception {
            return start(prefix, web, log, err, env, List.of());
        }

        /** As above, with {@code more} options (--capture=IFACE, say). */
        static Serve start(
                List<String> prefix,
                String web,
                Path log,
                Path err,
                java.util.Map<String, String> env,
                List<String> more)
                throws Exception {
            List<String> args = new ArrayList<>(List.of(
                    "serve",
                    "--web",
                    web,
                    "--access-log",
                    log.toString(),
                    "--from-start",
                    "--no-conn",
                    "--no-auth",
                    "--offline",
                    "--no-history"));
            args.addAll(more);
            ProcessBuilder pb = new ProcessBuilder(command(prefix, args.toArray(String[]::new)))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            try {
                return new Serve(p, awaitUrl(err, p));
            } catch (Exception | AssertionError e) {
                p.destroyForcibly();
                throw e;
            }
        }

        /** The URL {@code serve} says it listens on (it prints it once listening). */
        private static String awaitUrl(Path err, Process serve) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                for (String l : Files.readAllLines(err, StandardCharsets.UTF_8)) {
                    int at = l.indexOf("web view on http://");
                    if (at >= 0) {
                        return l.substring(at + "web view on ".length()).split(" ")[0];
                    }
                }
                assertThat(serve.isAlive())
                        .as("serve runs: %s", Files.readString(err))
                        .isTrue();
                Thread.sleep(100);
            }
            throw new AssertionError("serve never said where it listens: " + Files.readString(err));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
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

        /**
         * {@code watch --jsonl} every {@code interval} seconds, run through {@code prefix} (into a
         * namespace), with nothing sent out and private addresses shown (the namespaces' own), reading
         * what {@code sources} say ({@code --no-auth}, {@code --access-log FILE}, …); no history unless
         * they name a {@code --history} file.
         */
        static Jsonl watch(List<String> prefix, String interval, String... sources) throws java.io.IOException {
            List<String> args = new java.util.ArrayList<>(
                    List.of("watch", "--jsonl", "--interval", interval, "--offline", "--show-private-ips"));
            if (!List.of(sources).contains("--history")) {
                args.add("--no-history");
            }
            args.addAll(List.of(sources));
            return new Jsonl(prefix, args.toArray(String[]::new));
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
