package dev.nethergaze.source.replay;

/** What a replayed file holds, told apart by its first lines. */
public enum LogKind {
    /** Web server access log (any format the access parsers read). */
    ACCESS("http"),
    /** Syslog-style auth.log / secure. */
    AUTH("auth"),
    /** {@code journalctl -o json} output. */
    JOURNAL("auth"),
    /** {@code journalctl -o export} output (key=value blocks). */
    JOURNAL_EXPORT("auth");

    private final String sourceKind;

    LogKind(String sourceKind) {
        this.sourceKind = sourceKind;
    }

    /** A journal, in either form: read to its end, not entered by time. */
    public boolean journal() {
        return this == JOURNAL || this == JOURNAL_EXPORT;
    }

    /** The source kind shown in {@code sources[].kind}. */
    public String sourceKind() {
        return sourceKind;
    }
}
