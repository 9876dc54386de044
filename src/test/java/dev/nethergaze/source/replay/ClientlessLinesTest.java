package dev.nethergaze.source.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.ClientResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unparsed access lines that are well formed but name no client we can read (a client field written
 * as an address that is none, a forwarded header that is the only client field and holds no address)
 * are said as such in a replay's entry, with the first one's place: a file of them alone is an access
 * log in the right format, not "not an access log".
 */
class ClientlessLinesTest {

    @TempDir
    Path dir;

    private static String line(int sec, String client) {
        return client + " - - [10/Oct/2025:13:55:" + String.format("%02d", sec) + " +0000] \"GET / HTTP/1.1\" 200 5\n";
    }

    private String detail(Path log, String format) throws InterruptedException {
        FileReplay.Options options =
                new FileReplay.Options(AccessFormat.parse(format), ClientResolver.DIRECT, ZoneOffset.UTC);
        MergedReplay r = new MergedReplay(List.of(log), options, StatusReporter.silent());
        r.run(new ArrayList<>()::add);
        return r.fileHealth().getFirst().detail();
    }

    @Test
    void aFileOfInvalidAddressesSaysSoWithTheFirstLine() throws Exception {
        Path log = Files.writeString(
                dir.resolve("access.log"), "\n" + line(1, "256.1.1.1") + line(2, "01.02.03.004") + line(3, "1.2.3"));
        assertThat(detail(log, "auto"))
                .contains("3 unparsed (first at " + log + ":2)")
                .contains("their client fields are not valid addresses (first at " + log + ":2)")
                .doesNotContain("no line was recognised");
    }

    @Test
    void amongOtherLinesTheyAreCountedApart() throws Exception {
        Path log = Files.writeString(
                dir.resolve("access.log"),
                line(1, "203.0.113.1") + "garbage\n" + line(2, "256.1.1.1") + line(3, "::1::2"));
        assertThat(detail(log, "auto"))
                .contains("3 unparsed (first at " + log + ":2)")
                .contains("2 of them with a client field that is not a valid address (first at " + log + ":3)");
    }

    @Test
    void forwardedHeadersWithNoAddressInAFormatWithNoPeer() throws Exception {
        Path log = Files.writeString(dir.resolve("access.log"), line(1, "-") + line(2, "unknown"));
        assertThat(detail(log, "apache:%{X-Forwarded-For}i %l %u %t \"%r\" %>s %b"))
                .contains("2 unparsed (first at " + log + ":1)")
                .contains("their client fields hold no address (first at " + log + ":1)")
                .doesNotContain("no line was recognised");
    }

    /**
     * A client field that is "-" (Apache's proxy LogFormat's X-Forwarded-For read as combined, say)
     * holds no address: an unparsed line, not one naming its client by a host name "-".
     */
    @Test
    void aDashForTheClientIsNoHostName() throws Exception {
        Path log = Files.writeString(dir.resolve("access.log"), line(1, "203.0.113.1") + line(2, "-"));
        for (String format : List.of("auto", "apache:%h %l %u %t \"%r\" %>s %b")) {
            assertThat(detail(log, format))
                    .as(format)
                    .contains("1 unparsed (first at " + log + ":2); its client field holds no address (first at " + log
                            + ":2)")
                    .doesNotContain("host name");
        }
    }
}
