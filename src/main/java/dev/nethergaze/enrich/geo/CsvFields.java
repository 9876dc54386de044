package dev.nethergaze.enrich.geo;

import java.util.ArrayList;
import java.util.List;

/**
 * One CSV line split into fields as RFC 4180 quotes them: a field in double quotes may hold commas,
 * and a doubled quote inside it stands for one. Every field is stripped of the spaces around it. A
 * quoted field must end on its line (a geo CSV has no multi-line field, and an unclosed quote must
 * not swallow the lines after it).
 */
final class CsvFields {

    private CsvFields() {}

    /** The fields of {@code line}; throws IllegalArgumentException when its quoting is broken. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (true) {
            i = skipBlanks(line, i);
            if (i < n && line.charAt(i) == '"') {
                StringBuilder f = new StringBuilder();
                i = quoted(line, i + 1, f);
                i = skipBlanks(line, i);
                if (i < n && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("text after the closing quote of \"" + f + "\"");
                }
                out.add(f.toString().strip());
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                out.add(line.substring(i, end).strip());
                i = end;
            }
            if (i >= n) {
                return out;
            }
            i++; // the comma
        }
    }

    /** Appends the quoted field that starts at {@code i} (after its opening quote); returns the index after its end. */
    private static int quoted(String line, int i, StringBuilder f) {
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i++);
            if (c != '"') {
                f.append(c);
            } else if (i < n && line.charAt(i) == '"') {
                f.append('"');
                i++;
            } else {
                return i;
            }
        }
        throw new IllegalArgumentException("a quoted field is not closed on its line");
    }

    private static int skipBlanks(String line, int i) {
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
