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
}
