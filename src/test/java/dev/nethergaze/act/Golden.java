package dev.nethergaze.act;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Golden files under src/test/resources/golden; {@code -Dgolden.update=true} rewrites them (review the diff). */
final class Golden {

    private static final Path ROOT = Path.of("src/test/resources/golden");

    private Golden() {}

    static void check(String name, String actual) {
        Path file = ROOT.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(Files.exists(file))
                    .as("golden file %s missing: run with -Dgolden.update=true", file)
                    .isTrue();
            assertThat(actual).as("golden %s", name).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
