package dev.nethergaze.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.nethergaze.model.IsoTime;
import dev.nethergaze.model.RequestView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * One IP's {@code last_requests[]} as compact JSON bytes: the bytes Jackson's generator writes for
 * them, made without it for plain ASCII (the generator itself quotes anything else, once per shared
 * value). A big report holds a million kept requests, and the
 * generator's per-token work was most of the report's time; here a request is a few array copies.
 * Per batch of IPs (one thread): the methods, vhosts, sources and user agents the parsers share as
 * one String per repeated value are quoted and encoded once (bounded, cleared when full), and the
 * ISO-8601 time keeps the date it wrote last (most times of a log share a day).
 */
final class RequestBytes {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final int MAX_QUOTED = 512;
    private static final byte[] TIME = ascii("{\"time\":");
    private static final byte[] METHOD = ascii(",\"method\":");
    private static final byte[] TARGET = ascii(",\"target\":");
    private static final byte[] VHOST = ascii(",\"vhost\":");
    private static final byte[] SOURCE = ascii(",\"source\":");
    private static final byte[] STATUS = ascii(",\"status\":");
    private static final byte[] NO_STATUS = ascii("null");
    private static final byte[] BYTES = ascii(",\"bytes\":");
    private static final byte[] USER_AGENT = ascii(",\"user_agent\":");
    private static final byte[] MALFORMED = ascii(",\"malformed\":true}");
    private static final byte[] WELL_FORMED = ascii(",\"malformed\":false}");

    private final IdentityHashMap<String, byte[]> quoted = new IdentityHashMap<>();
    private JsonGenerator quoter; // made on the first string that needs the generator's quoting
    private ByteArrayOutputStream quoterOut;
    private final char[] iso = new char[20];
    private long isoDay = IsoTime.NOT_ISO;
    private byte[] buf = new byte[16 * 1024];
    private int len;

    /** The array's bytes, from 0 to {@link #length()}, valid until the next call. */
    byte[] encode(List<RequestView> requests) {
        len = 0;
        put((byte) '[');
        for (int i = 0; i < requests.size(); i++) {
            if (i > 0) {
                put((byte) ',');
            }
            request(requests.get(i));
        }
        put((byte) ']');
        return buf;
    }

    int length() {
        return len;
    }

    /** The ISO-8601 text of {@code t} as the report writes it, through this batch's date memory. */
    String iso(Instant t) {
        return isoFilled(t) ? new String(iso) : t.toString();
    }

    /** Fills {@link #iso} with {@code t} when it has the short ISO form; false (nothing written) when not. */
    private boolean isoFilled(Instant t) {
        long day = IsoTime.chars(t, iso, isoDay);
        if (day == IsoTime.NOT_ISO) {
            return false;
        }
        isoDay = day;
        return true;
    }

    private void request(RequestView r) {
        put(TIME);
        time(r.time());
        put(METHOD);
        put(quoted(r.method()));
        put(TARGET);
        string(r.target());
        put(VHOST);
        put(quoted(r.vhost() == null ? "" : r.vhost()));
        put(SOURCE);
        put(quoted(r.source() == null ? "" : r.source()));
        put(STATUS);
        if (r.status() < 0) { // "-" in the log: no status was sent
            put(NO_STATUS);
        } else {
            number(r.status());
        }
        put(BYTES);
        number(r.bytes());
        put(USER_AGENT);
        put(quoted(r.userAgent()));
        put(r.malformed() ? MALFORMED : WELL_FORMED);
    }

    private void time(Instant t) {
        if (!isoFilled(t)) {
            string(t.toString());
            return;
        }
        room(22);
        buf[len++] = '"';
        for (char c : iso) {
            buf[len++] = (byte) c; // digits, '-', 'T', ':', 'Z'
        }
        buf[len++] = '"';
    }

    /** A shared value, quoted and encoded once per batch. */
    private byte[] quoted(String s) {
        byte[] q = quoted.get(s);
        if (q == null) {
            if (quoted.size() >= MAX_QUOTED) {
                quoted.clear();
            }
            q = quote(s);
            quoted.put(s, q);
        }
        return q;
    }

    /**
     * A string value: plain printable ASCII (nearly every request target) copied as it is, anything
     * else escaped and encoded as Jackson does.
     */
    private void string(String s) {
        int n = s.length();
        room(n + 2);
        int at = len + 1;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                put(quote(s));
                return;
            }
            buf[at + i] = (byte) c;
        }
        buf[len] = '"';
        buf[at + n] = '"';
        len = at + n + 1;
    }

    /**
     * {@code s} as the generator writes a string value: quoted, escaped, surrogates as it spells them.
     * One generator per batch writes them all, each a value at its root with no separator: one made
     * per string, inside a generator writing the report, found the thread's recycled buffers taken
     * and allocated its own (12 KB a string).
     */
    private byte[] quote(String s) {
        try {
            if (quoter == null) {
                quoterOut = new ByteArrayOutputStream(256);
                quoter = FACTORY.createGenerator(quoterOut, JsonEncoding.UTF8);
                quoter.setRootValueSeparator(null);
            }
            quoterOut.reset();
            quoter.writeString(s);
            quoter.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return quoterOut.toByteArray();
    }

    private void number(long v) {
        room(20);
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                put(ascii(Long.toString(v)));
                return;
            }
            buf[len++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long x = v; x >= 10; x /= 10) {
            digits++;
        }
        int at = len + digits;
        len = at;
        do {
            buf[--at] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
    }

    private void put(byte b) {
        room(1);
        buf[len++] = b;
    }

    private void put(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void room(int n) {
        if (n > buf.length - len) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, Math.addExact(len, n)));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
