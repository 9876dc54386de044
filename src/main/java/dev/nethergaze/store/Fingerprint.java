package dev.nethergaze.store;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;

/**
 * What one replayed input held, as far as telling it again: its length, the SHA-256 of its content,
 * its line count, and the SHA-256 of its first {@code n} bytes at each length {@code n} that an
 * earlier replay recorded, all in one pass. An earlier span whose digest is the digest of this
 * content's first bytes of its length was a prefix of it: the same log, before it grew.
 *
 * @param length bytes of content (unpacked)
 * @param digest SHA-256 of all of it, in hex
 * @param lines newline characters in it
 * @param prefixes the SHA-256 of the first {@code n} bytes, for each asked-for {@code n} up to length
 * @param capture whether it begins as a packet capture does (pcap, pcapng): its newlines are no lines
 */
record Fingerprint(long length, String digest, long lines, Map<Long, String> prefixes, boolean capture) {

    /** pcap's magic numbers (µs and ns, as read big-endian, either byte order) and pcapng's section header. */
    private static final java.util.Set<Integer> CAPTURE_MAGIC =
            java.util.Set.of(0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a);

    private static final int CHUNK = 64 * 1024;

    /** The digest of the first {@code n} bytes, or null when the content is shorter or it was not asked for. */
    String prefix(long n) {
        return n == length ? digest : prefixes.get(n);
    }

    /** Reads {@code in} to its end, taking the digest at each of {@code at}. */
    static Fingerprint of(InputStream in, NavigableSet<Long> at) throws IOException {
        return of(in, at, Long.MAX_VALUE);
    }

    /**
     * Reads {@code in} up to {@code limit} bytes (what a replay read of it: what follows was written
     * since), taking the digest at each of {@code at}.
     */
    static Fingerprint of(InputStream in, NavigableSet<Long> at, long limit) throws IOException {
        MessageDigest md = sha256();
        Map<Long, String> prefixes = new TreeMap<>();
        byte[] buf = new byte[CHUNK];
        long total = 0;
        long lines = 0;
        Long next = at.ceiling(1L);
        byte[] head = new byte[4];
        int n;
        while (total < limit && (n = in.read(buf, 0, (int) Math.min(buf.length, limit - total))) > 0) {
            int pos = 0;
            while (pos < n) {
                if (total < head.length) {
                    System.arraycopy(buf, pos, head, (int) total, (int) Math.min(head.length - total, n - pos));
                }
                int take = next == null || next - total > n - pos ? n - pos : (int) (next - total);
                md.update(buf, pos, take);
                lines += newlines(buf, pos, take);
                pos += take;
                total += take;
                if (next != null && total == next) {
                    prefixes.put(total, hex(clone(md)));
                    next = at.higher(total);
                }
            }
        }
        boolean capture = total >= head.length
                && CAPTURE_MAGIC.contains(java.nio.ByteBuffer.wrap(head).getInt());
        return new Fingerprint(total, hex(md), lines, prefixes, capture);
    }

    private static long newlines(byte[] b, int from, int len) {
        long n = 0;
        for (int i = from; i < from + len; i++) {
            if (b[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    private static MessageDigest clone(MessageDigest md) {
        try {
            return (MessageDigest) md.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 cannot be cloned", e);
        }
    }

    private static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
