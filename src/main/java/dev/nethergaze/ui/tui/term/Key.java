package dev.nethergaze.ui.tui.term;

/** One decoded input event: a key (with its character for {@link Code#CHAR}) or a mouse event. */
public record Key(Key.Code code, char ch, int x, int y) {

    /** What was pressed. Mouse events carry 0-based cell coordinates. */
    public enum Code {
        CHAR,
        ENTER,
        TAB,
        BACKTAB,
        ESC,
        BACKSPACE,
        DELETE,
        UP,
        DOWN,
        LEFT,
        RIGHT,
        PAGE_UP,
        PAGE_DOWN,
        HOME,
        END,
        CTRL_C,
        CTRL_U,
        CTRL_L,
        MOUSE_CLICK,
        WHEEL_UP,
        WHEEL_DOWN,
        EOF,
        UNKNOWN
    }

    public static Key of(Code code) {
        return new Key(code, '\0', -1, -1);
    }

    public static Key ch(char c) {
        return new Key(Code.CHAR, c, -1, -1);
    }

    public static Key mouse(Code code, int x, int y) {
        return new Key(code, '\0', x, y);
    }

    public boolean isChar(char c) {
        return code == Code.CHAR && ch == c;
    }

    @Override
    public String toString() {
        return code == Code.CHAR ? "'" + ch + "'" : code.name();
    }
}
