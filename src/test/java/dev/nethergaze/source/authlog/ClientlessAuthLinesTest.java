package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.SourceStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A followed auth log's sshd lines whose host is written as an address that is none (256.1.1.1) say
 * why they are unparsed, in the words a replay and an access log use ("; N of them with a client field
 * that is not a valid address (first at F:L)"). Before, the followed file's entry said only "3 unparsed
 * (first at F:1)" (black-box: watch --jsonl --auth-log FILE), and a file of such lines alone was "no
 * line recognised as a syslog auth log".
 */
class ClientlessAuthLinesTest {

    @TempDir
    Path dir;

    private static final String HOST = "Nov 30 10:00:0";

    @Test
    void aFollowedAuthLogSaysWhichUnparsedLinesNameNoValidAddress() throws Exception {
        Path log = Files.write(
                dir.resolve("auth.log"),
                List.of(
                        HOST + "1 host sshd[20]: Failed password for root from 256.1.1.1 port 22 ssh2",
                        HOST + "2 host sshd[21]: Failed password for root from 198.51.100.21 port 22 ssh2",
                        HOST + "3 host sshd[22]: Invalid user bob from 1.2.3 port 22",
                        "not a syslog line"));
        AuthLogSource source = AuthLogJournalJsonTest.fromStart(log);
        ConcurrentLinkedQueue<AuthAttempt> got = new ConcurrentLinkedQueue<>();
        Thread reader = PamWaitLiveTest.follow(source, got);
        try {
            PamWaitLiveTest.waitFor(() -> source.health().lines() >= 4);
            assertThat(got).extracting(a -> a.ip().toString()).containsExactly("198.51.100.21");
            String said = "3 unparsed (first at " + log + ":1); 2 of them with a client field that is not a valid"
                    + " address (first at " + log + ":1)";
            assertThat(source.fileHealth())
                    .singleElement()
                    .satisfies(e -> assertThat(e.detail()).isEqualTo(said));
            assertThat(source.health().detail()).endsWith(said);
        } finally {
            reader.interrupt();
            reader.join(5000);
        }
    }

    @Test
    void aFollowedFileOfSuchLinesAloneIsNotSaidToBeInAnotherFormat() throws Exception {
        Path log = Files.write(
                dir.resolve("auth.log"),
                List.of(HOST + "1 host sshd[20]: Failed password for root from 256.1.1.1 port 22 ssh2"));
        AuthLogSource source = AuthLogJournalJsonTest.fromStart(log);
        Thread reader = PamWaitLiveTest.follow(source, new ConcurrentLinkedQueue<>());
        try {
            PamWaitLiveTest.waitFor(() -> source.health().lines() >= 1
                    && !source.fileHealth().getFirst().detail().isEmpty());
            assertThat(source.fileHealth()).singleElement().satisfies(e -> {
                assertThat(e.status()).isEqualTo(SourceStatus.OK);
                assertThat(e.detail())
                        .isEqualTo("1 unparsed (first at " + log + ":1); its client field is not a valid address"
                                + " (first at " + log + ":1)");
            });
        } finally {
            reader.interrupt();
            reader.join(5000);
        }
    }
}
