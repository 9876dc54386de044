package dev.nethergaze.act;

import java.util.List;
import java.util.regex.Pattern;

/** POSIX-shell quoting, used only to show commands to people; nothing is ever run through a shell. */
final class Quote {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private Quote() {}

    static String arg(String s) {
        if (!s.isEmpty() && SAFE.matcher(s).matches()) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static String join(List<String> argv) {
        StringBuilder b = new StringBuilder();
        for (String a : argv) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(arg(a));
        }
        return b.toString();
    }
}
