package dev.nethergaze.ui.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SafeTerminalWriterTest {

    private static String through(String s) {
        StringWriter w = new StringWriter();
        try (PrintWriter p = SafeTerminalWriter.over(w)) {
            p.print(s);
        }
        return w.toString();
    }

    @Test
    void controlCharactersAreShownNotObeyed() {
        assertThat(through("GET /\u001b[2J\u001b]0;pwned\u0007 x\r\n"))
                .isEqualTo("GET /\\x1b[2J\\x1b]0;pwned\\x07 x\\x0d\n");
        assertThat(through("a\u009b31mb\u007fc")).isEqualTo("a\\u009b31mb\\u007fc");
    }

    /** A bidirectional override or a zero-width character in a raw field (a report's last target). */
    @Test
    void invisibleFormattingCharactersAreShownNotObeyed() {
        assertThat(through("200 GET /admin\u202Etxt.exe \u2066x\u2069 \u200By\uFEFF\n"))
                .isEqualTo("200 GET /admin\\u202etxt.exe \\u2066x\\u2069 \\u200by\\ufeff\n");
    }

    @Test
    void ordinaryTextPassesUnchanged() {
        String s = "203.0.113.7\tGET /café ⊘ 日本 \"q\" \\x\n";
        assertThat(through(s)).isEqualTo(s);
    }

    @Test
    void singleCharactersAndStringPartsAreFilteredToo() {
        StringWriter w = new StringWriter();
        try (PrintWriter p = SafeTerminalWriter.over(w)) {
            p.write('\u001b');
            p.write("xx\u0007yy", 2, 3);
        }
        assertThat(w.toString()).isEqualTo("\\x1b\\x07yy");
    }
}
