package dev.nethergaze.ui.tui;

import dev.nethergaze.model.IpView;
import dev.nethergaze.ui.tui.screen.ConsoleState;
import dev.nethergaze.ui.tui.screen.Focus;
import dev.nethergaze.ui.tui.screen.IpRows;
import dev.nethergaze.ui.tui.screen.Mode;
import dev.nethergaze.ui.tui.term.Key;
import java.util.List;

/** Mouse on the main screen: a click selects a row and focuses its panel; the wheel scrolls. */
final class Mouse {

    private static final int WHEEL_STEP = 3;
    private final ConsoleState st;
    private final IpRows rows;

    Mouse(ConsoleState st, IpRows rows) {
        this.st = st;
        this.rows = rows;
    }

    /** Whether {@code k} was a mouse event (consumed even when it hit nothing). */
    boolean handle(Key k) {
        switch (k.code()) {
            case MOUSE_CLICK -> click(k.x(), k.y());
            case WHEEL_UP -> wheel(k.x(), k.y(), -WHEEL_STEP);
            case WHEEL_DOWN -> wheel(k.x(), k.y(), WHEEL_STEP);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void click(int x, int y) {
        if (st.mode != Mode.MAIN) {
            return;
        }
        if (st.tableArea.contains(x, y)) {
            st.focus = Focus.TABLE;
            int idx = st.tableOffset + (y - st.tableFirstRowY);
            List<IpView> visible = rows.rows(st);
            if (y >= st.tableFirstRowY && idx >= 0 && idx < visible.size()) {
                st.selected = visible.get(idx).ip();
                st.lastIndex = idx;
                st.pinned = true;
            }
        } else if (st.logArea.contains(x, y)) {
            st.focus = Focus.LOG;
        }
    }

    private void wheel(int x, int y, int delta) {
        if (st.mode == Mode.DETAIL) {
            st.detailScroll = Math.max(0, st.detailScroll + delta);
        } else if (st.mode == Mode.MAIN && st.logArea.contains(x, y)) {
            st.logBack = Math.max(0, st.logBack - delta);
            st.logAnchor = -1;
        } else if (st.mode == Mode.MAIN && st.tableArea.contains(x, y)) {
            List<IpView> visible = rows.rows(st);
            if (!visible.isEmpty()) {
                int idx = Math.max(0, Math.min(visible.size() - 1, IpRows.indexOf(visible, st.selected) + delta));
                st.selected = visible.get(idx).ip();
                st.lastIndex = idx;
                st.pinned = true;
            }
        }
    }
}
