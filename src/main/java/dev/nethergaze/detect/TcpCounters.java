package dev.nethergaze.detect;

import java.time.Instant;

/**
 * One reading of the host's cumulative SYN-related counters (/proc/net/netstat TcpExt or netlink):
 * SYNs answered with cookies and connections dropped at the listen queue. A flood the connection
 * table cannot show (cookies leave no SYN_RECV row) still moves these.
 */
public record TcpCounters(Instant time, long syncookiesSent, long listenDrops, long listenOverflows) {}
