package dev.nethergaze.source.tail;

import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The names logrotate gives a log's rotated files next to it: its name, a dot or a dash, then a count
 * or a date ({@code access.log.1}, {@code access.log-20261206}, {@code access.log-2026-12-06}, {@code
 * access.log-1796620000} of {@code dateformat -%s}), or with logrotate's {@code extension .log} the
 * same before the extension ({@code access.1.log}, {@code access-20261206.log}); then a compression's
 * suffix or none. Compared as text, never made into a glob: a log named <code>site[1].log</code> or
 * <code>app{x.log</code> made a glob that matched other files' names, or none, or was refused with an
 * exception.
 */
public final class RotatedNames {

    /** What compressed files end with ({@code .gz} and friends): never appended to. */
    public static final List<String> COMPRESSIONS = List.of(".gz", ".bz2", ".xz", ".zst", ".lz4", ".zip");

    /** Only gzip: what the tailer unpacks. */
    static final List<String> GZIP = List.of(".gz");

    private RotatedNames() {}

    /**
     * A listing filter for the names that begin with {@code base} and a dot or a dash (callers look
     * closer at the rest), and the rotated names of logrotate's {@code extension}.
     */
    public static DirectoryStream.Filter<Path> of(String base) {
        String dot = base + ".";
        String dash = base + "-";
        return p -> {
            String name = p.getFileName().toString();
            return name.startsWith(dot) || name.startsWith(dash) || rotated(base, name, COMPRESSIONS);
        };
    }

    /**
     * Whether {@code name} is {@code base} under a rotated name, compressed with one of {@code
     * compressions} or not. Not a file being written beside one ({@code auth.log.2.gz.tmp} as a
     * compressor makes it), nor another compression, nor another log ({@code access.log-json}).
     */
    public static boolean rotated(String base, String name, List<String> compressions) {
        return stamp(base, name, compressions) != null;
    }

    /**
     * Whether {@code name} is a rotated name of another of {@code names} ({@code access.1.log} and
     * {@code access.log.1} of {@code access.log}), compressed or not; not a log of its own with no such
     * other beside it ({@code app-1.log}, {@code site.2024.log}).
     */
    public static boolean ofAnother(String name, Set<String> names) {
        String plain = name;
        for (String c : COMPRESSIONS) {
            if (plain.endsWith(c)) {
                plain = plain.substring(0, plain.length() - c.length());
                break;
            }
        }
        int ext = plain.lastIndexOf('.');
        for (int i = 1; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c == '.' || c == '-') {
                String base = plain.substring(0, i); // access.log of access.log.1
                String withExt = ext > i ? base + plain.substring(ext) : null; // access.log of access.1.log
                if (isBaseOf(base, name, names) || (withExt != null && isBaseOf(withExt, name, names))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isBaseOf(String base, String name, Set<String> names) {
        return !base.equals(name) && names.contains(base) && rotated(base, name, COMPRESSIONS);
    }

    /**
     * The count or date of a rotated name ({@code "2"} of {@code access.log.2.gz} and of {@code
     * access.2.log.gz}, {@code "20261204"} of {@code access.log-20261204}): digits, dots, dashes and
     * underscores, a digit first and last; null when {@code name} is no rotated name of {@code base}.
     */
    static String stamp(String base, String name, List<String> compressions) {
        String n = name;
        for (String c : compressions) {
            if (n.endsWith(c)) {
                n = n.substring(0, n.length() - c.length());
                break;
            }
        }
        String s = after(base, n);
        int dot = base.lastIndexOf('.');
        if (s == null && dot > 0 && n.endsWith(base.substring(dot))) { // extension .log: access.1.log
            s = after(base.substring(0, dot), n.substring(0, n.length() - (base.length() - dot)));
        }
        return s != null && isStamp(s) ? s : null;
    }

    /** What follows {@code stem} and a dot or a dash in {@code n}; null when {@code n} is not so. */
    private static String after(String stem, String n) {
        if (n.length() < stem.length() + 2 || !n.startsWith(stem)) {
            return null;
        }
        char sep = n.charAt(stem.length());
        return sep == '.' || sep == '-' ? n.substring(stem.length() + 1) : null;
    }

    private static boolean isStamp(String s) {
        if (!digit(s.charAt(0)) || !digit(s.charAt(s.length() - 1))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!digit(c) && c != '.' && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }
}
