package dev.nethergaze.ui.tui.widget;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a dialog of shell lines (the block and unblock assist) at a given width, each line
 * whole: a command wider than the row continues on the next rows after a backslash, so that what is
 * copied from the screen pastes as the same command (a word too long for a row, such as nft's quoted
 * chain spec, is cut inside and continues at the next row's start, its quotes closed and reopened);
 * a comment continues on rows that start with {@code #} again. Nothing is cut with an ellipsis.
 */
public final class CommandRows {

    /** How far a command's continuation rows are indented (spaces between two words: harmless to a shell). */
    private static final String INDENT = "    ";

    private CommandRows() {}

    public static List<String> wrap(List<String> lines, int width) {
        List<String> out = new ArrayList<>();
        int w = Math.max(8, width);
        for (String l : lines) {
            if (l.length() <= w) {
                out.add(l);
            } else if (l.startsWith("#")) {
                comment(l, w, out);
            } else {
                command(l, w, out);
            }
        }
        return out;
    }

    /** A comment's words on rows of {@code w}, the continuation rows starting with "#   ". */
    private static void comment(String line, int w, List<String> out) {
        StringBuilder row = new StringBuilder();
        for (String word : line.split(" ")) {
            if (!row.isEmpty() && row.length() + 1 + word.length() > w) {
                out.add(row.toString());
                row.setLength(0);
                row.append("#  ");
            }
            if (!row.isEmpty()) {
                row.append(' ');
            }
            row.append(word);
            while (row.length() > w) { // a word longer than a row
                out.add(row.substring(0, w));
                row.replace(0, w, "#   ");
            }
        }
        out.add(row.toString());
    }

    /** A command's words on rows of {@code w}, each row but the last ending in a backslash. */
    private static void command(String line, int w, List<String> out) {
        int room = w - 2; // " \" at the end of every row but the last
        StringBuilder row = new StringBuilder();
        for (String word : words(line)) {
            String sep = row.isEmpty() ? "" : " ";
            if (row.length() + sep.length() + word.length() <= room) {
                row.append(sep).append(word);
                continue;
            }
            if (!row.isEmpty() && INDENT.length() + word.length() <= room) {
                out.add(row + " \\");
                row.setLength(0);
                row.append(INDENT).append(word);
                continue;
            }
            // longer than a whole row: cut inside it; its pieces join with a backslash at the row's very
            // end and go on at the next row's start (no space: still one word)
            if (row.length() + sep.length() + 8 > room) {
                out.add(row + " \\");
                row.setLength(0);
            } else {
                row.append(sep);
            }
            boolean quoted = word.length() > 1 && word.startsWith("'") && word.endsWith("'") && !word.contains("'\\''");
            String rest = quoted ? word.substring(1, word.length() - 1) : word;
            int extra = quoted ? 2 : 0;
            while (row.length() + rest.length() + extra > room) { // the last piece leaves room for " \\" too
                int n = cut(rest, Math.min(rest.length() - 1, room + 1 - row.length() - extra)); // some left
                row.append(quoted ? "'" + rest.substring(0, n) + "'" : rest.substring(0, n))
                        .append('\\');
                out.add(row.toString());
                row.setLength(0);
                rest = rest.substring(n);
            }
            row.append(quoted ? "'" + rest + "'" : rest);
        }
        out.add(row.toString());
    }

    /** Where to cut {@code s} to at most {@code max} characters: before its last space that fits, else there. */
    private static int cut(String s, int max) {
        int m = Math.max(1, Math.min(max, s.length()));
        int space = s.lastIndexOf(' ', m - 1);
        return space > 0 ? space : m;
    }

    /** The words of a shell line as {@code Quote} writes them: split at spaces outside single quotes. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean single = false;
        boolean dollar = false; // inside $'...': a backslash escapes the next character
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (dollar) {
                word.append(c);
                if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else if (c == '\'') {
                    dollar = false;
                }
            } else if (single) {
                word.append(c);
                single = c != '\'';
            } else if (c == ' ') {
                if (!word.isEmpty()) {
                    out.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
                if (c == '\'') {
                    boolean d = word.length() >= 2 && word.charAt(word.length() - 2) == '$';
                    dollar = d;
                    single = !d;
                }
            }
        }
        if (!word.isEmpty()) {
            out.add(word.toString());
        }
        return out;
    }
}
