package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files for what users see. {@code -Dgolden.update=true} rewrites them (review the diff);
 * otherwise a difference fails with the first differing line.
 */
final class Golden {

    static final Path DIR = Path.of("src/test/resources/ui/tui/golden");

    private Golden() {}

    static void check(String name, String actual) {
        Path p = DIR.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(DIR);
                Files.writeString(p, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(p)
                    .as("golden file %s missing: run with -Dgolden.update=true", p)
                    .exists();
            String expected = Files.readString(p, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                String[] e = expected.split("\n", -1);
                String[] a = actual.split("\n", -1);
                for (int i = 0; i < Math.max(e.length, a.length); i++) {
                    String el = i < e.length ? e[i] : "<none>";
                    String al = i < a.length ? a[i] : "<none>";
                    assertThat(al)
                            .as("%s line %d differs (update with -Dgolden.update=true and review)", name, i + 1)
                            .isEqualTo(el);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
