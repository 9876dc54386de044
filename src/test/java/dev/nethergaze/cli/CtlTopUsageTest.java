package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctl top N} outside 1..1000 is a usage error, exit 2, like {@code top abc}, said before any socket
 * is tried: {@code top 0} went to the server, was refused there and exited 1, so a script could not tell
 * its own mistake from a refusal of the running Nethergaze.
 */
class CtlTopUsageTest {

    @Test
    void aNumberOfRowsOutsideTheRangeIsAUsageError(@TempDir Path dir) {
        String none = dir.resolve("none.sock").toString(); // nothing listens there
        for (String n : new String[] {"0", "1001", "abc", "-3"}) {
            CliRun r = CliRun.isolated("ctl", "top", n, "--socket", none);
            assertThat(r.exit()).as(n).isEqualTo(2);
            assertThat(r.err().strip())
                    .as(n)
                    .isEqualTo("nethergaze ctl: top takes a number of rows from 1 to 1000, not " + n
                            + " (nethergaze ctl top 50)");
        }
        // a number in the range goes to the socket, whose absence is the error
        CliRun ok = CliRun.isolated("ctl", "top", "1000", "--socket", none);
        assertThat(ok.exit()).isEqualTo(2);
        assertThat(ok.err()).doesNotContain("takes a number");
    }
}
