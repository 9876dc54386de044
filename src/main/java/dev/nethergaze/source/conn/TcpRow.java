package dev.nethergaze.source.conn;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.TcpHealth;
import dev.nethergaze.model.TcpState;

/**
 * One decoded socket row as the kernel reports it, before it becomes a {@link
 * dev.nethergaze.model.Listener} or a {@link dev.nethergaze.model.Connection}. For a LISTEN socket
 * {@code rxQueue} is its accept queue length and, from netlink only, {@code txQueue} its backlog.
 * {@code health} is the socket's tcp_info when the source reads it (netlink), else null.
 */
public record TcpRow(
        IpKey local,
        int localPort,
        IpKey remote,
        int remotePort,
        TcpState state,
        long txQueue,
        long rxQueue,
        int uid,
        long inode,
        TcpHealth health) {}
