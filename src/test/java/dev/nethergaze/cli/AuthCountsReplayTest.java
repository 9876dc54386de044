package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code replay --json} reports in {@code ips[].auth} for small auth logs of sshd's rarer line shapes. */
class AuthCountsReplayTest {

    @TempDir
    Path dir;

    private JsonNode auth(List<String> lines, String ip) throws Exception {
        Path log = Files.write(dir.resolve("auth.log"), lines);
        CliRun r = CliRun.of("replay", "--json", "--offline", "--no-history", log.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return CliRun.ip(r.json(), ip).get("auth");
    }

    /** A PAM-only failure that is the file's very last line counts once, at the end of the input. */
    @Test
    void aPamFailureOnTheLastLineCounts() throws Exception {
        JsonNode a = auth(
                List.of(
                        "Nov 30 10:00:00 host sshd[700]: Connection from 198.51.100.121 port 40000 on 192.0.2.1 port 22",
                        "Nov 30 10:00:01 host sshd[700]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.121  user=root"),
                "198.51.100.121");
        assertThat(a.get("failures").asLong()).isEqualTo(1);
    }
}
