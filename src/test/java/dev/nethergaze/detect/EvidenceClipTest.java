package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Evidence stays one printable line: control characters shown as \xNN, long fields cut. */
class EvidenceClipTest {

    @Test
    void controlCharactersAreMadeVisible() {
        assertThat(Evidence.clip("root\u001b[31m\nx\u007f")).isEqualTo("root\\x1b[31m\\x0ax\\x7f");
    }

    @Test
    void aCleanFieldIsKeptAsIs() {
        String s = "Mozilla/5.0 (X11; Linux x86_64) é";
        assertThat(Evidence.clip(s)).isSameAs(s);
    }

    @Test
    void aLongFieldIsCut() {
        String s = "a".repeat(10_000);
        String c = Evidence.clip(s);
        assertThat(c).endsWith("…").hasSizeLessThan(1_000);
        assertThat(s).startsWith(c.substring(0, c.length() - 1));
    }
}
