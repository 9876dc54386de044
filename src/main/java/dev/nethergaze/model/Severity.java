package dev.nethergaze.model;

/** How bad a finding is, lowest first. */
public enum Severity {
    INFO,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
