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

    /** "Protocol major versions differ" (an SSH-1 probe) is a handshake failure, not an attempt. */
    @Test
    void aProtocolVersionMismatchIsAHandshakeFailure() throws Exception {
        JsonNode a = auth(
                List.of(
                        "Apr  9 11:22:54 splunk sshd[9292]: Protocol major versions differ for 10.0.1.10: SSH-2.0-OpenSSH_7.2p2 Ubuntu-4ubuntu2.1 vs. SSH-1.5-Nmap-SSH1-Hostkey",
                        "Apr  9 11:22:57 web sshd[9295]: error: Protocol major versions differ: 2 vs. 1",
                        "Apr  9 11:22:57 web sshd[9295]: banner exchange: Connection from 10.0.1.10 port 40112: could not read protocol version"),
                "10.0.1.10");
        assertThat(a.get("handshake_failures").asLong()).isEqualTo(2);
        assertThat(a.get("failures").asLong()).isZero();
    }

    /** sysklogd's "last message repeated N times" after a failed password: N more failures. */
    @Test
    void aLastMessageRepeatedNoteCountsThePreviousFailureAgain() throws Exception {
        JsonNode a = auth(
                List.of(
                        "Nov 30 10:00:01 web sshd[4000]: Failed password for root from 203.0.113.5 port 40000 ssh2",
                        "Nov 30 10:00:09 web last message repeated 3 times"),
                "203.0.113.5");
        assertThat(a.get("failures").asLong()).isEqualTo(4);
    }

    /** A PAM failure and its "[preauth]" echo before a plain close: one failed attempt, not two. */
    @Test
    void aPamFailureLoggedTwiceIsOneFailure() throws Exception {
        JsonNode a = auth(
                List.of(
                        "Mar  7 18:53:20 bar sshd[1556]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.113  user=rda",
                        "Mar  7 18:53:20 bar sshd[1556]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=rda rhost=192.0.2.113 [preauth]",
                        "Mar  7 18:53:22 bar sshd[1556]: Connection closed by 192.0.2.113 port 52100 [preauth]"),
                "192.0.2.113");
        assertThat(a.get("failures").asLong()).isEqualTo(1);
        assertThat(a.get("users").toString()).contains("rda");
    }
}
