package dev.nethergaze.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * One input of a replay as history sees it: its name (the path given), how to read what the replay
 * read from it (unpacked, for a gzipped log), and how much of that the replay read, so that a later
 * replay of the same content is recognised. {@code content} is null for an input that cannot be read
 * again (standard input). {@code read} is the bytes of content the replay read (a log written to
 * meanwhile is longer when history reads it: what follows them was not counted), or {@link #WHOLE}.
 */
public record ReplaySource(String name, Content content, long read) {

    /** {@link #read}: all the content there is when history reads it. */
    public static final long WHOLE = -1;

    /** Opens the input's content from its first byte; the caller closes it. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    public ReplaySource {
        Objects.requireNonNull(name, "name");
        if (read < WHOLE) {
            throw new IllegalArgumentException("read: " + read);
        }
    }

    /** An input the replay read whole. */
    public ReplaySource(String name, Content content) {
        this(name, content, WHOLE);
    }
}
