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
    PATH_LIST,
    /** A list of non-empty strings. */
    STRING_LIST,
    /** A list of port numbers within the key's range. */
    PORT_LIST,
    /** A list of IP addresses or CIDR prefixes ({@code 203.0.113.0/24}, {@code 2001:db8::/32}). */
    CIDR_LIST
}
