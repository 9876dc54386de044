package dev.nethergaze.ui.tui;

import dev.nethergaze.detect.Cidr;
import dev.nethergaze.detect.Findings;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.ui.tui.filter.FilterParser;
import dev.nethergaze.ui.tui.filter.FilterSyntaxException;
import dev.nethergaze.ui.tui.filter.Filters;
import dev.nethergaze.ui.tui.filter.IpFilter;
import dev.nethergaze.ui.tui.screen.BlockLines;
import dev.nethergaze.ui.tui.screen.ConsoleState;
import dev.nethergaze.ui.tui.screen.Focus;
import dev.nethergaze.ui.tui.screen.IpRows;
import dev.nethergaze.ui.tui.screen.Mode;
import dev.nethergaze.ui.tui.screen.PrefixGroups;
import dev.nethergaze.ui.tui.screen.SortKey;
import dev.nethergaze.ui.tui.term.Key;
import dev.nethergaze.ui.tui.widget.TextInput;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Turns keys into state changes, on the UI thread. Text prompts get keys first; then the key map
 * decides; modal screens interpret navigation for themselves. Host actions go through
 * {@link ActionRunner} so the UI never waits for them.
 */
final class Controller {

    private final ConsoleState st;
    private final IpRows rows;
    private final ActionRunner runner;
    private final FilterParser parser;
    private final LongSupplier nanos;
    private final Mouse mouse;
    private IpFilter quickBefore = IpFilter.ALL;
    /** The message of the last filter that did not parse, while it may still be in the status bar. */
    private String filterError;

    Controller(ConsoleState st, IpRows rows, ActionRunner runner, FilterParser parser, LongSupplier nanos) {
        this.st = st;
        this.rows = rows;
        this.runner = runner;
        this.parser = parser;
        this.nanos = nanos;
        this.mouse = new Mouse(st, rows);
        runner.onCopied(this::show);
    }

    void handle(Key k) {
        if (st.mode == Mode.QUICK_FILTER || st.mode == Mode.FILTER) {
            edit(k);
            return;
        }
        if (mouse.handle(k)) {
            return;
        }
        Action a = KeyMap.lookup(k);
        if (a == null) {
            return;
        }
        switch (st.mode) {
            case HELP -> help(a);
            case MESSAGE -> message(a);
            case DETAIL -> detail(a, k);
            default -> main(a, k);
        }
    }

    private void main(Action a, Key k) {
        switch (a) {
            case UP -> move(-1);
            case DOWN -> move(1);
            case PAGE_UP -> move(-st.pageRows);
            case PAGE_DOWN -> move(st.pageRows);
            case HOME -> move(Integer.MIN_VALUE / 2);
            case END -> move(Integer.MAX_VALUE / 2);
            case FOCUS_NEXT, FOCUS_PREV -> st.focus = st.focus.next();
            case DETAIL -> openDetail();
            case CLOSE -> clearFilters();
            case QUICK_FILTER -> startInput(Mode.QUICK_FILTER, "");
            case FILTER -> startInput(Mode.FILTER, st.structuredText);
            default -> common(a, k, st.selected);
        }
    }

    private void detail(Action a, Key k) {
        int scroll = scrolled(a, st.detailScroll); // Home/End and g/G too, as the help says
        if (scroll >= 0) {
            st.detailScroll = scroll; // kept in range when drawn
        } else if (a == Action.CLOSE || a == Action.DETAIL) {
            st.mode = Mode.MAIN;
        } else {
            common(a, k, st.detailIp);
        }
    }

    private void help(Action a) {
        int scroll = scrolled(a, st.helpScroll);
        if (scroll >= 0) {
            st.helpScroll = scroll;
        } else if (a == Action.QUIT) {
            st.quit = true;
        } else {
            st.mode = Mode.MAIN;
        }
    }

    /** A dialog scrolls (a hook's output may be 250 lines); Esc or Enter closes it. */
    private void message(Action a) {
        int scroll = scrolled(a, st.messageScroll);
        if (scroll >= 0) {
            st.messageScroll = scroll; // kept in range when drawn
        } else if (a == Action.QUIT) {
            st.quit = true;
        } else if (a == Action.CLOSE || a == Action.DETAIL) {
            st.mode = Mode.MAIN;
        }
    }

    /** Where a scrolling view's first line goes for {@code a} (the view clamps it), or -1 if it is not a move. */
    private static int scrolled(Action a, int from) {
        return switch (a) {
            case UP -> Math.max(0, from - 1);
            case DOWN -> from + 1;
            case PAGE_UP -> Math.max(0, from - 10);
            case PAGE_DOWN -> from + 10;
            case HOME -> 0;
            case END -> Integer.MAX_VALUE / 2;
            default -> -1;
        };
    }

