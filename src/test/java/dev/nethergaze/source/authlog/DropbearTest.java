package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dropbear's auth lines (OpenWrt, embedded boxes), worded as its svr-main.c, svr-auth.c,
 * svr-authpasswd.c, svr-authpubkey.c and svr-session.c write them, were not read at all: a router's
 * log of a password guesser counted nothing. Each attempt counts once: a bad password each line, an
 * invalid user's tries as many as the exit line says it made (Dropbear logs the user once a connection,
 * and not its tries; at least the one), "Max auth tries reached"
 * only for a connection that logged no failure; an exit before auth is a preauth disconnect, the one
 * at "Max auth tries reached" too (as sshd's "Disconnecting … Too many authentication failures").
 */
class DropbearTest {

    static final String LOG = """
            Dec  6 10:00:00 router dropbear[2101]: Child connection from 203.0.113.50:40001
            Dec  6 10:00:01 router dropbear[2101]: Bad password attempt for 'root' from 203.0.113.50:40001
            Dec  6 10:00:02 router dropbear[2101]: Bad password attempt for 'root' from 203.0.113.50:40001
            Dec  6 10:00:03 router dropbear[2101]: Exit before auth from <203.0.113.50:40001>: (user 'root', 2 fails): Exited normally
            Dec  6 10:00:04 router dropbear[2102]: Child connection from 198.51.100.60:40002
            Dec  6 10:00:05 router dropbear[2102]: Login attempt for nonexistent user from 198.51.100.60:40002
            Dec  6 10:00:06 router dropbear[2102]: Exit before auth from <198.51.100.60:40002>: (user 'admin', 10 fails): Max auth tries reached - user 'is invalid' from 198.51.100.60:40002
            Dec  6 10:00:07 router dropbear[2103]: Child connection from 192.0.2.70:40003
            Dec  6 10:00:08 router dropbear[2103]: Password auth succeeded for 'root' from 192.0.2.70:40003
            Dec  6 10:00:09 router dropbear[2103]: Exit (root) from <192.0.2.70:40003>: Disconnect received
            Dec  6 10:00:10 router dropbear[2104]: Child connection from 2001:db8::7:40004
            Dec  6 10:00:11 router dropbear[2104]: Pubkey auth succeeded for 'root' with key sha1!! 3b:2c:1d from 2001:db8::7:40004
            Dec  6 10:00:12 router dropbear[2105]: Child connection from 203.0.113.51:40005
            Dec  6 10:00:13 router dropbear[2105]: Exit before auth from <203.0.113.51:40005>: Exited normally
            Dec  6 10:00:14 router dropbear[2106]: Login attempt for nonexistent user 'oracle' from <203.0.113.52:40006>
            Dec  6 10:00:15 router dropbear[2107]: Child connection from 203.0.113.53:40007
            Dec  6 10:00:16 router dropbear[2107]: exit before auth (user 'root', 0 fails): Exited normally
            Dec  6 10:00:17 router dropbear[2108]: Child connection from 203.0.113.54:40008
            Dec  6 10:00:18 router dropbear[2108]: root login rejected
            Dec  6 10:00:19 router dropbear[2109]: Max auth tries reached - user 'backup' from 203.0.113.55:40009
            Dec  6 10:00:20 router dropbear[2110]: Password auth succeeded for 'root' from 192.0.2.71:40010, extra auth required
            """;

    @Test
    void eachAttemptCountsOnceOnTheEventsSshdLinesMake() throws InterruptedException {
        AuthLineParser p = new AuthLineParser("auth.log", Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
        List<AuthAttempt> out = new ArrayList<>();
        for (String line : LOG.split("\n")) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            assertThat(p.parse(b, 0, b.length, out::add)).as(line).isNotEqualTo(AuthLineParser.Outcome.MALFORMED);
        }
        p.endOfInput(out::add);
        assertThat(out.stream().map(a -> a.kind() + " " + a.ip() + " " + a.user()))
                .containsExactly(
                        "FAILED_PASSWORD 203.0.113.50 root",
                        "FAILED_PASSWORD 203.0.113.50 root",
                        "PREAUTH_DISCONNECT 203.0.113.50 root",
                        "INVALID_USER 198.51.100.60 ",
                        // Dropbear logs an invalid user once a connection; its exit line says it tried 10 times
                        "INVALID_USER 198.51.100.60 admin",
                        "INVALID_USER 198.51.100.60 admin",
                        "INVALID_USER 198.51.100.60 admin",
                        "INVALID_USER 198.51.100.60 admin",
                        "INVALID_USER 198.51.100.60 admin",
                        "INVALID_USER 198.51.100.60 admin",
                        "INVALID_USER 198.51.100.60 admin",
                        "INVALID_USER 198.51.100.60 admin",
                        "INVALID_USER 198.51.100.60 admin",
                        // Dropbear ended it at its MaxAuthTries: it left before authentication
                        "PREAUTH_DISCONNECT 198.51.100.60 admin",
                        "ACCEPTED 192.0.2.70 root",
                        "ACCEPTED 2001:db8::7 root",
                        "PREAUTH_DISCONNECT 203.0.113.51 ",
                        "INVALID_USER 203.0.113.52 oracle",
                        "PREAUTH_DISCONNECT 203.0.113.53 root",
                        "DENIED 203.0.113.54 root",
                        "MAX_AUTH_EXCEEDED 203.0.113.55 backup",
                        "PREAUTH_DISCONNECT 203.0.113.55 backup");
    }

    /**
     * "Pubkey auth attempt with unknown algo for 'U' from H:P" (svr-authpubkey.c's checkpubkey: a key of
     * a type the server does not know, an ed25519 key offered to an old Dropbear, refused with a userauth
     * failure once the handshake is done and the user named) is a failed publickey attempt of U, as sshd's
     * "Failed publickey"; older Dropbear writes it in lower case. Before, both counted nothing. The
     * pre-2013 "exit after auth (U): REASON" closes a session: no attempt, no preauth disconnect.
     */
    static final String UNKNOWN_ALGO_LOG = """
            Dec  6 10:00:00 router dropbear[2201]: Child connection from 203.0.113.80:41001
            Dec  6 10:00:01 router dropbear[2201]: Pubkey auth attempt with unknown algo for 'root' from 203.0.113.80:41001
            Dec  6 10:00:02 router dropbear[2201]: Bad password attempt for 'root' from 203.0.113.80:41001
            Dec  6 10:00:03 router dropbear[2202]: Child connection from 198.51.100.81:41002
            Dec  6 10:00:04 router dropbear[2202]: pubkey auth attempt with unknown algo for 'admin' from 198.51.100.81:41002
            Dec  6 10:00:05 router dropbear[2202]: password auth succeeded for 'admin' from 198.51.100.81:41002
            Dec  6 10:00:06 router dropbear[2202]: exit after auth (admin): Exited normally
            Dec  6 10:00:07 router dropbear[2203]: Pubkey auth attempt with unknown algo for 'git' from 2001:db8::8:41003
            """;

    @Test
    void aKeyOfAnUnknownAlgorithmIsAFailedPublickeyAttemptAndAnOldExitAfterAuthNone() throws InterruptedException {
        AuthLineParser p = new AuthLineParser("auth.log", Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
        List<AuthAttempt> out = new ArrayList<>();
        List<AuthLineParser.Outcome> outcomes = new ArrayList<>();
        for (String line : UNKNOWN_ALGO_LOG.split("\n")) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            outcomes.add(p.parse(b, 0, b.length, out::add));
        }
        p.endOfInput(out::add);
        assertThat(outcomes).doesNotContain(AuthLineParser.Outcome.MALFORMED);
        assertThat(out.stream().map(a -> a.kind() + " " + a.ip() + " " + a.user()))
                .containsExactly(
                        "FAILED_PUBLICKEY 203.0.113.80 root",
                        "FAILED_PASSWORD 203.0.113.80 root",
                        "FAILED_PUBLICKEY 198.51.100.81 admin",
                        "ACCEPTED 198.51.100.81 admin",
                        "FAILED_PUBLICKEY 2001:db8::8 git");
        // the session's close said as such: an sshd event, not a line about nothing
        assertThat(DropbearMessage.classify("exit after auth (admin): Exited normally"))
                .isEqualTo(SshdEvent.closed(null));
        assertThat(DropbearMessage.classify("Pubkey auth attempt with unknown algo for 'git' from 192.0.2.9:4"))
                .isEqualTo(SshdEvent.of(dev.nethergaze.model.AuthKind.FAILED_PUBLICKEY, "192.0.2.9", "git", false));
    }

    @Test
    void aJournalEntryOfDropbearIsReadAsItsLine() throws InterruptedException {
        AuthLineParser p = new AuthLineParser("journal", Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
        JournalLineParser j = new JournalLineParser(p);
        List<AuthAttempt> out = new ArrayList<>();
        byte[] b =
                ("{\"__REALTIME_TIMESTAMP\":\"1796551201000000\",\"_COMM\":\"dropbear\",\"_PID\":\"7\",\"_UID\":\"0\","
                                + "\"MESSAGE\":\"Bad password attempt for 'admin' from 203.0.113.60:5555\"}")
                        .getBytes(StandardCharsets.UTF_8);
        assertThat(j.parse(b, 0, b.length, out::add)).isEqualTo(AuthLineParser.Outcome.ATTEMPTS);
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.ip()).hasToString("203.0.113.60");
            assertThat(a.user()).isEqualTo("admin");
        });
    }
}
