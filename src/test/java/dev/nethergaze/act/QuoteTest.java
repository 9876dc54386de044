package dev.nethergaze.act;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What {@link Quote} shows pastes back into a shell as the same arguments: checked by bash itself,
 * for arguments with spaces, quotes, {@code $}, backticks, backslashes, newlines and other control
 * characters. Before, a newline was shown inside single quotes as it is: a command shown in one line
 * (a plan, a failure) was broken in two.
 */
class QuoteTest {

    private static final List<String> HOSTILE = List.of(
            "203.0.113.7",
            "",
            "two words",
            "it's",
            "'",
            "\"double\"",
            "$HOME",
            "$(id)",
            "`id`",
            "back\\slash",
            "a;b|c&d>e<f*g?h[i]~j#k!l{m}",
            "line\nbreak",
            "tab\there",
            "cr\r",
            "esc\u001b[31m",
            "\u007f",
            "new\n'quote'\\ and $x",
            "ünïcode ✓");

    /** The words bash makes of {@code line}, each ended by a NUL. */
    private static String bashWords(String line) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "printf '%s\\0' " + line)
                .redirectErrorStream(true)
                .start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachArgumentIsReadBackByBashAsItWas() throws Exception {
        for (String a : HOSTILE) {
            String shown = Quote.arg(a);
            assertThat(shown).as("one line: %s", shown).doesNotContain("\n", "\r");
            assertThat(bashWords(shown)).as(shown).isEqualTo(a + "\0");
        }
        StringBuilder all = new StringBuilder();
        HOSTILE.forEach(a -> all.append(a).append('\0'));
        assertThat(bashWords(Quote.join(HOSTILE))).isEqualTo(all.toString());
    }

    @Test
    void safeArgumentsAreShownAsTheyAre() {
        List<String> argv = new ArrayList<>(
                List.of("nft", "add", "element", "inet", "nethergaze", "blocked6", "2001:db8::/64", "--comment=x"));
        assertThat(Quote.join(argv)).isEqualTo(String.join(" ", argv));
        assertThat(Quote.arg("{ 203.0.113.7 timeout 600s }")).isEqualTo("'{ 203.0.113.7 timeout 600s }'");
        assertThat(Quote.arg("a\nb")).isEqualTo("$'a\\nb'");
        assertThat(Quote.arg("it's")).isEqualTo("'it'\\''s'");
    }
}
