package dev.nethergaze.ui.tui.screen;

import static dev.nethergaze.ui.tui.widget.Column.left;
import static dev.nethergaze.ui.tui.widget.Column.right;

import dev.nethergaze.detect.Findings;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.RequestView;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.TcpState;
import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Style;
import dev.nethergaze.ui.tui.draw.Text;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.widget.Bars;
import dev.nethergaze.ui.tui.widget.Column;
import java.util.List;

/**
 * The IP table's columns, one line each: adding a field (RTT, process, SYN counters) is one more
 * entry here. Priority decides which survive on a narrow terminal (lower = kept longer).
 */
public final class IpColumns {

    /** From this many half-open connections or SSH failures a cell is drawn in the alarm colour. */
    static final int RED_FROM = 5;

    private IpColumns() {}

    public static final List<Column<IpView>> ALL = List.of(
            left("", 2, 0, 0, (IpView v) -> "").painted(IpColumns::flags).sortedBy("threat"),
            left("IP", 20, 0, 0, (IpView v) -> Cells.row(v, Integer.MAX_VALUE))
                    .painted(IpColumns::ip)
                    .sortedBy("ip"),
            left("CC", 2, 0, 6, Cells::country).styled((v, t) -> t.dim()).onlyWith(v -> v.geo() != null),
            left("ORG / ASN", 12, 2, 8, Cells::org)
                    .styled((v, t) -> t.dim())
                    .onlyWith(v -> v.geo() != null || v.whois() != null),
            right("CONN", 4, 1, (IpView v) -> Integer.toString(v.connections().total()))
                    .sortedBy("conns"),
            right("SYN", 4, 2, (IpView v) -> zeroDot(v.connections().inState(TcpState.SYN_RECV)))
                    .styled(IpColumns::synStyle)
                    .sortedBy("syn"),
            left("STATES", 8, 0, 9, (IpView v) -> "").painted(IpColumns::states),
            left("SERVICES", 9, 0, 7, Cells::services).styled((v, t) -> t.info()),
            right("REQS", 6, 4, (IpView v) -> Text.count(v.requests())).sortedBy("reqs"),
            right("R/MIN", 5, 2, (IpView v) -> zeroDot(v.requestsPerMin())).sortedBy("rate"),
            left("HTTP", 6, 0, 9, (IpView v) -> "").painted(IpColumns::statusMix),
            right("PKT/S", 5, 3, IpColumns::wirePps)
                    .styled((v, t) -> v.wire() != null && v.wire().pps() > 0 ? t.text() : t.dim())
                    .onlyWith(v -> v.wire() != null),
            right("BYTES", 6, 5, (IpView v) -> v.bytes() == 0 ? "·" : Text.bytes(v.bytes()))
                    .sortedBy("bytes"),
            right("AUTHF", 5, 3, (IpView v) -> zeroDot(v.auth().failures()))
                    .styled(IpColumns::authStyle)
                    .sortedBy("auth"),
            // an IP seen only over SSH says what it did there rather than leave the column empty
            left(
                            "LAST REQUEST",
                            12,
                            4,
                            10,
                            (IpView v) -> Cells.lastRequest(v) != null
                                    ? Cells.request(Cells.lastRequest(v))
                                    : v.auth().describe())
                    .styled(IpColumns::lastStyle)
                    .sortedBy("last"));

    /** Packets per second on the wire (sent and received, last second), from the capture. */
    private static String wirePps(IpView v) {
        return v.wire() == null
                ? ""
                : Double.isNaN(v.wire().pps())
                        ? "—"
                        : zeroDot(Math.round(v.wire().pps()));
    }

    private static String zeroDot(long n) {
        return n == 0 ? "·" : Text.count(n);
    }

    private static int synStyle(IpView v, Theme t) {
        int n = v.connections().inState(TcpState.SYN_RECV);
        return n >= RED_FROM ? t.bad() : n > 0 ? t.warn() : t.dim();
    }

