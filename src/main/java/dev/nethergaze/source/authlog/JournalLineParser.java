package dev.nethergaze.source.authlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One line of {@code journalctl -o json}: the sshd entries (see {@link #fromSshd}) become attempts
 * through the same classifier as auth.log,
 * timed by {@code _SOURCE_REALTIME_TIMESTAMP} (when the message was produced), else {@code
 * __REALTIME_TIMESTAMP} (when journald received it; microseconds). MESSAGE may be an array of bytes when the
 * journal holds non-UTF-8 text; it is decoded as UTF-8 with replacement.
 */
public final class JournalLineParser {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final AuthLineParser messages;
    /** The newest {@code __REALTIME_TIMESTAMP} of any entry parsed, in microseconds; -1 before one. */
    private long newestMicros = -1;

    public JournalLineParser(AuthLineParser messages) {
        this.messages = messages;
    }

    public AuthLineParser.Outcome parse(byte[] b, int off, int len, AuthLineParser.AttemptSink sink)
            throws InterruptedException {
        String message = null;
        String comm = null;
        String ident = null;
        long uid = -1;
        long pid = -1;
        long micros = -1;
        long sourceMicros = -1;
        try (JsonParser p = FACTORY.createParser(b, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return AuthLineParser.Outcome.MALFORMED;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "MESSAGE" -> message = v == JsonToken.START_ARRAY ? bytes(p) : p.getText();
                    case "_COMM" -> comm = p.getText();
                    case "SYSLOG_IDENTIFIER" -> ident = p.getText();
                    case "_UID" -> uid = number(p.getText());
                    case "_PID", "SYSLOG_PID" -> pid = pid >= 0 ? pid : number(p.getText());
                    case "__REALTIME_TIMESTAMP" -> micros = number(p.getText());
                    case "_SOURCE_REALTIME_TIMESTAMP" -> sourceMicros = number(p.getText());
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return AuthLineParser.Outcome.MALFORMED;
        }
        return entry(new Entry(message, comm, ident, uid, pid, micros, sourceMicros), sink);
    }

    /** The fields of one journal entry that are read; -1 for a number it has none of, null for a text. */
    record Entry(String message, String comm, String ident, long uid, long pid, long micros, long sourceMicros) {}

    /** One journal entry, whatever it was written as (a JSON line, an export block). */
    AuthLineParser.Outcome entry(Entry e, AuthLineParser.AttemptSink sink) throws InterruptedException {
        newestMicros = Math.max(newestMicros, e.micros());
        if (e.message() == null || e.micros() < 0) {
            return AuthLineParser.Outcome.MALFORMED;
        }
        if (!fromSshd(e.comm(), e.ident(), e.uid())) {
            return AuthLineParser.Outcome.OTHER;
        }
        long at = e.sourceMicros() >= 0 ? e.sourceMicros() : e.micros(); // produced, else received
        Instant t = Instant.ofEpochSecond(at / 1_000_000, (at % 1_000_000) * 1000);
        return messages.message(t, e.pid(), e.comm() != null ? e.comm() : e.ident(), e.message(), sink);
    }

    /**
     * One line of a log that may hold {@code journalctl -o json} lines, syslog lines, or both (a pipe, a
     * followed file, {@code journalctl -o json -f > FILE}): a JSON object is a journal entry, anything
     * else goes to the syslog parser this one was made with.
     */
    public AuthLineParser.Outcome parseLine(byte[] b, int off, int len, AuthLineParser.AttemptSink sink)
            throws InterruptedException {
        return len > 0 && b[off] == '{' ? parse(b, off, len, sink) : messages.parse(b, off, len, sink);
    }

    /** A follower's poll at {@code now}, by its clock: see {@link AuthLineParser#expire}. */
    public void expire(Instant now, AuthLineParser.AttemptSink sink) throws InterruptedException {
        messages.expire(now, sink);
    }

    /**
     * When journald received the newest entry parsed so far ({@code __REALTIME_TIMESTAMP}, whether
     * sshd's or not), in microseconds since the epoch; -1 before any.
     */
    public long newestMicros() {
        return newestMicros;
    }

    /**
     * An sshd process wrote it ({@code _COMM}, which journald reads from /proc), or, when journald could
     * not tell (the process had exited: {@code _COMM} absent), one that says it is sshd and is root or
     * of unknown uid (an export without trusted fields). Another user's {@code logger -t sshd} is not.
     */
    static boolean fromSshd(String comm, String ident, long uid) {
        if (comm != null && AuthLineParser.isSshd(comm)) {
            return true;
        }
        return ident != null && AuthLineParser.isSshd(ident) && (uid == 0 || (uid < 0 && comm == null));
    }

    private static String bytes(JsonParser p) throws IOException {
        byte[] buf = new byte[256];
        int n = 0;
        while (p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
            if (n == buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.min(buf.length * 2, 1 << 20));
                if (n == buf.length) {
                    p.skipChildren();
                    break;
                }
            }
            buf[n++] = (byte) p.getIntValue();
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    static long number(String s) {
        if (s == null || s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + c - '0';
        }
        return v;
    }
}
