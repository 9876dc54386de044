package dev.nethergaze.model;

import java.util.Map;

/** One IP's connections in the latest kernel table: by state and by direction. */
public record ConnSummary(int total, int inbound, int outbound, Map<TcpState, Integer> byState) {

    public static final ConnSummary NONE = new ConnSummary(0, 0, 0, Map.of());

    public ConnSummary {
        byState = Map.copyOf(byState);
    }

    public int inState(TcpState s) {
        return byState.getOrDefault(s, 0);
    }
}
