package dev.nethergaze.source.conn;

import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.InterfaceRates;
import dev.nethergaze.model.SynCounters;
import dev.nethergaze.source.netstat.NetDevSampler;
import dev.nethergaze.source.netstat.SynCounterSampler;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Adds to each table what is not in the socket table itself: the owning process of each socket
 * (when {@code owners} is not null), the host's SYN-flood counters (when {@code syn} is not null)
 * and its network interfaces' traffic (when {@code netDev} is not null). A failure to read the
 * counters leaves them out of that poll; the table still goes out.
 */
final class AugmentingReader implements ConnectionReader, AutoCloseable {

    private final ConnectionReader base;
    private final SocketOwners owners;
    private final SynCounterSampler syn;
    private final NetDevSampler netDev;

    AugmentingReader(ConnectionReader base, SocketOwners owners, SynCounterSampler syn, NetDevSampler netDev) {
        this.base = base;
        this.owners = owners;
        this.syn = syn;
        this.netDev = netDev;
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public ReadResult read(Instant now) throws IOException {
        ReadResult r = base.read(now);
        ConnTable t = r.table();
        List<Connection> conns = owners == null ? t.connections() : owners.attach(t.connections());
        SynCounters counters = null;
        if (syn != null) {
            try {
                counters = syn.sample(now);
            } catch (IOException e) {
                counters = null;
            }
        }
        List<InterfaceRates> interfaces = List.of();
        if (netDev != null) {
            try {
                interfaces = netDev.sample(now);
            } catch (IOException e) {
                interfaces = List.of(); // no /proc/net/dev (a chroot, a fixture): the table still goes out
            }
        }
        return new ReadResult(
                new ConnTable(t.source(), t.time(), conns, t.listeners(), counters, interfaces),
                r.rows(),
                r.malformed());
    }

    @Override
    public void close() throws Exception {
        if (base instanceof AutoCloseable c) {
            c.close();
        }
    }
}
