package dev.nethergaze.source.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.ClientResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A blank line in an access log (empty, or spaces, tabs and a CR alone: an editor's, a copy's, a
 * {@code echo >>}) is no request and no line we could not read: a replay skips it without counting it
 * unparsed, whatever the format; a line of text that does not parse is still counted.
 */
class BlankLinesTest {

    @TempDir
    Path dir;

    private static final String LINE =
            "203.0.113.9 - - [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl/8\"\n";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "auto",
                "combined",
                "nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
                        + " \"$http_referer\" \"$http_user_agent\"",
                "apache:%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\""
            })
    void blankLinesAreSkippedNotUnparsed(String format) throws Exception {
        Path log = Files.writeString(
                dir.resolve("access.log"), LINE + "\n   \n\t\n \t \r\n" + LINE + "\r\n\n" + "garbage\n" + LINE);
        FileReplay.Options options =
                new FileReplay.Options(AccessFormat.parse(format), ClientResolver.DIRECT, ZoneOffset.UTC);
        MergedReplay r = new MergedReplay(List.of(log), options, StatusReporter.silent());
        List<SourceEvent> events = new ArrayList<>();
        r.run(events::add);
        assertThat(events).hasSize(3);
        SourceHealth h = r.fileHealth().getFirst();
        assertThat(h.malformed()).as(h.detail()).isEqualTo(1);
        assertThat(h.detail()).contains("1 unparsed (first at " + log + ":9)");
    }
}
