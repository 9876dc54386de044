package dev.nethergaze.ui.tui.draw;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every character a cell shows takes exactly one cell, whatever a log line carries. */
class TextSafeTest {

    private static String safe(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            b.append(Text.safe(s.charAt(i)));
        }
        return b.toString();
    }

    @Test
    void charactersThatTakeNoCellAreShownAsOne() {
        assertThat(safe("a\u202Eb\u202Cc")).isEqualTo("a?b?c"); // right-to-left override, pop
        assertThat(safe("x\u200By\u200Dz\u2066w")).isEqualTo("x?y?z?w"); // zero-width space, joiner, isolate
        assertThat(safe("e\u0301\u20DD")).isEqualTo("e??"); // combining accent, enclosing circle
        assertThat(safe("soft\u00ADhyphen\uFEFF")).isEqualTo("soft?hyphen?");
        // line and paragraph separators: a line break to some terminals, which would split the row
        assertThat(safe("one\u2028two\u2029three")).isEqualTo("one?two?three");
    }

    @Test
    void ordinaryTextIsUnchanged() {
        assertThat(safe("GET /café-Ωmega ⊘ ñ")).isEqualTo("GET /café-Ωmega ⊘ ñ");
        assertThat(safe("\u001b[2J")).isEqualTo("?[2J");
    }

    /**
     * What cannot take one cell is shown escaped, as a log line would write it, not as '?': a '?' read
     * as part of a query string ("GET /raw?[2J…" for an ESC), and a path in CJK that was all '?'.
     */
    @Test
    void whatCannotTakeOneCellIsShownEscaped() {
        assertThat(Text.escape("GET /raw\u001b[2Jclear\u0007")).isEqualTo("GET /raw\\x1b[2Jclear\\x07");
        assertThat(Text.escape("UA-\u202Eevil\u202C")).isEqualTo("UA-\\u202eevil\\u202c");
        assertThat(Text.escape("/\u6f22\u5b57/\uD83D\uDE00")).isEqualTo("/\\u6f22\\u5b57/\\U0001f600");
        assertThat(Text.escape("tab\there\u0085")).isEqualTo("tab\\x09here\\u0085");
        // an accent written as a combining mark is composed when it can be, and escaped when not
        assertThat(Text.escape("cafe\u0301")).isEqualTo("café");
        assertThat(Text.escape("x\u0301\u0301")).isEqualTo("x\\u0301\\u0301");
        // ordinary text is the same string, and escaping twice changes nothing
        String plain = "GET /café-Ωmega ⊘ ñ?q=1";
        assertThat(Text.escape(plain)).isSameAs(plain);
        String once = Text.escape("a\u202Eb\u0000");
        assertThat(Text.escape(once)).isEqualTo(once);
    }

    @Test
    void aCutEscapedTextEndsInAnEllipsisAndWritesOneCellPerCharacter() {
        assertThat(Text.fit("ab\u001bcdef", 6)).isEqualTo("ab\\x1…");
        CellBuffer b = new CellBuffer(12, 1);
        int n = b.put(0, 0, "a\u202Eb", Style.PLAIN, 12);
        assertThat(n).isEqualTo(8);
        assertThat(b.toPlainText()).isEqualTo("a\\u202eb    \n");
    }
}
