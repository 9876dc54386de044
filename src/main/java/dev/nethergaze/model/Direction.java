package dev.nethergaze.model;

/** Whether a connection is to one of our listeners (inbound) or our own client socket (outbound). */
public enum Direction {
    INBOUND,
    OUTBOUND
}