    /** Keys that mean the same on every screen. */
    private void common(Action a, Key k, IpKey ip) {
        switch (a) {
            case QUIT -> st.quit = true;
            case HELP -> {
                st.helpScroll = 0;
                st.mode = Mode.HELP;
            }
            case SORT_NEXT -> sort(st.sort.next());
            case SORT_REVERSE -> st.reversed = !st.reversed;
            case SORT_CONNS -> sort(SortKey.CONNS);
            case SORT_SYN -> sort(SortKey.SYN_RECV);
            case SORT_RATE -> sort(SortKey.RATE);
            case SORT_BYTES -> sort(SortKey.BYTES);
            case SORT_AUTH -> sort(SortKey.AUTH);
            case SORT_IP -> sort(SortKey.IP);
            case SORT_THREAT -> sort(SortKey.THREAT);
            case SUSPICIOUS -> {
                suspicious(!st.suspiciousOnly);
                flash(st.suspiciousOnly ? "suspicious mode: flagged IPs only, worst first" : "showing all IPs", false);
            }
            case GROUP -> {
                IpView before = rows.find(st.selected);
                st.grouped = !st.grouped;
                keepSelection(before);
                flash(
                        st.grouped ? "grouped: each /24 and /64 with two or more IPs is one row" : "one row per IP",
                        false);
            }
            case PAUSE -> {
                st.paused = !st.paused;
                boolean p = st.paused;
                if (!p) { // no snapshot was pulled while paused: the wait for the next starts afresh
                    st.snapshotNanos = nanos.getAsLong();
                    st.snapshotGapNanos = 0;
                }
                runner.run(
                        c -> c.pause(p),
                        r -> flash(
                                r.ok()
                                        ? r.message()
                                        : (p ? "display paused" : "display resumed") + " (" + r.message() + ")",
                                false));
            }
            case REFRESH -> {
                st.repaint = true;
                runner.run(ConsoleActions::refresh, this::show);
            }
            case COPY -> withIp(ip, i -> runner.copy(target(i).toString()));
            case WHOIS -> withIp(ip, i -> runner.run(c -> c.whoisNow(i), this::show));
            case TRACE ->
                withIp(ip, i -> {
                    IpKey to = lead(i);
                    flash("tracing the route to " + to + " …", false);
                    runner.run(c -> c.trace(to), r -> showDialog("route to " + to, r));
                });
            case BLOCK ->
                withIp(ip, i -> {
                    Cidr t = target(i);
                    Cidr prefix = prefixOf(i);
                    List<String> notes = blockNotes(i, true);
                    runner.run(c -> c.blockAssist(t, prefix), r -> showCommands("block " + t, withNotes(notes, r)));
                });
            case UNBLOCK ->
                withIp(ip, i -> {
                    Cidr t = target(i);
                    List<String> notes = blockNotes(i, false);
                    runner.run(c -> c.unblockAssist(t), r -> showCommands("unblock " + t, withNotes(notes, r)));
                });
            case HOOK ->
                withIp(ip, i -> {
                    IpView v = rows.find(i);
                    if (v != null && v.group() != null) {
                        flash("hook " + k.ch() + " takes one IP: P shows one row per IP", true);
                    } else {
                        // its output in a dialog: it went to the status bar as the hook's label alone
                        runner.run(c -> c.runHook(k.ch() - '0', i), r -> showDialog(r.message(), r));
                    }
                });
            default -> {
                // navigation keys that mean nothing here
            }
        }
    }

    /**
     * The prefix the findings of the row {@code ip} names name as their source (see {@link
     * Findings#prefixOf}), or null.
     */
    private Cidr prefixOf(IpKey ip) {
        IpView v = rows.find(ip);
        return v == null ? null : Findings.prefixOf(v);
    }

    /**
     * After grouping, the cursor on the group of the IP it was on; after ungrouping, on the group's
     * busiest IP (an IP alone in its prefix stays selected either way).
     */
    private void keepSelection(IpView before) {
        List<IpView> now = rows.rows(st);
        if (st.selected == null || IpRows.indexOf(now, st.selected) >= 0) {
            return;
        }
        IpKey next = before != null && before.group() != null
                ? before.group().members().get(0).ip()
                : PrefixGroups.prefixOf(st.selected);
        if (IpRows.indexOf(now, next) >= 0) {
            st.selected = next;
        }
    }

    /** What the row {@code ip} names stands for: its prefix when it is a group, else the address. */
    private Cidr target(IpKey ip) {
        IpView v = rows.find(ip);
        return v != null && v.group() != null ? new Cidr(v.ip(), v.group().bits()) : Cidr.of(ip);
    }

    /** The address to reach for the row {@code ip} names: a group's most active member, else itself. */
    private IpKey lead(IpKey ip) {
        IpView v = rows.find(ip);
        return v != null && v.group() != null ? v.group().members().get(0).ip() : ip;
    }

    private void withIp(IpKey ip, java.util.function.Consumer<IpKey> f) {
        if (ip == null) {
            flash("no IP selected", true);
        } else {
            f.accept(ip);
        }
    }

    private void show(ActionResult r) {
        flash(r.message(), !r.ok());
    }

    /** What the firewall already does about the row, for the top of a block (or unblock) dialog. */
    private List<String> blockNotes(IpKey ip, boolean block) {
        IpView v = rows.find(ip);
        if (v == null) {
            return List.of();
        }
        return block
                ? BlockLines.beforeBlock(v, st.snapshot.generatedAt())
                : BlockLines.beforeUnblock(v, target(ip).toString());
    }

