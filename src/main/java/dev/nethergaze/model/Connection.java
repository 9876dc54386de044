package dev.nethergaze.model;

/**
 * One row of the kernel TCP table (not a LISTEN socket). {@code health} is null when the source
 * cannot read tcp_info (procfs); {@code inode} 0 means the kernel gave none (e.g. SYN_RECV).
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
        TcpHealth health) {

    public Connection {
        if (local == null || remote == null || state == null || direction == null) {
            throw new IllegalArgumentException("connection needs addresses, state and direction");
        }
    }
}
