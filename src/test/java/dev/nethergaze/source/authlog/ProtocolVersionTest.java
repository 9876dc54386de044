package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sshd's "Protocol major versions differ" (a client speaking SSH 1, e.g. nmap's ssh1 probes) is a
 * failed handshake, as "Did not receive identification string" and "banner exchange" are, in each of
 * OpenSSH's three wordings; the newest names no host, and the "banner exchange" line that follows on
 * the same pid names it: the pair is one handshake.
 */
class ProtocolVersionTest {

    private final AuthLineParser parser =
            new AuthLineParser("t", Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    private final List<AuthAttempt> out = new ArrayList<>();

    private List<String> read(String... lines) throws InterruptedException {
        for (String l : lines) {
            byte[] b = l.getBytes(StandardCharsets.UTF_8);
            parser.parse(b, 0, b.length, out::add);
        }
        parser.endOfInput(out::add);
        return out.stream().map(a -> a.kind() + " " + a.ip()).toList();
    }

    @Test
    void everyWordingIsOneHandshakeFailureOfItsPeer() throws InterruptedException {
        assertThat(
                        read(
                                // OpenSSH to 7.2 (lines as in published nmap-scan logs)
                                "Feb 17 05:38:47 metasploitable sshd[4800]: Protocol major versions differ for 10.63.233.26: SSH-2.0-OpenSSH_4.7p1 Debian-8ubuntu1 vs. SSH-1.5-Nmap-SSH1-Hostkey",
                                "Apr  9 11:22:54 splunk sshd[9292]: Protocol major versions differ for 10.0.1.10: SSH-2.0-OpenSSH_7.2p2 Ubuntu-4ubuntu2.1 vs. SSH-1.5-NmapNSE_1.0",
                                "Apr  9 11:22:55 splunk sshd[9293]: Protocol major versions differ for 2001:db8::: SSH-2.0-OpenSSH_7.2p2 Ubuntu-4ubuntu2.1 vs. SSH-1.5-NmapNSE_1.0",
                                // OpenSSH 7.3 to 7.9: with the port
                                "Apr  9 11:22:56 web sshd[9294]: Protocol major versions differ for 192.0.2.7 port 50412: SSH-2.0-OpenSSH_7.4 vs. SSH-1.5-Nmap-SSH1-Hostkey",
                                // OpenSSH 8.0 on: no host, then the banner exchange's line of the same pid
                                "Apr  9 11:22:57 web sshd[9295]: error: Protocol major versions differ: 2 vs. 1",
                                "Apr  9 11:22:57 web sshd[9295]: banner exchange: Connection from 198.51.100.9 port 40112: could not read protocol version"))
                .containsExactly(
                        "NEGOTIATION_FAILURE 10.63.233.26",
                        "NEGOTIATION_FAILURE 10.0.1.10",
                        "NEGOTIATION_FAILURE 2001:db8::",
                        "NEGOTIATION_FAILURE 192.0.2.7",
                        "NEGOTIATION_FAILURE 198.51.100.9");
        assertThat(out).extracting(AuthAttempt::kind).doesNotContain(AuthKind.FAILED_PASSWORD);
    }

    /** The PAM lines that share its first letter are still what they were. */
    @Test
    void pamLinesStartingWithTheSameLetterAreUnchanged() throws InterruptedException {
        assertThat(
                        read(
                                "Jun 21 16:47:48 host sshd[13709]: error: PAM: Authentication failure for myhlj1374 from 192.0.2.30",
                                "Mar 31 01:35:28 host sshd[17262]: PAM 5 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=122.189.198.238"))
                .containsExactly("FAILED_PASSWORD 192.0.2.30");
    }
}
