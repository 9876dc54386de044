package dev.nethergaze.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Text a client sent, as evidence lines and the SSH summary show it: control characters and the
 * invisible formatting characters (bidirectional overrides, embeddings and isolates, zero-width
 * characters, the byte order mark) escaped. Before, only C0 and DEL were: {@code admin\u202Etxt.exe}
 * read "adminexe.txt" on the reader's screen, and a zero-width space made two names look the same.
 */
class ControlCharsTest {

    private static String escaped(String s) {
        return ControlChars.escape(new StringBuilder(), s).toString();
    }

    @Test
    void aRightToLeftOverrideIsShownNotObeyed() {
        assertThat(ControlChars.any("admin\u202Etxt.exe")).isTrue();
        assertThat(escaped("admin\u202Etxt.exe")).isEqualTo("admin\\u202etxt.exe");
    }

    @Test
    void everyBidiAndZeroWidthFormatterIsEscaped() {
        for (char c : new char[] {
            '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200B',
            '\u200C', '\u200D', '\u200E', '\u200F', '\uFEFF', '\u061C', '\u2060', '\u2028', '\u2029'
        }) {
            String s = "a" + c + "b";
            assertThat(ControlChars.any(s)).as("U+%04X", (int) c).isTrue();
            assertThat(escaped(s)).as("U+%04X", (int) c).isEqualTo(String.format("a\\u%04xb", (int) c));
        }
    }

    @Test
    void c0DelAndC1ControlsAreEscapedAsBytes() {
        assertThat(escaped("a\u001b[2Jb\u007fc\u009b31m")).isEqualTo("a\\x1b[2Jb\\x7fc\\x9b31m");
    }

    /** Unicode tag characters (U+E0000 block) are invisible too: text hidden in plain sight. */
    @Test
    void invisibleTagCharactersAreEscapedWhole() {
        String s = "root" + new String(Character.toChars(0xE0041)) + "x";
        assertThat(ControlChars.any(s)).isTrue();
        assertThat(escaped(s)).isEqualTo("root\\u{e0041}x");
    }

    @Test
    void ordinaryTextOfAnyScriptIsKept() {
        String s = "Mozilla/5.0 é ß ü 日本 עברית العربية 😀 ⊘ \u00a0x";
        assertThat(ControlChars.any(s)).isFalse();
        assertThat(escaped(s)).isEqualTo(s);
    }
}
