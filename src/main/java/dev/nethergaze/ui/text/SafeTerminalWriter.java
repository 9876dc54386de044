package dev.nethergaze.ui.text;

import dev.nethergaze.model.ControlChars;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Text meant to be read on a terminal, with the control characters a log line, a whois reply or a
 * DNS name may carry made visible instead of obeyed: a request target of {@code ESC[2J ESC]0;pwned
 * BEL} would clear the reader's screen and set its window title (the console draws such characters
 * as '?'; the plain-text reports printed them raw). C0 controls other than newline and tab become
 * {@code \x1b}, as evidence lines show them; DEL and the C1 controls (U+0080–U+009F, which some
 * terminals obey as escape sequences) {@code \u009b}, which JSON and CSV written through it read the
 * same (JSON writers escape every C0 control themselves); so are the invisible formatting characters
 * (<code>&#92;u202e</code>: a right-to-left override, U+202E, would show "admin", U+202E, "txt.exe" as
 * "adminexe.txt").
 */
public final class SafeTerminalWriter extends FilterWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public SafeTerminalWriter(Writer out) {
        super(out);
    }

    /** A print writer (UTF-8, flushed by println) of text to {@code out} through this filter. */
    public static PrintWriter over(OutputStream out) {
        return over(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    /** A print writer (flushed by println) of text to {@code out} through this filter. */
    public static PrintWriter over(Writer out) {
        return new PrintWriter(new SafeTerminalWriter(out), true);
    }

    /** C0 but newline and tab, DEL, C1, and the invisible formatting characters of the BMP ({@link ControlChars#hidden}). */
    private static boolean control(char c) {
        return c < 0x20 ? c != '\n' && c != '\t' : c >= 0x7F && !Character.isSurrogate(c) && ControlChars.hidden(c);
    }

    private static void append(StringBuilder b, char c) {
        if (c < 0x20) {
            b.append('\\').append('x').append(HEX[c >> 4]).append(HEX[c & 0xF]);
        } else {
            b.append('\\').append('u');
            for (int shift = 12; shift >= 0; shift -= 4) {
                b.append(HEX[(c >> shift) & 0xF]);
            }
        }
    }

    @Override
    public void write(int c) throws IOException {
        write(new char[] {(char) c}, 0, 1);
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        int clean = off; // start of the run not yet written
        int end = off + len;
        for (int i = off; i < end; i++) {
            char c = cbuf[i];
            if (control(c)) {
                out.write(cbuf, clean, i - clean);
                StringBuilder b = new StringBuilder(6);
                append(b, c);
                out.write(b.toString());
                clean = i + 1;
            }
        }
        out.write(cbuf, clean, end - clean);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        char[] part = new char[len];
        str.getChars(off, off + len, part, 0);
        write(part, 0, len);
    }
}
