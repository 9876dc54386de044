package dev.nethergaze.source.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a glob lists: each live log once. Before, {@code *access*.log} listed logrotate's {@code
 * extension .log} rotated names ({@code access.1.log}, {@code access-20261207.log}) as logs of their
 * own beside {@code access.log}, each a source of its own in a live run.
 */
class PathPatternTest {

    @TempDir
    Path dir;

    private List<String> list(String glob) throws Exception {
        return PathPattern.parse(dir.resolve(glob).toString()).list().stream()
                .map(p -> p.getFileName().toString())
                .toList();
    }

    private void files(String... names) throws Exception {
        for (String n : names) {
            Files.writeString(dir.resolve(n), "x\n");
        }
    }

    @Test
    void theRotatedNamesOfAnotherMatchAreLeftOut() throws Exception {
        files(
                "access.log",
                "access.1.log",
                "access.2.log",
                "access-20261207.log",
                "access-2026-12-06.log",
                "access.3.log.gz",
                "other_access.log",
                "other_access.1.log");
        assertThat(list("*access*.log")).containsExactly("access.log", "other_access.log");
    }

    @Test
    void countsAndDatesAfterTheWholeNameToo() throws Exception {
        files("access.log", "access.log.1", "access.log-20261207", "access.log-json", "access.log.bak");
        assertThat(list("access.log*")).containsExactly("access.log", "access.log-json", "access.log.bak");
    }

    /** A log whose own name ends in a count or a date, with no log of the shorter name beside it, is listed. */
    @Test
    void aLogNamedLikeARotatedOneWithNoBaseBesideItIsListed() throws Exception {
        files("app-1.log", "site.2024.log", "site.2024.1.log");
        assertThat(list("*.log")).containsExactly("app-1.log", "site.2024.log");
        assertThat(list("app*.log")).containsExactly("app-1.log");
    }

    /** Only a file the same glob matches is a base: one it does not match leaves the name listed. */
    @Test
    void aBaseTheGlobDoesNotMatchLeavesTheNameListed() throws Exception {
        files("access.log", "access.1.log", "app.log", "app-1.log");
        assertThat(list("*.1.log")).containsExactly("access.1.log");
        assertThat(list("app-*.log")).containsExactly("app-1.log");
        assertThat(list("app*.log")).containsExactly("app.log");
    }
}
