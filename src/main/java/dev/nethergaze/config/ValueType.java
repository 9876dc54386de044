package dev.nethergaze.config;

/** The kind of value a {@link ConfigKey} holds; decides how TOML values and strings convert. */
public enum ValueType {
    /** A whole number within the key's range. */
    INT,
    /** {@code true} or {@code false}. */
    BOOL,
    /** Free text, may be empty. */
    STRING,
    /** A non-empty file system path; a leading {@code ~/} is expanded. */
    PATH,
    /** A list of non-empty paths or globs, each with a leading {@code ~/} expanded. */
    PATH_LIST
}
