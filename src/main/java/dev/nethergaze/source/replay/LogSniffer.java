package dev.nethergaze.source.replay;

import dev.nethergaze.source.authlog.AuthLineParser;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.AccessLineParser;
import dev.nethergaze.source.httplog.ClientResolver;
import dev.nethergaze.source.httplog.ParseResult;
import dev.nethergaze.source.tail.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Tells access logs, auth logs and journald JSON apart from the first (up to 32 KiB, decompressed)
 * bytes of a file: a vote over the first 50 lines. Journal JSON has {@code __REALTIME_TIMESTAMP};
 * auth lines have a syslog header; access lines parse as one of the access formats. Lines that are
 * none of these (junk) or start with {@code #} (comments) do not vote; a file without any vote is read as an access log (and
 * then reported as not recognised), and so is one of a web server's error-log lines alone, whatever it was given as
 * (its entry then says what it is).
 */
final class LogSniffer {

    private static final int PEEK = 32 * 1024;
    private static final int MAX_LINES = 50;

    private LogSniffer() {}

    /**
     * The compression {@code file} is in when replay cannot unpack it (bzip2, xz, zstd: gzip is read),
     * with the command that can, by its magic bytes; null for anything else.
     */
    static String otherCompression(java.nio.file.Path file) throws IOException {
        byte[] m = new byte[6];
        int n;
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            n = in.readNBytes(m, 0, m.length);
        }
        if (n >= 3 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h') {
            return "bzip2-compressed, which replay does not unpack: bzcat " + file + " | nethergaze replay -";
        }
        if (n >= 6 && (m[0] & 0xFF) == 0xFD && m[1] == '7' && m[2] == 'z' && m[3] == 'X' && m[4] == 'Z' && m[5] == 0) {
            return "xz-compressed, which replay does not unpack: xzcat " + file + " | nethergaze replay -";
        }
        if (n >= 4 && m[0] == 0x28 && (m[1] & 0xFF) == 0xB5 && m[2] == 0x2F && (m[3] & 0xFF) == 0xFD) {
            return "zstd-compressed, which replay does not unpack: zstdcat " + file + " | nethergaze replay -";
        }
        return null;
    }

    /**
     * What {@code file} is when it is a journal saved in a format replay does not read, {@code journalctl
     * -o json-pretty} (an entry over many lines), with what to do instead; null for anything else. From its first lines, as
     * {@link #sniff} reads them (a gzip file unpacked).
     */
    static String otherJournalFormat(java.nio.file.Path file) throws IOException {
        byte[] b = new byte[4096];
        int n = 0;
        try (InputStream in = LineReader.open(file)) {
            n = in.readNBytes(b, 0, b.length);
        } catch (java.io.EOFException e) {
            // a truncated gzip still shows its first lines
        }
        String head = new String(b, 0, n, StandardCharsets.ISO_8859_1);
        return head.startsWith("{\n") && head.contains("\"__REALTIME_TIMESTAMP\" : ")
                ? "journalctl -o json-pretty output, which replay does not read: save the journal with journalctl -o json"
                        + " (one entry a line)"
                : null;
    }

    static LogKind sniff(java.nio.file.Path file) throws IOException {
        return sniff(file, LogKind.ACCESS);
    }

    /** The kind of {@code file}; {@code unknown} when no line votes (an empty file, junk only). */
    static LogKind sniff(java.nio.file.Path file, LogKind unknown) throws IOException {
        try (InputStream in = LineReader.open(file)) {
            return head(in, unknown);
        }
    }

    /**
     * The kind of what {@code in} holds, from its first bytes, leaving them to be read again: {@code
     * in} must support mark and reset (a pipe is read once, so its first bytes are peeked at, not
     * consumed).
     */
    static LogKind peek(InputStream in) throws IOException {
        in.mark(PEEK);
        LogKind kind = head(in, LogKind.ACCESS);
        in.reset();
        return kind;
    }

    /** The kind, from the first {@link #PEEK} bytes read from {@code in}. */
    private static LogKind head(InputStream in, LogKind unknown) throws IOException {
        byte[] buf = new byte[PEEK];
        int n = 0;
        try {
            int r;
            while (n < PEEK && (r = in.read(buf, n, PEEK - n)) > 0) {
                n += r;
            }
        } catch (java.io.EOFException e) {
            // a truncated gzip still shows its first lines
        }
        return classify(buf, n, unknown);
    }

    static LogKind classify(byte[] b, int n) {
        return classify(b, n, LogKind.ACCESS);
    }

    private static LogKind classify(byte[] b, int n, LogKind unknown) {
        int journal = 0;
        int auth = 0;
        int access = 0;
        int webErrors = 0; // lines of nginx's or Apache's error log: a web server's, said so as an access log's
        AuthLineParser syslog = new AuthLineParser("sniff", Instant.now(), ZoneOffset.UTC);
        AccessLineParser web = AccessFormat.AUTO.parser("sniff", ClientResolver.DIRECT);
        // a UTF-8 byte order mark before the first line is not the line's (the reader drops it too)
        int s = n >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF ? 3 : 0;
        if (journalExport(b, s, n - s)) {
            return LogKind.JOURNAL_EXPORT;
        }
        for (int lines = 0; s < n && lines < MAX_LINES; lines++) {
            int e = s;
            while (e < n && b[e] != '\n') {
                e++;
            }
            if (e > s && b[s] != '#') { // '#': a comment (a W3C header, an annotation), no vote
                if (contains(b, s, e, "\"__REALTIME_TIMESTAMP\"")) {
                    journal++;
                } else if (syslogShaped(syslog, b, s, e - s)) {
                    auth++;
                } else if (!(web.parse(b, s, e - s) instanceof ParseResult.Malformed m)) {
                    access++;
                } else if (m.reason() == ParseResult.Reason.NGINX_ERROR_LOG
                        || m.reason() == ParseResult.Reason.APACHE_ERROR_LOG) {
                    webErrors++;
                } // neither (a comment, a stack trace, junk): no vote
            }
            s = e + 1;
        }
        if (journal == 0 && auth == 0 && access == 0) {
            // a web server's error log (a glob took error.log in) is read as its access log would be, and
            // its entry says what it is, wherever it was given
            return webErrors > 0 ? LogKind.ACCESS : unknown;
        }
        if (journal > 0 && journal >= auth && journal >= access) {
            return LogKind.JOURNAL;
        }
        return auth > access ? LogKind.AUTH : LogKind.ACCESS;
    }

    /**
     * Whether what starts at {@code b[off]} (a file's or a pipe's first bytes, its first line, after a
     * byte order mark) is {@code journalctl -o export} output: each entry starts so.
     */
    static boolean journalExport(byte[] b, int off, int len) {
        return startsWith(b, off, off + len, "__CURSOR=") || startsWith(b, off, off + len, "__REALTIME_TIMESTAMP=");
    }

    private static boolean syslogShaped(AuthLineParser p, byte[] b, int off, int len) {
        try {
            // an sshd -E line (sshd's, though a replay has no time for it), or an sshd line whose host is
            // an address that is none (NOT_AN_ADDRESS): unparsed, but lines of an auth log
            long untimed = p.untimed();
            return p.parse(b, off, len, a -> {}) != AuthLineParser.Outcome.MALFORMED || p.untimed() > untimed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean startsWith(byte[] b, int s, int n, String prefix) {
        return contains(b, s, Math.min(n, s + prefix.length()), prefix);
    }

    private static boolean contains(byte[] b, int s, int e, String needle) {
        byte[] nb = needle.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = s; i <= e - nb.length; i++) {
            for (int j = 0; j < nb.length; j++) {
                if (b[i + j] != nb[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
