package dev.nethergaze.model;

/**
 * One row of the kernel TCP table (not a LISTEN socket). {@code health} is null when the source
 * cannot read tcp_info (procfs); {@code inode} 0 means the kernel gave none (e.g. SYN_RECV).
 * {@code owner} is null when owners are not resolved, else the process or why there is none.
 */
public record Connection(
        IpKey local,
        int localPort,
        IpKey remote,
        int remotePort,
        TcpState state,
        Direction direction,
        long inode,
        int uid,
        TcpHealth health,
        ProcessOwner owner) {

    /** A connection whose owner is not resolved. */
    public Connection(
            IpKey local,
            int localPort,
            IpKey remote,
            int remotePort,
            TcpState state,
            Direction direction,
            long inode,
            int uid,
            TcpHealth health) {
        this(local, localPort, remote, remotePort, state, direction, inode, uid, health, null);
    }

    public Connection {
        if (local == null || remote == null || state == null || direction == null) {
            throw new IllegalArgumentException("connection needs addresses, state and direction");
        }
    }

    /** The same connection with {@code o} as its owner. */
    public Connection withOwner(ProcessOwner o) {
        return new Connection(local, localPort, remote, remotePort, state, direction, inode, uid, health, o);
    }
}
