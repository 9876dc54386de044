package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.config.Config;
import dev.nethergaze.config.ConfigLoader;
import dev.nethergaze.source.Source;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which sources {@code -} among the log paths makes (built, not run: the test JVM's stdin is Surefire's). */
class WiringPipeTest {

    @TempDir
    Path home;

    private List<String> sources(Map<String, String> cli) {
        Config c = ConfigLoader.load(null, Map.of(), cli, home);
        return Wiring.liveSources(c, InstantSource.system(), (n, s, d) -> {}, false).stream()
                .map(Source::name)
                .toList();
    }

    @Test
    void aDashIsStandardInputBesideTheFiles() {
        Path log = home.resolve("access.log");
        assertThat(sources(Map.of("conn.enabled", "false", "auth.enabled", "false", "http.paths", "-," + log)))
                .containsExactly("http:" + log, "backfill:-", "http:-", "firewall");
    }

    /** SSH attempts on standard input are the auth source: journald is not chosen for want of a file. */
    @Test
    void sshOnStandardInputIsNotReplacedByJournald() {
        assertThat(sources(Map.of(
                        "conn.enabled", "false", "http.enabled", "false", "auth.paths", "-", "auth.journald", "auto")))
                .containsExactly("backfill:-", "auth:-", "firewall");
        // forced on, journald is followed as well
        assertThat(sources(Map.of(
                        "conn.enabled", "false", "http.enabled", "false", "auth.paths", "-", "auth.journald", "on")))
                .containsExactlyInAnyOrder("backfill:-", "auth:-", "auth:journald", "firewall");
    }

    /**
     * An auth log named by a glob that matches a readable file is followed (before: the glob itself was
     * no readable path, so journald "auto" read the journal instead, and said the log was unreadable);
     * one that matches nothing is left for the journal, as a missing file is.
     */
    @Test
    void anAuthLogGlobMatchingAReadableFileIsFollowed() throws Exception {
        java.nio.file.Files.writeString(home.resolve("auth1.log"), "");
        String glob = home.resolve("auth*.log").toString();
        assertThat(sources(Map.of("conn.enabled", "false", "http.enabled", "false", "auth.paths", glob)))
                .containsExactly("auth:" + glob, "firewall");
        String none = home.resolve("secure*.log").toString();
        assertThat(sources(Map.of("conn.enabled", "false", "http.enabled", "false", "auth.paths", none)))
                .containsExactly("auth:journald", "firewall");
    }

    /** What the firewall blocks is read last, beside what is seen, unless turned off (--no-firewall). */
    @Test
    void theFirewallIsReadUnlessTurnedOff() {
        assertThat(sources(Map.of("http.enabled", "false", "auth.enabled", "false")))
                .containsExactly("conn", "firewall");
        assertThat(sources(
                        Map.of("http.enabled", "false", "auth.enabled", "false", "actions.read_firewall_seconds", "0")))
                .containsExactly("conn");
    }

    @Test
    void standardInputCarriesOneLogOnly() {
        assertThatThrownBy(() -> sources(Map.of("conn.enabled", "false", "http.paths", "-", "auth.paths", "-")))
                .isInstanceOf(UserException.class)
                .hasMessage("standard input (-) can carry one log: give --access-log - or --auth-log -, not both");
    }
}
