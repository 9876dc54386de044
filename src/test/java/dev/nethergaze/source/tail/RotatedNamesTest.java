package dev.nethergaze.source.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rotated names logrotate makes, with and without {@code extension}, and names that are not. */
class RotatedNamesTest {

    private static boolean gz(String base, String name) {
        return RotatedNames.rotated(base, name, RotatedNames.GZIP);
    }

    @Test
    void countsAndDatesAfterTheNameOrBeforeItsExtension() {
        for (String name : List.of(
                "access.log.1",
                "access.log.2.gz",
                "access.log-20261207",
                "access.log-2026-12-07",
                "access.log-2026120706", // dateformat -%Y%m%d%H
                "access.log-1796620000.gz", // dateformat -%s
                "access.1.log", // extension .log
                "access.12.log.gz",
                "access-20261207.log", // extension .log with dateext
                "access-2026-12-07.log.gz")) {
            assertThat(gz("access.log", name)).as(name).isTrue();
        }
        assertThat(RotatedNames.stamp("access.log", "access.2.log.gz", RotatedNames.GZIP))
                .isEqualTo("2");
        assertThat(RotatedNames.stamp("access.log", "access-20261207.log", List.of()))
                .isEqualTo("20261207");
    }

    @Test
    void otherFilesAreNot() {
        for (String name : List.of(
                "access.log",
                "access.log-json",
                "access.json.log", // another log of the site
                "access.log.2.gz.tmp",
                "access.2.log.gz.tmp",
                "access.1.log.xz", // not unpacked by the tailer
                "access.1.txt",
                "access.log.bak",
                "access.1.log.1", // a count after the extension's count
                "access.log.1.swp",
                "accessx.1.log",
                "error.1.log")) {
            assertThat(gz("access.log", name)).as(name).isFalse();
        }
        assertThat(gz("access_log", "access.1_log")).isFalse(); // no extension: only access_log.1
        assertThat(gz("access_log", "access_log.1")).isTrue();
        assertThat(RotatedNames.rotated("access.log", "access.1.log.xz", RotatedNames.COMPRESSIONS))
                .isTrue();
    }

    @Test
    void aRotatedNameOfAnotherIsOneWhoseBaseIsAmongTheNames() {
        java.util.Set<String> names = java.util.Set.of("access.log", "app-1.log", "site.2024.log", "x.log-json");
        for (String name : List.of(
                "access.1.log", "access-20261207.log", "access.log.1", "access.log-2026-12-07", "access.2.log.gz")) {
            assertThat(RotatedNames.ofAnother(name, names)).as(name).isTrue();
        }
        for (String name :
                List.of("access.log", "app-1.log", "site.2024.log", "app.1.log", "x.log-json", "access.json.log")) {
            assertThat(RotatedNames.ofAnother(name, names)).as(name).isFalse();
        }
    }
}
