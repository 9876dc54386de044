package dev.nethergaze.ui.tui;

import dev.nethergaze.ui.tui.screen.SortKey;
import dev.nethergaze.ui.tui.term.Key;
import dev.nethergaze.ui.tui.widget.HelpView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The one key map: what each key does, and the help screen generated from it (like k9s), so the
 * help can never disagree with the behaviour.
 */
public final class KeyMap {

    /** Keys (as shown in help), what they do, their help group, and the matcher. */
    public record Binding(String keys, String description, String group, Action action, Predicate<Key> matches) {}

    private static final String NAV = "Navigate";
    private static final String VIEW = "View";
    private static final String ACT = "Act on the selected IP";

    public static final List<Binding> BINDINGS = List.of(
            b("↑↓ j k", "move the cursor / scroll the focused panel", NAV, Action.UP, code(Key.Code.UP), ch('k')),
            b("", "", NAV, Action.DOWN, code(Key.Code.DOWN), ch('j')),
            b("PgUp PgDn", "page up / down", NAV, Action.PAGE_UP, code(Key.Code.PAGE_UP)),
            b("", "", NAV, Action.PAGE_DOWN, code(Key.Code.PAGE_DOWN)),
            b("Home End g G", "first / last (End: follow the log)", NAV, Action.HOME, code(Key.Code.HOME), ch('g')),
            b("", "", NAV, Action.END, code(Key.Code.END), ch('G')),
            b("Tab S-Tab", "focus the next / previous panel", NAV, Action.FOCUS_NEXT, code(Key.Code.TAB)),
            b("", "", NAV, Action.FOCUS_PREV, code(Key.Code.BACKTAB)),
            b("Enter", "open the IP detail", NAV, Action.DETAIL, code(Key.Code.ENTER)),
            b(
                    "Esc",
                    "close, else clear: quick filter, f filter, suspicious mode",
                    NAV,
                    Action.CLOSE,
                    code(Key.Code.ESC)),
            b("mouse", "click selects, wheel scrolls", NAV, null, k -> false),
            b("s S", "cycle" + sortCycle() + " / reverse", VIEW, Action.SORT_NEXT, ch('s')),
            b("", "", VIEW, Action.SORT_REVERSE, ch('S')),
            b(
                    "C Y R B A I T",
                    "sort by conns, SYN_RECV, req/min, bytes, auth, IP, threat",
                    VIEW,
                    Action.SORT_CONNS,
                    ch('C')),
            b("", "", VIEW, Action.SORT_SYN, ch('Y')),
            b("", "", VIEW, Action.SORT_RATE, ch('R')),
            b("", "", VIEW, Action.SORT_BYTES, ch('B')),
            b("", "", VIEW, Action.SORT_AUTH, ch('A')),
            b("", "", VIEW, Action.SORT_IP, ch('I')),
            b("", "", VIEW, Action.SORT_THREAT, ch('T')),
            b("/", "quick filter (text in IP, org, paths, agents)", VIEW, Action.QUICK_FILTER, ch('/')),
            b("f", "filter, as --filter: state:syn !cidr:… rule:ssh", VIEW, Action.FILTER, ch('f')),
            b("!", "suspicious mode: flagged now or earlier, worst first", VIEW, Action.SUSPICIOUS, ch('!')),
            b("P", "group rows by prefix (/24, /64) / one row per IP", VIEW, Action.GROUP, ch('P')),
            b("p Space", "pause / resume", VIEW, Action.PAUSE, ch('p'), ch(' ')),
            b("r Ctrl-L", "refresh and repaint", VIEW, Action.REFRESH, ch('r'), code(Key.Code.CTRL_L)),
            b("?", "this help", VIEW, Action.HELP, ch('?')),
            b("q Ctrl-C", "quit", VIEW, Action.QUIT, ch('q'), code(Key.Code.CTRL_C), code(Key.Code.EOF)),
            b("w", "whois lookup now", ACT, Action.WHOIS, ch('w')),
            b("t", "trace the route to the IP (hops, round trips, AS)", ACT, Action.TRACE, ch('t')),
            b("c", "copy the IP (OSC 52, works over SSH)", ACT, Action.COPY, ch('c')),
            b("b", "block assist: the firewall command", ACT, Action.BLOCK, ch('b')),
            b("u", "unblock assist", ACT, Action.UNBLOCK, ch('u')),
            b(
                    "1…9",
                    "run user hook N with the IP",
                    ACT,
                    Action.HOOK,
                    k -> k.code() == Key.Code.CHAR && k.ch() >= '1' && k.ch() <= '9'));

    private KeyMap() {}

    /** The sorts {@code s} goes through, in order, as the status bar names them (" conns syn …"). */
    private static String sortCycle() {
        StringBuilder b = new StringBuilder();
        for (SortKey k : SortKey.values()) {
            b.append(' ').append(k.tag());
        }
        return b.toString();
    }

    /** The action bound to {@code k}, or null. */
    public static Action lookup(Key k) {
        for (Binding b : BINDINGS) {
            if (b.action() != null && b.matches().test(k)) {
                return b.action();
            }
        }
        return null;
    }

    /** The help screen's entries, in key-map order (continuation rows fold into their first). */
    public static List<HelpView.Entry> help() {
        List<HelpView.Entry> out = new ArrayList<>();
        for (Binding b : BINDINGS) {
            if (!b.keys().isEmpty()) {
                out.add(new HelpView.Entry(b.keys(), b.description(), b.group()));
            }
        }
        return out;
    }

    @SafeVarargs
    private static Binding b(String keys, String what, String group, Action a, Predicate<Key>... m) {
        Predicate<Key> any = k -> false;
        for (Predicate<Key> p : m) {
            any = any.or(p);
        }
        return new Binding(keys, what, group, a, any);
    }

    private static Predicate<Key> ch(char c) {
        return k -> k.isChar(c);
    }

    private static Predicate<Key> code(Key.Code c) {
        return k -> k.code() == c;
    }
}
