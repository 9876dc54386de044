package dev.nethergaze.model;

/**
 * One IP's network quality from the kernel's {@code tcp_info} of its sockets: median and maximum
 * smoothed RTT over its ESTABLISHED sockets ({@code sampled} of them), and the retransmission and
 * lost-segment totals over all its sockets that report tcp_info.
 */
public record TcpQuality(double rttMsP50, double rttMsMax, long retrans, long lost, int sampled) {}
