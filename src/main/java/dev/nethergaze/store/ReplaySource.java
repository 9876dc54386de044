package dev.nethergaze.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * One input of a replay as history sees it: its name (the path given) and how to read what the
 * replay read from it (unpacked, for a gzipped log), so that a later replay of the same content is
 * recognised. {@code content} is null for an input that cannot be read again (standard input).
 */
public record ReplaySource(String name, Content content) {

    /** Opens the input's content from its first byte; the caller closes it. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    public ReplaySource {
        Objects.requireNonNull(name, "name");
    }
}
