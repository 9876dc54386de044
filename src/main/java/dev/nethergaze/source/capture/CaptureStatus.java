package dev.nethergaze.source.capture;

import java.util.List;

/**
 * A capture's state at its latest tick, for the control socket and status lines: what it reads,
 * the filter, whether it is paused, the kernel's counters (live; -1 when unknown) and its own.
 */
public record CaptureStatus(
        String name,
        String mode,
        String input,
        String filter,
        boolean paused,
        long kernelReceived,
        long kernelDropped,
        long interfaceDropped,
        long pausedDropped,
        CaptureCounters counters,
        List<IpTotals> top,
        List<MacTable.MacCount> macs) {

    public CaptureStatus {
        top = List.copyOf(top);
        macs = List.copyOf(macs);
    }
}
