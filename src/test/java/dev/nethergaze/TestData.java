package dev.nethergaze;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared real-world test data lives beside the repository in ../shared/testdata (not copied in).
 * Tests that need it skip, naming the folder, when a fresh clone does not have it.
 */
public final class TestData {

    private static final Path ROOT = Path.of(System.getProperty("nethergaze.testdata", "../shared/testdata"))
            .toAbsolutePath()
            .normalize();

    private TestData() {}

    /** A file or folder under ../shared/testdata; skips the test when it is absent. */
    public static Path path(String relative) {
        Path p = ROOT.resolve(relative);
        assumeTrue(Files.exists(p), () -> "test data not found: " + p + " (needs ../shared/testdata beside the repo)");
        return p;
    }

    public static Path root() {
        assumeTrue(Files.isDirectory(ROOT), () -> "test data folder not found: " + ROOT);
        return ROOT;
    }
}
