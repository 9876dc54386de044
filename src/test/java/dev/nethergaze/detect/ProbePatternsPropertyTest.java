package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * On targets made of pieces near every hint and probe (escapes, backslashes, several {@code ?}, allowed
 * paths, non-ASCII): the one-pass hint scan finds what a {@code contains} per hint finds, and the memo
 * answers as the patterns do.
 */
class ProbePatternsPropertyTest {

    private static final List<String> ALLOW = List.of("/static/", "/Assets/");

    /** Pieces around every hint: probes, near misses, escapes (of {@code ?} too), case, backslashes. */
    private static final String[] PIECES = {
        "/",
        "/static/",
        "/assets/",
        "/ASSETS/",
        "/blog",
        "/post-12",
        "?",
        "?",
        "&",
        "=",
        "_=1712",
        "q=",
        "%3f",
        "%3F",
        "%25",
        "%2e%2e%2f",
        "%252e",
        "\\",
        "..",
        "/..",
        "/.",
        ".env",
        ".git",
        ".php",
        "wp-login.php",
        "admin",
        "pma",
        "cgi",
        "/cgi-bin/",
        "/etc/passwd",
        "win.ini",
        "/proc/self/environ",
        "${",
        "${jndi:",
        "}",
        "<script>",
        "<",
        "javascript:",
        "alert(",
        "select",
        "union select",
        "null",
        "'",
        "(",
        "://",
        "http://x/a.txt?",
        "onerror=",
        "think",
        "server-status",
        "hnap1",
        "shell",
        "Σ",
        "İ",
        "é",
        "%c3%a9",
        "%zz",
        "a",
        "b",
        "1"
    };

    @Provide
    Arbitrary<String> targets() {
        return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(8).map(parts -> String.join("", parts));
    }

    @Property(tries = 2000)
    void theHintScanFindsWhatAContainsPerHintFinds(@ForAll("targets") String text) {
        List<String> hints = List.of("/.", "..", ".php", "cgi", "admin", "${", "<", "alert(", "'", "://", "é");
        ProbePatterns.Hints scan = new ProbePatterns.Hints(
                hints.stream().filter(h -> h.charAt(0) < 128).toArray(String[]::new));
        boolean any = hints.stream().filter(h -> h.charAt(0) < 128).anyMatch(text::contains);
        assertThat(scan.in(text)).as(text).isEqualTo(any);
    }

    @Property(tries = 3000)
    void aProbesNeedsHoldWhereverItsRegexMatches(@ForAll("targets") String raw) {
        String text = UrlText.normalise(raw);
        for (ProbePatterns.Probe p : ProbePatterns.BUILT_IN) {
            assertThat(p.find(text))
                    .as(p.id() + " on " + text)
                    .isEqualTo(p.regex().matcher(text).find());
        }
    }

    @Property(tries = 2000)
    void theMemoAnswersAsThePatternsDo(@ForAll("targets") String target, @ForAll("targets") String other) {
        ProbeMemo memo = new ProbeMemo();
        memo.target(other, ALLOW);
        for (String t : List.of(other + target, target, "/" + target, "/blog?" + target, target + "?x=1")) {
            assertThat(memo.target(t, ALLOW)).as(t).isEqualTo(ProbePatterns.target(t, ALLOW));
        }
    }
}