    private static int authStyle(IpView v, Theme t) {
        long n = v.auth().failures();
        return n >= RED_FROM ? t.bad() : n > 0 ? t.warn() : t.dim();
    }

    private static int lastStyle(IpView v, Theme t) {
        RequestView r = Cells.lastRequest(v);
        return r != null ? t.status(r.status()) : v.auth().failures() > 0 ? t.warn() : t.dim();
    }

    private static int onRow(int style, int rowStyle) {
        if (rowStyle == Style.PLAIN) {
            return style;
        }
        return Style.withAttrs(Style.withBg(style, Style.bgOf(rowStyle)), Style.attrsOf(rowStyle));
    }

    /**
     * Finding marker (by severity, while a finding fires or is held over a short stop; '○' when every
     * finding has ended), then the history marker.
     */
    private static void flags(CellBuffer b, int x, int y, int w, IpView v, Theme t, int row) {
        Severity worst = Findings.worst(v);
        if (!v.blocked().isEmpty()) { // the firewall already drops it (⊘) or some of it (⊖); colour: how bad it is
            int st = worst == null ? t.info() : worst.compareTo(Severity.MEDIUM) >= 0 ? t.bad() : t.warn();
            b.set(x, y, BlockLines.whole(v) ? '⊘' : '⊖', onRow(st, row));
        } else if (worst != null) {
            b.set(x, y, '●', onRow(worst.compareTo(Severity.MEDIUM) >= 0 ? t.bad() : t.warn(), row));
        } else if (!v.earlierFindings().isEmpty()) {
            b.set(x, y, '○', onRow(t.warn(), row));
        }
        if (v.history() != null && v.history().sessions() > 1 && w > 1) {
            b.set(x + 1, y, v.history().flaggedTotal() > 0 ? '↺' : '·', onRow(t.accent(), row));
        }
    }

    private static void ip(CellBuffer b, int x, int y, int w, IpView v, Theme t, int row) {
        int style = Findings.flagged(v) ? t.warn() : t.text();
        b.put(x, y, Cells.row(v, w), onRow(style, row), w);
    }

    /** A stacked bar of the IP's connections: established, half-open, closing, other. */
    private static void states(CellBuffer b, int x, int y, int w, IpView v, Theme t, int row) {
        var c = v.connections();
        int est = c.inState(TcpState.ESTABLISHED);
        int syn = c.inState(TcpState.SYN_RECV);
        int tw = c.inState(TcpState.TIME_WAIT)
                + c.inState(TcpState.FIN_WAIT1)
                + c.inState(TcpState.FIN_WAIT2)
                + c.inState(TcpState.CLOSE_WAIT)
                + c.inState(TcpState.LAST_ACK)
                + c.inState(TcpState.CLOSING);
        int other = Math.max(0, c.total() - est - syn - tw);
        int[] counts = {est, syn, tw, other};
        int[] styles = {onRow(t.ok(), row), onRow(t.bad(), row), onRow(t.dim(), row), onRow(t.info(), row)};
        Bars.stacked(b, x, y, w, counts, styles, t.isMono() ? "█▒░·" : "■");
    }

    /** A stacked bar of the IP's responses by status class, coloured like the log. */
    private static void statusMix(CellBuffer b, int x, int y, int w, IpView v, Theme t, int row) {
        var s = v.status();
        int[] counts = {
            s.getOrDefault("2xx", 0L).intValue(),
            s.getOrDefault("3xx", 0L).intValue(),
            s.getOrDefault("4xx", 0L).intValue(),
            s.getOrDefault("5xx", 0L).intValue()
        };
        int[] styles = {onRow(t.ok(), row), onRow(t.info(), row), onRow(t.warn(), row), onRow(t.bad(), row)};
        Bars.stacked(b, x, y, w, counts, styles, t.isMono() ? "█▓▒░" : "▮");
    }
}
