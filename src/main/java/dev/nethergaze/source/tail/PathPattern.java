package dev.nethergaze.source.tail;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A log path or a glob whose wildcards are in the file name only ({@code /var/log/nginx/*access*.log}).
 * A glob never matches compressed files (rotated {@code .gz} and friends): they are not appended to;
 * nor a rotated name of another file it matches ({@code access.1.log} of logrotate's {@code extension
 * .log}, {@code access.log.1}, beside {@code access.log}): that file's lines are read through the log
 * it was ({@link RotatedNames}), so each live log is one file followed.
 */
public final class PathPattern {

    private final String text;
    private final Path dir;
    private final Path literal;
    private final PathMatcher matcher;

    private PathPattern(String text, Path dir, Path literal, PathMatcher matcher) {
        this.text = text;
        this.dir = dir;
        this.literal = literal;
        this.matcher = matcher;
    }

    /** Parses a path or glob; throws when a wildcard is in a directory part. */
    public static PathPattern parse(String text) {
        Path p = Path.of(text).toAbsolutePath().normalize();
        Path name = p.getFileName();
        Path parent = p.getParent();
        if (parent != null && hasWildcard(parent.toString())) {
            throw new IllegalArgumentException("wildcards are only supported in the file name: " + text);
        }
        if (name == null || !hasWildcard(name.toString())) {
            return new PathPattern(text, parent, p, null);
        }
        PathMatcher m = p.getFileSystem().getPathMatcher("glob:" + name);
        return new PathPattern(text, parent, null, m);
    }

    static boolean hasWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }

    public boolean isGlob() {
        return matcher != null;
    }

    /** The path itself when this is not a glob. */
    public Path literal() {
        return literal;
    }

    /** The directory a glob lists. */
    public Path dir() {
        return dir;
    }

    /**
     * Current matches of a glob (entries whose name matches), compressed files and the rotated names of
     * other matches left out.
     */
    public List<Path> list() throws IOException {
        List<Path> out = new ArrayList<>();
        if (matcher == null || dir == null) {
            return out;
        }
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                Path name = e.getFileName();
                if (name != null && matcher.matches(name) && !isCompressed(name.toString())) {
                    out.add(e);
                    names.add(name.toString());
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        }
        out.removeIf(e -> RotatedNames.ofAnother(e.getFileName().toString(), names));
        out.sort(null);
        return out;
    }

    private static boolean isCompressed(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return RotatedNames.COMPRESSIONS.stream().anyMatch(lower::endsWith);
    }

    @Override
    public String toString() {
        return text;
    }
}
