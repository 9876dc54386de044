package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * explain --replay over files it could not judge: no line of them recognised (prose), or nothing
 * readable at all (a .bz2 alone). Before: "IP: not seen", exit 0, an answer the files could not
 * give; now one line saying why, as replay says it, and exit 2. A log read whole that does not
 * hold the IP is still "not seen", exit 0.
 */
class ExplainReplayNothingTest {

    private static final String IP = "203.0.113.9";

    @Test
    void aFileOfProseIsNotAnAnswer(@TempDir Path dir) throws Exception {
        Path prose = Files.write(
                dir.resolve("notes.txt"),
                List.of("It was a bright cold day in April.", "", "The clocks were striking thirteen."));
        CliRun r = CliRun.of("explain", IP, "--offline", "--replay", prose.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .contains("nethergaze: explain: no line of " + prose
                        + " was recognised (its line above says what it was read as): nothing to explain");

        CliRun json = CliRun.of("explain", IP, "--json", "--offline", "--replay", prose.toString());
        assertThat(json.exit()).isEqualTo(2);
        assertThat(json.out()).isEmpty();

        CliRun prefix = CliRun.of("explain", "203.0.113.0/24", "--offline", "--replay", prose.toString());
        assertThat(prefix.exit()).isEqualTo(2);
    }

    @Test
    void twoFilesOfProseAreBothNamed(@TempDir Path dir) throws Exception {
        Path a = Files.write(dir.resolve("a.txt"), List.of("remember the milk"));
        Path b = Files.write(dir.resolve("b.txt"), List.of("and the eggs"));
        CliRun r = CliRun.of("explain", IP, "--offline", "--replay", a.toString(), b.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no line of " + a + ", " + b + " was recognised (their lines above say");
    }

    @Test
    void nothingReadableIsSaidAsReplaySaysIt(@TempDir Path dir) throws Exception {
        Path bz = Files.write(dir.resolve("access.log.2.bz2"), new byte[] {'B', 'Z', 'h', '9', '1', 'A', 'Y'});
        CliRun r = CliRun.of("explain", IP, "--offline", "--replay", bz.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .contains("nethergaze: explain: nothing could be read from the input (its sources[] entry says why)");
    }

    @Test
    void aLogWithoutTheIpIsStillNotSeen(@TempDir Path dir) throws Exception {
        Path log = Files.write(
                dir.resolve("access.log"),
                List.of("198.51.100.7 - - [10/Mar/2025:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"x\""));
        Path prose = Files.write(dir.resolve("notes.txt"), List.of("remember the milk"));
        CliRun r = CliRun.of("explain", IP, "--offline", "--replay", log.toString(), prose.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith(IP + ": not seen");

        Path empty = Files.write(dir.resolve("quiet.log"), new byte[0]);
        CliRun quiet = CliRun.of("explain", IP, "--offline", "--replay", empty.toString());
        assertThat(quiet.exit()).as("an empty log was read: a quiet day").isZero();
        assertThat(quiet.out()).startsWith(IP + ": not seen");
    }
}
