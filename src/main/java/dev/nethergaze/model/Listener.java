package dev.nethergaze.model;

/**
 * A local LISTEN socket. {@code acceptQueue} is the number of established connections waiting for
 * accept(), {@code backlog} the listen() backlog that caps it (-1 when the source cannot tell, as
 * with procfs), {@code synQueue} the number of half-open (SYN_RECV) requests for it in the table.
 */
public record Listener(IpKey local, int port, long acceptQueue, long backlog, long synQueue) {

    /** A listener whose SYN queue is not known (counted as 0). */
    public Listener(IpKey local, int port, long acceptQueue, long backlog) {
        this(local, port, acceptQueue, backlog, 0);
    }
}
