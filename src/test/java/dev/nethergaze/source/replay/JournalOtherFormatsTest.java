package dev.nethergaze.source.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code journalctl -o json-pretty} (one entry over many lines) saved to a file is not lines replay
 * reads: it was taken for a journal whose every line was unparsed ("no line was recognised"), with no
 * word of what to do. Now the file is left out with one line saying to save it with {@code journalctl -o
 * json}. {@code -o export} (key=value blocks, binary fields length-prefixed), taken for an access log
 * before, is read ({@code JournalExportParserTest}): sniffed as such by its first bytes.
 */
class JournalOtherFormatsTest {

    @Test
    void jsonPrettySaysToUseJsonAndExportIsAJournal(@TempDir Path dir) throws Exception {
        Path pretty = Files.writeString(dir.resolve("pretty.json"), """
                {
                	"__CURSOR" : "s=abc;i=1",
                	"__REALTIME_TIMESTAMP" : "1796551201000000",
                	"_COMM" : "sshd",
                	"MESSAGE" : "Failed password for root from 203.0.113.7 port 5555 ssh2"
                }
                """);
        Path export = Files.writeString(dir.resolve("journal.export"), """
                __CURSOR=s=abc;i=1
                __REALTIME_TIMESTAMP=1796551201000000
                _COMM=sshd
                MESSAGE=Failed password for root from 203.0.113.7 port 5555 ssh2

                """);
        assertThat(LogSniffer.otherJournalFormat(pretty))
                .isEqualTo("journalctl -o json-pretty output, which replay does not read: save the journal"
                        + " with journalctl -o json (one entry a line)");
        assertThat(LogSniffer.otherJournalFormat(export)).isNull();
        assertThat(LogSniffer.sniff(export)).isEqualTo(LogKind.JOURNAL_EXPORT);
    }

    @Test
    void journalJsonLinesAndOtherLogsAreNotThose(@TempDir Path dir) throws Exception {
        Path json = Files.writeString(
                dir.resolve("j.json"),
                "{\"__REALTIME_TIMESTAMP\":\"1796551201000000\",\"_COMM\":\"sshd\",\"MESSAGE\":\"x\"}\n");
        Path auth = Files.writeString(
                dir.resolve("auth.log"),
                "Dec  6 10:00:00 web sshd[1]: Failed password for root from 203.0.113.7 port 5555 ssh2\n");
        Path empty = Files.writeString(dir.resolve("empty.log"), "");
        assertThat(LogSniffer.otherJournalFormat(json)).isNull();
        assertThat(LogSniffer.otherJournalFormat(auth)).isNull();
        assertThat(LogSniffer.otherJournalFormat(empty)).isNull();
    }
}
