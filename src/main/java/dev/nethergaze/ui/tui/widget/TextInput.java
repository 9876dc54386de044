package dev.nethergaze.ui.tui.widget;

import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Style;
import dev.nethergaze.ui.tui.term.Key;

/**
 * A one-line editor: type, Backspace/Delete, ←/→, Home/End, Ctrl-U; Enter submits, Esc cancels. The
 * keys step over whole characters: one outside the BMP (an emoji) is two Java chars, never split.
 */
public final class TextInput {

    /** What a key did to the input. */
    public enum Outcome {
        EDITING,
        SUBMIT,
        CANCEL
    }

    private final StringBuilder text = new StringBuilder();
    private int cursor;

    public TextInput(String initial) {
        text.append(initial == null ? "" : initial);
        cursor = text.length();
    }

    public String text() {
        return text.toString();
    }

    public Outcome handle(Key k) {
        switch (k.code()) {
            case ENTER -> {
                return Outcome.SUBMIT;
            }
            case ESC, CTRL_C -> {
                return Outcome.CANCEL;
            }
            case CHAR -> text.insert(cursor++, k.ch());
            case BACKSPACE -> {
                if (cursor > 0) {
                    int from = text.offsetByCodePoints(cursor, -1);
                    text.delete(from, cursor);
                    cursor = from;
                }
            }
            case DELETE -> {
                if (cursor < text.length()) {
                    text.delete(cursor, text.offsetByCodePoints(cursor, 1));
                }
            }
            case LEFT -> cursor = cursor > 0 ? text.offsetByCodePoints(cursor, -1) : 0;
            case RIGHT -> cursor = cursor < text.length() ? text.offsetByCodePoints(cursor, 1) : cursor;
            case HOME -> cursor = 0;
            case END -> cursor = text.length();
            case CTRL_U -> {
                text.setLength(0);
                cursor = 0;
            }
            default -> {
                // other keys do nothing while editing
            }
        }
        return Outcome.EDITING;
    }

    /** Draws prompt and text, scrolled so the cursor (shown reversed) stays visible. */
    public void render(CellBuffer buf, int x, int y, int w, String prompt, int promptStyle, int textStyle) {
        int used = buf.put(x, y, prompt, promptStyle, w);
        int room = w - used - 1;
        if (room <= 0) {
            return;
        }
        int start = Math.max(0, cursor - room);
        String visible = text.substring(start, Math.min(text.length(), start + room));
        buf.put(x + used, y, visible, textStyle, room);
        int cx = x + used + (cursor - start);
        char under = cursor < text.length() ? text.charAt(cursor) : ' ';
        buf.set(cx, y, under, Style.withAttrs(textStyle, Style.REVERSE));
    }
}
