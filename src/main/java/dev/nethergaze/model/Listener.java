package dev.nethergaze.model;

/** A local LISTEN socket. Queue figures are from the kernel table (rx_queue/tx_queue for LISTEN). */
public record Listener(IpKey local, int port, long acceptQueue, long backlog) {}