    private static ActionResult withNotes(List<String> notes, ActionResult r) {
        if (notes.isEmpty() || !r.ok() || r.lines().isEmpty()) {
            return r;
        }
        List<String> lines = new java.util.ArrayList<>(notes);
        lines.addAll(r.lines());
        return ActionResult.show(r.message(), lines);
    }

    /** As {@link #showDialog}, of shell lines (block assist): a command too wide wraps whole. */
    private void showCommands(String title, ActionResult r) {
        showDialog(title, r, true);
    }

    private void showDialog(String title, ActionResult r) {
        showDialog(title, r, false);
    }

    private void showDialog(String title, ActionResult r, boolean commands) {
        if (r.ok() && !r.lines().isEmpty()) {
            st.showMessage(title, r.lines(), commands);
        } else {
            show(r);
        }
    }

    /**
     * Suspicious mode sorts worst first (at 3 a.m. the one that got in, not the flood's 30 members
     * with the most connections); leaving it brings back the sort from before, unless another one
     * was chosen meanwhile.
     */
    private void suspicious(boolean on) {
        if (on == st.suspiciousOnly) {
            return;
        }
        st.suspiciousOnly = on;
        if (on) {
            st.sortBeforeSuspicious = st.sort;
            st.reversedBeforeSuspicious = st.reversed;
            st.sort = SortKey.THREAT;
            st.reversed = false;
        } else if (st.sort == SortKey.THREAT && !st.reversed && st.sortBeforeSuspicious != null) {
            st.sort = st.sortBeforeSuspicious;
            st.reversed = st.reversedBeforeSuspicious;
        }
    }

    private void sort(SortKey k) {
        if (st.sort == k) {
            st.reversed = !st.reversed;
        } else {
            st.sort = k;
            st.reversed = false;
        }
    }

    private void move(int delta) {
        if (st.focus == Focus.LOG) {
            st.logBack = (int) Math.max(0, Math.min(Integer.MAX_VALUE / 2, (long) st.logBack - delta));
            st.logAnchor = -1; // re-anchored at the next frame
            return;
        }
        List<IpView> visible = rows.rows(st);
        if (visible.isEmpty()) {
            return;
        }
        int idx = Math.max(0, IpRows.indexOf(visible, st.selected));
        int next = (int) Math.max(0, Math.min(visible.size() - 1, (long) idx + delta));
        st.selected = visible.get(next).ip();
        st.lastIndex = next;
        st.pinned = true;
    }

    private void openDetail() {
        if (st.selected == null) {
            flash("no IP selected", true);
            return;
        }
        st.detailIp = st.selected;
        st.detailScroll = 0;
        st.mode = Mode.DETAIL;
    }

    /**
     * Esc on the list backs out one step a press, always in this order: the quick filter, the {@code f}
     * filter, suspicious mode (one Esc to drop a typed filter left suspicious mode too, and its order);
     * on a clean view, the cursor goes back to the top offenders.
     */
    private void clearFilters() {
        String cleared;
        if (!st.quick.describe().isEmpty()) {
            st.quick = IpFilter.ALL;
            cleared = "quick filter cleared";
        } else if (!st.structured.describe().isEmpty()) {
            cleared = "filter " + st.structuredText + " cleared";
            st.structured = IpFilter.ALL;
            st.structuredText = "";
        } else if (st.suspiciousOnly) {
            suspicious(false);
            cleared = "suspicious mode off: showing all IPs";
        } else {
            st.pinned = false;
            return;
        }
        String next = !st.structured.describe().isEmpty()
                ? "the filter " + st.structuredText
                : st.suspiciousOnly ? "suspicious mode" : "";
        flash(next.isEmpty() ? cleared : cleared + " (Esc again: " + next + ")", false);
    }

    private void startInput(Mode m, String initial) {
        clearFilterError();
        quickBefore = st.quick;
        st.input = new TextInput(initial);
        st.mode = m;
    }

    private void edit(Key k) {
        TextInput.Outcome o = st.input.handle(k);
        String text = st.input.text();
        if (st.mode == Mode.QUICK_FILTER) {
            st.quick = o == TextInput.Outcome.CANCEL ? quickBefore : Filters.text(text); // live while typing
            if (o != TextInput.Outcome.EDITING) {
                st.mode = Mode.MAIN;
            }
            return;
        }
        if (o == TextInput.Outcome.CANCEL) {
            clearFilterError();
            st.mode = Mode.MAIN;
        } else if (o == TextInput.Outcome.SUBMIT) {
            try {
                st.structured = parser.parse(text);
                st.structuredText = text.trim();
                clearFilterError();
                st.mode = Mode.MAIN;
            } catch (FilterSyntaxException e) {
                filterError = e.getMessage();
                flash(filterError, true);
            }
        }
    }

    /** The structured filter's syntax error leaves the status bar with the filter that made it. */
    private void clearFilterError() {
        if (filterError != null && filterError.equals(st.status)) {
            st.flash("", false, nanos.getAsLong());
        }
        filterError = null;
    }

    void flash(String msg, boolean error) {
        st.flash(msg, error, nanos.getAsLong());
    }
}
