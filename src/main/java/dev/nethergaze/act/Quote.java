package dev.nethergaze.act;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Shell quoting, used only to show commands to people (a firewall plan, a usage hint): what is shown
 * pastes back into a shell as the same arguments. Nothing is ever run through a shell.
 *
 * <p>An argument of only safe characters is shown as it is; one with control characters (a newline,
 * a tab, an escape) in {@code $'...'} with them escaped, so that a command stays on one line and shows
 * what is in it; any other in single quotes, a single quote in it as {@code '\''}.
 */
public final class Quote {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private Quote() {}

    /** {@code s} as one shell word. */
    public static String arg(String s) {
        if (!s.isEmpty() && SAFE.matcher(s).matches()) {
            return s;
        }
        if (s.chars().anyMatch(Quote::control)) {
            return dollarQuoted(s);
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The words of {@code argv}, each as {@link #arg}, joined by spaces. */
    public static String join(List<String> argv) {
        StringBuilder b = new StringBuilder();
        for (String a : argv) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(arg(a));
        }
        return b.toString();
    }

    private static boolean control(int c) {
        return c < 0x20 || c == 0x7f;
    }

    /** ANSI-C quoting ({@code $'...'}: bash, zsh, ksh, busybox sh, and POSIX since 2024). */
    private static String dollarQuoted(String s) {
        StringBuilder b = new StringBuilder("$'");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                default -> {
                    if (control(c)) {
                        b.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('\'').toString();
    }
}
