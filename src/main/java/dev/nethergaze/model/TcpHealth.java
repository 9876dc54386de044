package dev.nethergaze.model;

/**
 * Per-socket TCP health from the kernel's {@code tcp_info}, when the connection source can read it
 * (netlink sock_diag). Times in microseconds.
 */
public record TcpHealth(
        long rttUs, long rttVarUs, long totalRetrans, long lost, long unacked, long sendQueue, long recvQueue) {}
