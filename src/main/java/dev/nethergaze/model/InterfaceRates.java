package dev.nethergaze.model;

/**
 * One network interface's traffic from {@code /proc/net/dev}: rates per second over the last poll
 * ({@code intervalS} seconds; 0 on the first reading, when there are no rates yet) and the counters
 * since boot. Drops and errors rising are what a saturated NIC or a too-small ring buffer shows.
 */
public record InterfaceRates(
        String name,
        double rxBytesPerS,
        double txBytesPerS,
        double rxPacketsPerS,
        double txPacketsPerS,
        double rxDropsPerS,
        double rxErrorsPerS,
        double txDropsPerS,
        double txErrorsPerS,
        double intervalS,
        long rxBytes,
        long txBytes,
        long rxDrops,
        long rxErrors,
        long txDrops,
        long txErrors) {

    /** Drops and errors per second, both directions. */
    public double troublePerS() {
        return rxDropsPerS + rxErrorsPerS + txDropsPerS + txErrorsPerS;
    }
}
