package dev.nethergaze.source.authlog;

import java.nio.charset.StandardCharsets;

/**
 * {@code journalctl -o export} read line by line: an entry is {@code FIELD=value} lines ended by an
 * empty line; a field whose value is not plain text is its name alone on a line, then its size (64 bits,
 * little-endian), its bytes and a newline (systemd's JOURNAL_EXPORT_FORMATS), so it may span several of
 * the lines a splitter cuts (its size and bytes may hold newlines). Each entry goes through {@link
 * JournalLineParser#entry}, as a {@code -o json} line does. One instance per file; not thread-safe.
 */
public final class JournalExportParser {

    /** A binary field larger than this is not kept (the entry is then unparsed). */
    private static final int MAX_BINARY = 1 << 20;

    private final JournalLineParser journal;

    private String message;
    private String comm;
    private String ident;
    private long uid = -1;
    private long pid = -1;
    private long micros = -1;
    private long sourceMicros = -1;
    /** Some line of the entry was read (an empty line then ends one). */
    private boolean started;
    /** Something in the entry could not be read: it is unparsed, whole. */
    private boolean broken;

    /** The binary field being read (its name), null when none. */
    private String binary;

    private byte[] bin = new byte[64];
    private int binLen;

    public JournalExportParser(JournalLineParser journal) {
        this.journal = journal;
    }

    /**
     * One line (without its newline; {@code cut}: longer than the reader's cap and cut). The outcome
     * of the entry an empty line ends, else {@link AuthLineParser.Outcome#OTHER} (a field of an entry
     * still being read).
     */
    public AuthLineParser.Outcome line(byte[] b, int off, int len, boolean cut, AuthLineParser.AttemptSink sink)
            throws InterruptedException {
        if (binary != null) {
            binaryPart(b, off, len, cut);
            return AuthLineParser.Outcome.OTHER;
        }
        if (len == 0) {
            return started ? end(sink) : AuthLineParser.Outcome.OTHER;
        }
        started = true;
        broken |= cut;
        int eq = -1;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '=') {
                eq = i;
                break;
            }
        }
        if (eq < 0) {
            binary = new String(b, off, len, StandardCharsets.ISO_8859_1);
            binLen = 0;
            return AuthLineParser.Outcome.OTHER;
        }
        field(new String(b, off, eq - off, StandardCharsets.ISO_8859_1), b, eq + 1, off + len - eq - 1);
        return AuthLineParser.Outcome.OTHER;
    }

    /** The end of the input: an entry not ended by an empty line is read as it is. */
    public AuthLineParser.Outcome endOfInput(AuthLineParser.AttemptSink sink) throws InterruptedException {
        if (binary != null) {
            broken = true;
            binary = null;
        }
        return started ? end(sink) : AuthLineParser.Outcome.OTHER;
    }

    /** A piece of a binary field's size and bytes: the splitter ate a newline before each piece but the first. */
    private void binaryPart(byte[] b, int off, int len, boolean cut) {
        if (binLen > 0 || pieces > 0) {
            append(new byte[] {'\n'}, 0, 1);
        }
        pieces++;
        append(b, off, len);
        if (cut || binLen > MAX_BINARY + 8) {
            broken = true;
        }
        if (binLen < 8) {
            return; // its size is not all read yet
        }
        long size = 0;
        for (int i = 7; i >= 0; i--) {
            size = (size << 8) | (bin[i] & 0xFF);
        }
        if (size < 0 || size > MAX_BINARY || broken) {
            broken = true;
            binary = null; // the rest of the entry is read as lines; the entry is unparsed
            pieces = 0;
            return;
        }
        if (binLen - 8 < size) {
            return; // a newline inside its bytes: more to come
        }
        if (binLen - 8 > size) {
            broken = true; // bytes after the field on its line
        } else {
            field(binary, bin, 8, (int) size);
        }
        binary = null;
        pieces = 0;
    }

    private int pieces;

    private void append(byte[] b, int off, int len) {
        if (binLen + len > bin.length) {
            bin = java.util.Arrays.copyOf(bin, Math.min(Math.max(bin.length * 2, binLen + len), MAX_BINARY + 16));
        }
        int n = Math.min(len, bin.length - binLen);
        System.arraycopy(b, off, bin, binLen, n);
        binLen += n;
    }

    private void field(String name, byte[] b, int off, int len) {
        switch (name) {
            case "MESSAGE" -> message = new String(b, off, len, StandardCharsets.UTF_8);
            case "_COMM" -> comm = text(b, off, len);
            case "SYSLOG_IDENTIFIER" -> ident = text(b, off, len);
            case "_UID" -> uid = JournalLineParser.number(text(b, off, len));
            case "_PID", "SYSLOG_PID" -> pid = pid >= 0 ? pid : JournalLineParser.number(text(b, off, len));
            case "__REALTIME_TIMESTAMP" -> micros = JournalLineParser.number(text(b, off, len));
            case "_SOURCE_REALTIME_TIMESTAMP" -> sourceMicros = JournalLineParser.number(text(b, off, len));
            default -> {}
        }
    }

    private static String text(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    private AuthLineParser.Outcome end(AuthLineParser.AttemptSink sink) throws InterruptedException {
        AuthLineParser.Outcome o = broken
                ? AuthLineParser.Outcome.MALFORMED
                : journal.entry(
                        new JournalLineParser.Entry(message, comm, ident, uid, pid, micros, sourceMicros), sink);
        message = null;
        comm = null;
        ident = null;
        uid = -1;
        pid = -1;
        micros = -1;
        sourceMicros = -1;
        started = false;
        broken = false;
        return o;
    }
}
