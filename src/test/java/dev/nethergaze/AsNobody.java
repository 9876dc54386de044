package dev.nethergaze;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a test's {@code main} as user nobody (util-linux {@code setpriv}), for checks that need the
 * kernel to refuse a read: root, as CI runs, reads every file. The compiled classes are copied into
 * {@code dir} first (the build directory may sit where nobody cannot read), {@code dir} is made
 * traversable, and the main gets {@code args}. Only the project's own classes are on its class path.
 */
public final class AsNobody {

    private AsNobody() {}

    /** Whether this JVM runs as root (then the kernel refuses nothing to it). */
    public static boolean isRoot() throws IOException, InterruptedException {
        return "0".equals(run(List.of("id", "-u"), null).strip());
    }

    /** Runs {@code main} as nobody; returns its stdout, or fails with its stderr. */
    public static String run(Path dir, Class<?> main, String... args) throws Exception {
        return run(dir, List.of(), main, args);
    }

    /** As {@link #run(Path, Class, String...)}, with the jars of {@code libraries} on the class path too. */
    public static String run(Path dir, List<Class<?>> libraries, Class<?> main, String... args) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> classpath = new ArrayList<>();
        List<Class<?>> from = new ArrayList<>(List.of(AsNobody.class, dev.nethergaze.model.IpKey.class));
        from.addAll(libraries); // test, then main classes, then the libraries asked for
        for (Class<?> c : from) {
            Path source = Path.of(
                    c.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path to = dir.resolve("classes-" + classpath.size() + (Files.isDirectory(source) ? "" : ".jar"));
            if (Files.isDirectory(source)) {
                copyTree(source, to);
            } else {
                Files.copy(source, to);
                Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
            }
            classpath.add(to.toString());
        }
        List<String> cmd = new ArrayList<>(List.of(
                "setpriv",
                "--reuid=nobody",
                "--regid=nogroup",
                "--clear-groups",
                "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                String.join(":", classpath),
                main.getName()));
        cmd.addAll(List.of(args));
        return run(cmd, dir);
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
        Path err = Files.createTempFile("as-nobody", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
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
