package dev.nethergaze.model;

/** Health of a source as shown to the user. */
public enum SourceStatus {
    OK,
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
