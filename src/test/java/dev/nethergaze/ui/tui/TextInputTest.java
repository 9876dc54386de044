package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.ui.tui.term.Key;
import dev.nethergaze.ui.tui.widget.TextInput;
import org.junit.jupiter.api.Test;

/**
 * The filter prompt edits characters, not UTF-16 halves: a character outside the BMP (an emoji
 * pasted from a chat, a rare CJK character) is one step for Backspace, Delete and the arrows.
 * Backspace took half of it and left a lone surrogate in the filter.
 */
class TextInputTest {

    private static final String FACE = "\uD83D\uDE00"; // U+1F600, two chars in Java

    private static TextInput typed(String s) {
        TextInput in = new TextInput("");
        for (int i = 0; i < s.length(); i++) {
            in.handle(Key.ch(s.charAt(i)));
        }
        return in;
    }

    @Test
    void backspaceTakesAWholeCharacter() {
        TextInput in = typed("a" + FACE);
        in.handle(Key.of(Key.Code.BACKSPACE));
        assertThat(in.text()).isEqualTo("a");
        in.handle(Key.of(Key.Code.BACKSPACE));
        assertThat(in.text()).isEmpty();
    }

    @Test
    void arrowsAndDeleteStepOverAWholeCharacter() {
        TextInput in = typed("é" + FACE + "b");
        in.handle(Key.of(Key.Code.LEFT)); // before b
        in.handle(Key.of(Key.Code.LEFT)); // before the face
        in.handle(Key.of(Key.Code.DELETE));
        assertThat(in.text()).isEqualTo("éb");
        in.handle(Key.of(Key.Code.LEFT)); // before é
        in.handle(Key.ch('x'));
        assertThat(in.text()).isEqualTo("xéb");

        TextInput again = typed("a" + FACE);
        again.handle(Key.of(Key.Code.HOME));
        again.handle(Key.of(Key.Code.RIGHT));
        again.handle(Key.of(Key.Code.RIGHT)); // past the face, whole
        again.handle(Key.ch('z'));
        assertThat(again.text()).isEqualTo("a" + FACE + "z");
    }
}
