package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Losing permission to a followed log (issue 4, bad input): logrotate made a new file the follower
 * may not read. Root reads every file, so as root (CI) the scenario runs in a JVM started as user
 * nobody ({@code setpriv}), on a copy of the compiled classes that nobody can read; otherwise in this
 * JVM. Either way the kernel refuses the read, not a mock.
 */
class PermissionLossTest {

    @TempDir
    Path tmp;

    @Test
    void aLogRotatedToAnUnreadableFileIsReportedOnceAndReadOnceItIsReadable() throws Exception {
        String transcript = "0".equals(run(List.of("id", "-u"), null).strip())
                ? asNobody()
                : PermissionLossMain.run(Files.createDirectory(tmp.resolve("logs")));
        assertThat(transcript.lines())
                .as(transcript)
                .containsSubsequence(
                        "first read: true",
                        "readable after rotation: false",
                        "denied: true",
                        "second read: true",
                        "ok again: true",
                        "hits: 2",
                        "lines: 2");
        String log = tmp.resolve("logs").resolve("access.log").toString();
        assertThat(transcript.lines())
                .as("the file's own entry says it, with the line read before the rotation")
                .anySatisfy(l -> assertThat(l)
                        .startsWith("entry while denied: http:" + log + " | permission_denied | 1 | ")
                        .containsIgnoringCase("permission denied"));
        assertThat(transcript.lines().filter(l -> l.startsWith("reported: ")))
                .as("one report while denied, none for each poll")
                .singleElement()
                .satisfies(l -> assertThat(l).startsWith("reported: permission_denied: " + log));
    }

    /** The same scenario in a JVM running as nobody, in a directory and on classes nobody may read. */
    private String asNobody() throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path logs = Files.createDirectory(tmp.resolve("logs"));
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> classpath = new ArrayList<>();
        for (Class<?> c : List.of(AccessLogSource.class, PermissionLossMain.class)) {
            Path from = Path.of(
                    c.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path to = tmp.resolve("classes-" + classpath.size());
            copyTree(from, to);
            classpath.add(to.toString());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return run(
                List.of(
                        "setpriv",
                        "--reuid=nobody",
                        "--regid=nogroup",
                        "--clear-groups",
                        "--",
                        java,
                        "-cp",
                        String.join(":", classpath),
                        PermissionLossMain.class.getName(),
                        logs.toString()),
                tmp);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Runs a command (in {@code dir}, if given) to its end, 60 s at most; its stdout, or a failure with stderr. */
    private static String run(List<String> cmd, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Path err = Files.createTempFile("permission-loss", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError(cmd + " did not end in 60 s");
            }
            assertThat(p.exitValue()).as(cmd + ": " + Files.readString(err)).isZero();
            return out;
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(err);
        }
    }
}
