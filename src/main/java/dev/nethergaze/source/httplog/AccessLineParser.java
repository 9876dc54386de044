package dev.nethergaze.source.httplog;

/**
 * Parses one access-log line given as bytes. Implementations keep caches, so one instance serves one
 * thread; none throws on any input (a property test feeds them random bytes).
 */
public interface AccessLineParser {

    ParseResult parse(byte[] b, int off, int len);
}
