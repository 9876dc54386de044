package dev.nethergaze.source.tail;

import java.nio.file.DirectoryStream;
import java.nio.file.Path;

/**
 * The names a log's rotated files have next to it: its own name, then a dot or a dash ({@code
 * access.log.1}, {@code access.log.2.gz}, {@code access.log-20261206}); callers look closer at the rest.
 * Compared as text, never made into a glob: a log named <code>site[1].log</code> or
 * <code>app{x.log</code> made a glob that matched other files' names, or none, or was refused with an
 * exception.
 */
public final class RotatedNames {

    private RotatedNames() {}

    /** A listing filter for the names that begin with {@code base} and a dot or a dash. */
    public static DirectoryStream.Filter<Path> of(String base) {
        String dot = base + ".";
        String dash = base + "-";
        return p -> {
            String name = p.getFileName().toString();
            return name.startsWith(dot) || name.startsWith(dash);
        };
    }
}
