package dev.nethergaze.model;

/** Health of a source as shown to the user. */
public enum SourceStatus {
    OK,
    /**
     * Working, but far behind what the log holds: its lines come faster than they are judged (a flood
     * the engine cannot keep up with), or a log read from its start is still being caught up with. The
     * view is of the past by that much.
     */
    BEHIND,
    STARTING,
    DISABLED,
    MISSING,
    PERMISSION_DENIED,
    ERROR,
    DONE;

    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
