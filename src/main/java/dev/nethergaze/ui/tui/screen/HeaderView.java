package dev.nethergaze.ui.tui.screen;

import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Rect;
import dev.nethergaze.ui.tui.draw.Style;
import dev.nethergaze.ui.tui.draw.Text;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.widget.StyledLine;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The top bar: product, host, uptime, clock, each source's health (a capture's packet rate and kernel
 * drops always), and the mode badges.
 */
public final class HeaderView {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** The kind of a packet capture source, whose health line is worth showing all the time. */
    private static final String CAPTURE = "capture";

    /** The kind of the engine's entry for log lines stamped ahead of this host's clock. */
    private static final String CLOCK_KIND = "clock";

    private HeaderView() {}

    /** No new snapshot for this long, and for three times the gap between the last two, is a stall. */
    static final long STALL_NANOS = 5_000_000_000L;

    static void render(CellBuffer buf, Rect r, ConsoleState st, Theme t, long nowNanos) {
        int bar = t.headerBar();
        buf.fill(r, ' ', bar);
        Snapshot s = st.snapshot;
        int title = Style.withBg(t.title(), Style.bgOf(bar));
        int text = Style.withBg(t.text(), Style.bgOf(bar));
        int dim = Style.withBg(t.dim(), Style.bgOf(bar));
        StyledLine left = new StyledLine().add(" ◉ nethergaze ", title);
        if (s != null) {
            long up = st.startedAt == null
                    ? 0
                    : Duration.between(st.startedAt, s.generatedAt()).toSeconds();
            // a third of the bar at most: a cloud host's long name left no room for the clock and sources
            left.add(Text.fit(s.host(), Math.max(12, r.w() / 3)), Style.withAttrs(text, Style.BOLD))
                    .add("  up " + Text.duration(up), dim)
                    .add("  " + CLOCK.format(s.generatedAt()), dim)
                    .add("  ", dim);
            // a source that follows many logs has an entry per file: the working ones of a kind are one
            // item ("http 5 files"), so the bar keeps room for the ones with a problem
            Map<String, Integer> working = new HashMap<>();
            Map<String, Long> unparsed = new HashMap<>();
            for (SourceHealth h : s.sources()) {
                if (groupable(h)) {
                    working.merge(h.kind(), 1, Integer::sum);
                    unparsed.merge(h.kind(), h.malformed(), Long::sum);
                }
            }
            Set<String> shown = new HashSet<>();
            for (SourceHealth h : problemsFirst(s.sources())) {
                int files = groupable(h) ? working.get(h.kind()) : 1;
                if (files > 1 && !shown.add(h.kind())) {
                    continue;
                }
                left.add("● ", Style.withBg(health(h, t), Style.bgOf(bar)))
                        .add(
                                (files > 1
                                                ? h.kind() + " " + files + " files" + unparsed(unparsed.get(h.kind()))
                                                : sourceText(h))
                                        + "  ",
                                h.status() == SourceStatus.OK ? dim : Style.withBg(health(h, t), Style.bgOf(bar)));
            }
        } else {
            left.add("waiting for the first snapshot…", dim);
        }
        List<StyledLine> badges = badges(st, t, nowNanos);
        int badgeW = 0;
        for (StyledLine b : badges) {
            badgeW += b.length() + 1;
        }
        left.draw(buf, r.x(), r.y(), Math.max(0, r.w() - badgeW));
        int x = r.right() - badgeW;
        for (StyledLine b : badges) {
            x += b.draw(buf, x, r.y(), r.right() - x) + 1;
        }
    }

    private static List<StyledLine> badges(ConsoleState st, Theme t, long nowNanos) {
        List<StyledLine> out = new ArrayList<>();
        long since = nowNanos - st.snapshotNanos;
        if (st.snapshot != null && !st.paused && since > Math.max(STALL_NANOS, 3 * st.snapshotGapNanos)) {
            out.add(new StyledLine()
                    .add(" ⚠ NO UPDATE FOR " + Text.duration(since / 1_000_000_000L) + " ", t.badgeAlert()));
        }
        if (st.suspiciousOnly) {
            out.add(new StyledLine().add(" ! SUSPICIOUS ", t.badgeAlert()));
        }
        if (st.grouped) {
            out.add(new StyledLine().add(" ⊞ BY /24 /64 ", t.badgeFilter()));
        }
        if (st.paused) {
            out.add(new StyledLine().add(" ‖ PAUSED ", t.badgePaused()));
        }
        String f = st.filter().describe();
        if (!f.isEmpty()) {
            out.add(new StyledLine().add(" ▼ " + Text.fit(f, 24) + " ", t.badgeFilter()));
        }
        return out;
    }

    /**
     * The sources with a problem first, in their order, then the working ones: the bar is cut at the
     * terminal's width, and what gets cut should be what is fine (a missing log's long list of paths
     * hid every source after it).
     */
    private static List<SourceHealth> problemsFirst(List<SourceHealth> all) {
        List<SourceHealth> out = new ArrayList<>(all.size());
        for (SourceHealth h : all) {
            if (problem(h)) {
                out.add(h);
            }
        }
        for (SourceHealth h : all) {
            if (!problem(h)) {
                out.add(h);
            }
        }
        return out;
    }

    private static boolean problem(SourceHealth h) {
        return switch (h.status()) {
            case MISSING, PERMISSION_DENIED, ERROR, BEHIND -> true;
            default -> h.malformed() > 0;
        };
    }

    /** ", 3 unparsed" when some lines could not be read, else nothing. */
    private static String unparsed(long lines) {
        return lines > 0 ? ", " + lines + " unparsed" : "";
    }

    /** A working log file (a capture shows its rate whatever else runs). */
    private static boolean groupable(SourceHealth h) {
        return h.status() == SourceStatus.OK && !CAPTURE.equals(h.kind()) && !CLOCK_KIND.equals(h.kind());
    }

    /**
     * Whether {@code h} is working but has something to say in its detail: the engine's {@code clock}
     * entry, whose count is of log lines stamped ahead of this host's clock (each parsed and counted,
     * not "unparsed"). Said with its detail here and, in full, in the help.
     */
    public static boolean notice(SourceHealth h) {
        return h.status() == SourceStatus.OK
                && CLOCK_KIND.equals(h.kind())
                && h.detail() != null
                && !h.detail().isBlank();
    }

    /** A working source by name; a capture also with its rate and kernel drops; a problem with its detail. */
    private static String sourceText(SourceHealth h) {
        if (notice(h)) {
            return h.name() + ": " + h.detail();
        }
        if (h.status() == SourceStatus.OK) {
            return CAPTURE.equals(h.kind()) && h.detail() != null && !h.detail().isEmpty()
                    ? h.name() + " " + h.detail()
                    : h.name() + unparsed(h.malformed());
        }
        String what = h.detail() != null && !h.detail().isEmpty()
                ? h.detail()
                : h.status().json().replace('_', ' ');
        int paths = h.name().split(",", -1).length;
        if (paths > 1 && h.status() == SourceStatus.MISSING) {
            // a source watching many paths, none there yet: its kind, not every path twice over
            return h.kind() + ": no file yet (watching " + paths + " paths)";
        }
        return (paths > 1 ? h.kind() : h.name()) + ": " + what;
    }

    private static int health(SourceHealth h, Theme t) {
        return switch (h.status()) {
            case OK, DONE -> t.ok();
            case STARTING, DISABLED -> t.dim();
            case MISSING, PERMISSION_DENIED, BEHIND -> t.warn();
            case ERROR -> t.bad();
        };
    }
}
