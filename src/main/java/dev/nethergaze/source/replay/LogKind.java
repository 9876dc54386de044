package dev.nethergaze.source.replay;

/** What a replayed file holds, told apart by its first lines. */
public enum LogKind {
    /** Web server access log (any format the access parsers read). */
    ACCESS("http"),
    /** Syslog-style auth.log / secure. */
    AUTH("auth"),
    /** {@code journalctl -o json} output. */
    JOURNAL("auth");

    private final String sourceKind;

    LogKind(String sourceKind) {
        this.sourceKind = sourceKind;
    }

    /** The source kind shown in {@code sources[].kind}. */
    public String sourceKind() {
        return sourceKind;
    }
}
