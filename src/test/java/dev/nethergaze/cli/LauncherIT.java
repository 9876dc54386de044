package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar as shipped (after the build's class rewrite) through the real launcher, with its
 * AOT start-up cache: the same answers as the plain jar, and picocli (whose classes the build rewrote)
 * still reads every option.
 */
class LauncherIT {

    private static final Path JAR = Path.of("target", "nethergaze.jar").toAbsolutePath();
    private static final Path LAUNCHER = Path.of("nethergaze").toAbsolutePath();

    @Test
    void noClassInTheJarIsOlderThanJava6() throws IOException {
        List<String> old = new ArrayList<>();
        int classes = 0;
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                classes++;
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] head = in.readNBytes(8);
                    int major = ((head[6] & 0xff) << 8) | (head[7] & 0xff);
                    if (major < 50) {
                        old.add(entry.getName() + " (" + major + ")");
                    }
                }
            }
        }
        assertThat(classes).isGreaterThan(1000);
        assertThat(old).as("classes the JVM keeps out of the AOT cache").isEmpty();
    }

    @Test
    void replayThroughTheLauncherAndItsCacheAnswersAsThePlainJarDoes() throws Exception {
        Path access = TestData.path("accesslog/combined/crowdsec_nginx-http-sensitive-files.log");
        Path authFile = TestData.path("authlog/syslog/elastic_ec2_auth.log");
        List<String> args =
                List.of("replay", "--json", "--offline", "--no-history", access.toString(), authFile.toString());

        Result plain = run(concat(List.of(javaBin(), "-jar", JAR.toString()), args));
        Result first = run(concat(List.of(LAUNCHER.toString()), args)); // may write the cache
        Result cached = run(concat(List.of(LAUNCHER.toString()), args));

        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("\"ips\":[{");
        assertThat(first.out()).isEqualTo(plain.out());
        assertThat(cached.out()).isEqualTo(plain.out());
        assertThat(cached.err()).isEmpty();
        try (Stream<Path> caches = Files.list(JAR.getParent())) {
            assertThat(caches.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("nethergaze-replay.") && n.endsWith(".aot"));
        }
    }

    @Test
    void theRewrittenPicocliStillParsesHelpsAndRefuses() throws Exception {
        Result help = run(List.of(LAUNCHER.toString(), "replay", "--help"));
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--log-format=FORMAT", "--trusted-proxy=CIDR", "Usage: nethergaze replay");

        Result bad = run(List.of(LAUNCHER.toString(), "replay", "--no-such-option", "x.log"));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("Unknown option: '--no-such-option'").doesNotContain("Exception");

        Result version = run(List.of(LAUNCHER.toString(), "--version"));
        assertThat(version.out()).startsWith("nethergaze ");
    }

    /** Reached through a symlink (installed as /usr/local/bin/nethergaze), it still finds its checkout. */
    @Test
    void theLauncherWorksThroughASymlink() throws Exception {
        Path dir = Files.createTempDirectory("launcher-it");
        Path link = Files.createSymbolicLink(dir.resolve("nethergaze"), LAUNCHER.toAbsolutePath());
        try {
            Result version = run(List.of(link.toString(), "--version"));
            assertThat(version.code()).as(version.err()).isZero();
            assertThat(version.out()).startsWith("nethergaze ");
            assertThat(version.err()).doesNotContain("building");
        } finally {
            Files.delete(link);
            Files.delete(dir);
        }
    }

    /**
     * The first run builds the jar, and Maven reads standard input: a log piped in for the command
     * ({@code zcat access.log.gz | nethergaze replay -}) must reach the command, not the build (it got
     * what Maven left of it: nothing). A checkout of the launcher whose mvnw reads all its input, as
     * Maven does, then puts the built jar in place.
     */
    @Test
    void aLogPipedIntoTheFirstRunReachesTheCommandNotTheBuild() throws Exception {
        Path co = Files.createTempDirectory("launcher-build-it");
        try {
            Files.copy(LAUNCHER, co.resolve("nethergaze"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            Files.createDirectories(co.resolve("src/main"));
            Files.writeString(co.resolve("pom.xml"), "<project/>\n");
            Path mvnw = co.resolve("mvnw");
            Files.writeString(
                    mvnw, "#!/bin/sh\ncat >/dev/null\nmkdir -p target\ncp '" + JAR + "' target/nethergaze.jar\n");
            assertThat(mvnw.toFile().setExecutable(true)).isTrue();
            Path log = TestData.path("accesslog/combined/crowdsec_nginx-http-sqli-probing.log");

            Result r =
                    run(List.of(co.resolve("nethergaze").toString(), "replay", "--json", "-"), Files.readAllBytes(log));

            assertThat(r.err()).contains("building the jar");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("\"lines\":16,").contains("\"requests\":16,");
        } finally {
            try (Stream<Path> all = Files.walk(co)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String javaBin() throws IOException {
        Path cached = JAR.getParent().resolve(".java"); // the JDK the launcher found
        if (Files.isRegularFile(cached)) {
            return Files.readString(cached).strip();
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private record Result(int code, String out, String err) {}

    private static Result run(List<String> command) throws Exception {
        return run(command, null);
    }

    /** Runs {@code command} with {@code input} written into a pipe as its standard input (null: /dev/null). */
    private static Result run(List<String> command, byte[] input) throws Exception {
        Path out = Files.createTempFile("launcher-it", ".out");
        Path err = Files.createTempFile("launcher-it", ".err");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(
                            input == null
                                    ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))
                                    : ProcessBuilder.Redirect.PIPE)
                    .start();
            if (input != null) { // a pipe, as from zcat: a file would be opened again by /dev/stdin, from its start
                try (var in = p.getOutputStream()) {
                    in.write(input);
                }
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
