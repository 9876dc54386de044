package dev.nethergaze.source.conn;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.TcpState;

/**
 * One decoded socket row as the kernel reports it, before it becomes a {@link
 * dev.nethergaze.model.Listener} or a {@link dev.nethergaze.model.Connection}. For a LISTEN socket
 * in procfs, {@code rxQueue} is the current accept queue length.
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
        long inode) {}
