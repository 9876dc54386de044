package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.ui.tui.term.Key;
import dev.nethergaze.ui.tui.term.KeyDecoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What real terminals send, decoded. */
class KeyDecoderTest {

    private static List<Key> decode(String typed) throws Exception {
        KeyDecoder d = new KeyDecoder(new FakeTty(80, 24).type(typed));
        List<Key> out = new ArrayList<>();
        for (Key k = d.next(5); k != null; k = d.next(5)) {
            out.add(k);
        }
        return out;
    }

    @Test
    void plainKeysAndControls() throws Exception {
        assertThat(decode("q\r\t\u007f\u0003\u0015"))
                .extracting(Key::toString)
                .containsExactly("'q'", "ENTER", "TAB", "BACKSPACE", "CTRL_C", "CTRL_U");
    }

    @Test
    void csiAndSs3Sequences() throws Exception {
        assertThat(decode("\033[A\033[B\033OC\033[D\033[Z\033[5~\033[6~\033[H\033[4~\033[3~"))
                .extracting(Key::code)
                .containsExactly(
                        Key.Code.UP,
                        Key.Code.DOWN,
                        Key.Code.RIGHT,
                        Key.Code.LEFT,
                        Key.Code.BACKTAB,
                        Key.Code.PAGE_UP,
                        Key.Code.PAGE_DOWN,
                        Key.Code.HOME,
                        Key.Code.END,
                        Key.Code.DELETE);
    }

    @Test
    void aLoneEscapeIsEsc() throws Exception {
        assertThat(decode("\033")).extracting(Key::code).containsExactly(Key.Code.ESC);
    }

    /**
     * Esc then a key pressed within tmux's escape-time (500 ms by default) reach the program as one
     * ESC-prefixed pair (Alt+key): found in tmux, Esc to close a prompt then {@code /} lost the
     * {@code /}, and the typed filter text went to the list as keys ({@code r} repainted, {@code b}
     * opened block assist). The pair is Esc, then the key.
     */
    @Test
    void escapeThenAKeyAtOnceIsBothKeys() throws Exception {
        assertThat(decode("\033/\033jq")).extracting(Key::toString).containsExactly("ESC", "'/'", "ESC", "'j'", "'q'");
        assertThat(decode("\033\033[A")).extracting(Key::code).containsExactly(Key.Code.ESC, Key.Code.UP);
    }

    @Test
    void sgrMouseClicksAndWheel() throws Exception {
        List<Key> keys = decode("\033[<0;12;7M\033[<0;12;7m\033[<64;3;4M\033[<65;3;4M");
        assertThat(keys)
                .extracting(Key::code)
                .containsExactly(Key.Code.MOUSE_CLICK, Key.Code.UNKNOWN, Key.Code.WHEEL_UP, Key.Code.WHEEL_DOWN);
        assertThat(keys.getFirst().x()).isEqualTo(11);
        assertThat(keys.getFirst().y()).isEqualTo(6);
    }
}
