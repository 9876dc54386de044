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
     * one that matches nothing is left for the journal, as a missing file is, when there is one.
     */
    @Test
    void anAuthLogGlobMatchingAReadableFileIsFollowed() throws Exception {
        java.nio.file.Files.writeString(home.resolve("auth1.log"), "");
        String glob = home.resolve("auth*.log").toString();
        assertThat(sources(Map.of("conn.enabled", "false", "http.enabled", "false", "auth.paths", glob)))
                .containsExactly("auth:" + glob, "firewall");
        String none = home.resolve("secure*.log").toString();
        assertThat(authFrom(none, journal(true))).containsExactly("auth:journald", "firewall");
    }

    /**
     * journald "auto" with no auth file readable and no journal to read (no journald, as in most
     * containers): the auth log is followed, and waited for. Before, the empty journal was followed: two
     * lines said the file was missing and so was the journal, and the file sshd wrote later was not read.
     */
    @Test
    void withNoJournalEitherTheMissingAuthLogIsWaitedFor() throws Exception {
        String missing = home.resolve("auth.log").toString();
        assertThat(authFrom(missing, journal(false))).containsExactly("auth:" + missing, "firewall");
    }

    /** The sources for the auth log {@code paths} alone, journald "auto" looking in {@code journalDir}. */
    private List<String> authFrom(String paths, Path journalDir) {
        return sources(Map.of(
                "conn.enabled",
                "false",
                "http.enabled",
                "false",
                "auth.paths",
                paths,
                "auth.journal_directory",
                journalDir.toString()));
    }

    /** A journal directory: with a journal file in a machine's directory, or empty. */
    private Path journal(boolean withFile) throws java.io.IOException {
        Path machine = java.nio.file.Files.createDirectories(home.resolve("journal/0123456789abcdef"));
        if (withFile) {
            java.nio.file.Files.writeString(machine.resolve("system.journal"), "");
        }
        return machine.getParent();
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
