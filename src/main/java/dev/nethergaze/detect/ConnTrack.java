package dev.nethergaze.detect;

import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Direction;
import dev.nethergaze.model.TcpState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One IP's rows in the latest kernel table (replaced on each table), plus what must survive across
 * tables: the local ports it touched recently and since when it has held web connections.
 */
final class ConnTrack {

    private static final int MAX_PORTS = 128;

    int synRecv;
    int established;
    final List<Connection> synRows = new ArrayList<>();
    final List<Connection> openRows = new ArrayList<>();
    /** Local port → when last touched (inbound rows only). */
    final LastSeen<Integer> localPorts = new LastSeen<>(MAX_PORTS);
    /** Since when the IP has continuously held an ESTABLISHED inbound web connection; null if none. */
    Instant webSince;

    private boolean webNow;

    /** Starts a new table: the counts of the previous one are dropped. */
    void reset() {
        synRecv = 0;
        established = 0;
        synRows.clear();
        openRows.clear();
        webNow = false;
    }

    void row(Connection c, Instant t, DetectSettings s) {
        int cap = s.evidenceItems();
        if (c.state() == TcpState.SYN_RECV) {
            synRecv++;
            if (synRows.size() < cap) {
                synRows.add(c);
            }
        } else if (c.state() == TcpState.ESTABLISHED) {
            established++;
            if (openRows.size() < cap) {
                openRows.add(c);
            }
            if (c.direction() == Direction.INBOUND && s.conn().webPorts().contains(c.localPort())) {
                webNow = true;
            }
        }
        if (c.direction() == Direction.INBOUND) {
            localPorts.touch(c.localPort(), t);
        }
    }

    /** Ends a table: web-connection continuity is updated from what the table held. */
    void finish(Instant t) {
        if (!webNow) {
            webSince = null;
        } else if (webSince == null) {
            webSince = t;
        }
    }

    int portsSince(Instant cutoff) {
        return localPorts.countSince(cutoff);
    }

    boolean isEmpty() {
        return synRecv == 0 && established == 0;
    }
}
