package dev.nethergaze.ui.tui.term;

import java.io.IOException;

/**
 * Decodes terminal input into {@link Key}s: control characters, CSI/SS3 cursor and editing keys,
 * Shift+Tab, and SGR (1006) mouse reports. A lone ESC is told from a sequence by a short wait.
 */
public final class KeyDecoder {

    private static final long ESC_WAIT_MS = 25;
    private final Tty tty;
    /** A character read after an ESC that began no sequence: the next key's (-1: none). */
    private int pending = -1;

    public KeyDecoder(Tty tty) {
        this.tty = tty;
    }

    /** The next key, or null when {@code timeoutMs} passed without input. */
    public Key next(long timeoutMs) throws IOException {
        int c = pending >= 0 ? pending : tty.read(timeoutMs);
        pending = -1;
        if (c == Tty.TIMEOUT) {
            return null;
        }
        if (c == Tty.EOF) {
            return Key.of(Key.Code.EOF);
        }
        return switch (c) {
            case 27 -> escape();
            case 13, 10 -> Key.of(Key.Code.ENTER);
            case 9 -> Key.of(Key.Code.TAB);
            case 127, 8 -> Key.of(Key.Code.BACKSPACE);
            case 3 -> Key.of(Key.Code.CTRL_C);
            case 21 -> Key.of(Key.Code.CTRL_U);
            case 12 -> Key.of(Key.Code.CTRL_L);
            default -> c < 32 ? Key.of(Key.Code.UNKNOWN) : Key.ch((char) c);
        };
    }

    private Key escape() throws IOException {
        int c = tty.read(ESC_WAIT_MS);
        if (c == '[') {
            return csi();
        }
        if (c == 'O') {
            int d = tty.read(ESC_WAIT_MS);
            return cursor(d);
        }
        if (c >= 0) {
            // Esc then a key at once (tmux sends the pair as Alt+key when the key comes within its
            // escape-time): Esc now, the key next, rather than the key lost
            pending = c;
        }
        return Key.of(Key.Code.ESC);
    }

    private Key csi() throws IOException {
        StringBuilder params = new StringBuilder();
        int c = tty.read(ESC_WAIT_MS);
        if (c == '<') {
            return mouse();
        }
        while (c >= 0x30 && c <= 0x3F) {
            params.append((char) c);
            c = tty.read(ESC_WAIT_MS);
        }
        if (c == '~') {
            String p = params.toString();
            int semi = p.indexOf(';');
            return switch (semi >= 0 ? p.substring(0, semi) : p) {
                case "1", "7" -> Key.of(Key.Code.HOME);
                case "4", "8" -> Key.of(Key.Code.END);
                case "3" -> Key.of(Key.Code.DELETE);
                case "5" -> Key.of(Key.Code.PAGE_UP);
                case "6" -> Key.of(Key.Code.PAGE_DOWN);
                default -> Key.of(Key.Code.UNKNOWN);
            };
        }
        if (c == 'Z') {
            return Key.of(Key.Code.BACKTAB);
        }
        return cursor(c);
    }

    private static Key cursor(int c) {
        return switch (c) {
            case 'A' -> Key.of(Key.Code.UP);
            case 'B' -> Key.of(Key.Code.DOWN);
            case 'C' -> Key.of(Key.Code.RIGHT);
            case 'D' -> Key.of(Key.Code.LEFT);
            case 'H' -> Key.of(Key.Code.HOME);
            case 'F' -> Key.of(Key.Code.END);
            default -> Key.of(Key.Code.UNKNOWN);
        };
    }

    /** SGR mouse: ESC [ &lt; b ; x ; y (M|m), 1-based coordinates. */
    private Key mouse() throws IOException {
        int[] n = new int[3];
        int idx = 0;
        int c;
        while ((c = tty.read(ESC_WAIT_MS)) >= 0 && c != 'M' && c != 'm') {
            if (c == ';') {
                idx = Math.min(idx + 1, 2);
            } else if (c >= '0' && c <= '9') {
                n[idx] = n[idx] * 10 + (c - '0');
            } else {
                return Key.of(Key.Code.UNKNOWN);
            }
        }
        int button = n[0];
        int x = n[1] - 1;
        int y = n[2] - 1;
        if (button == 64) {
            return Key.mouse(Key.Code.WHEEL_UP, x, y);
        }
        if (button == 65) {
            return Key.mouse(Key.Code.WHEEL_DOWN, x, y);
        }
        if (c == 'M' && (button & 3) == 0 && (button & 32) == 0) {
            return Key.mouse(Key.Code.MOUSE_CLICK, x, y);
        }
        return Key.of(Key.Code.UNKNOWN); // releases, drags, other buttons
    }
}
