import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The least a JVM report of a combined log can do, as a floor for bench/java-floor.sh: what the awk
 * pipeline of bench/logs-throughput.sh computes (requests per client address, the top 10), plus each
 * address's bytes and status classes. One thread, one pass, 1 MiB reads, an open-addressing table of
 * address hashes, no objects per line, no time stamps, no requests kept, no detection, no JSON. Not
 * part of the product: it shows how much of awk's time a JVM needs before doing any of the report's
 * real work.
 */
public final class LogFloor {
    public static void main(String[] args) throws IOException {
        Table t = new Table(1 << 16);
        byte[] buf = new byte[1 << 20];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        long lines = 0;
        long bad = 0;
        try (FileChannel ch = FileChannel.open(Path.of(args[0]))) {
            long pos = 0;
            int carry = 0;
            while (true) {
                bb.clear().position(carry);
                int r = ch.read(bb, pos);
                if (r <= 0) {
                    break;
                }
                pos += r;
                int lim = carry + r;
                int s = 0;
                for (int i = 0; i < lim; i++) {
                    if (buf[i] != '\n') {
                        continue;
                    }
                    lines++;
                    long k = 0x100;
                    int p = s;
                    while (p < i && buf[p] != ' ') {
                        k = k * 131 + buf[p++];
                    }
                    int q = p;
                    while (q < i && buf[q] != '"') {
                        q++;
                    }
                    q++;
                    while (q < i && buf[q] != '"') {
                        q += buf[q] == '\\' ? 2 : 1;
                    }
                    if (q + 5 >= i || buf[q + 2] < '1' || buf[q + 2] > '5') {
                        bad++;
                        s = i + 1;
                        continue;
                    }
                    int cls = buf[q + 2] - '0';
                    long by = 0;
                    for (int b = q + 6; b < i && buf[b] >= '0' && buf[b] <= '9'; b++) {
                        by = by * 10 + buf[b] - '0';
                    }
                    if (t.size * 2 > t.keys.length) {
                        t = t.grown();
                    }
                    int h = t.slot(k);
                    t.requests[h]++;
                    t.bytes[h] += by;
                    t.statusClass[h * 6 + cls]++;
                    s = i + 1;
                }
                System.arraycopy(buf, s, buf, 0, lim - s);
                carry = lim - s;
            }
        }
        int cap = t.keys.length;
        int ips = 0;
        long[] order = new long[cap];
        for (int h = 0; h < cap; h++) {
            if (t.keys[h] != 0) {
                order[ips++] = (t.requests[h] << 24) | h;
            }
        }
        Arrays.sort(order, 0, ips);
        System.out.printf("%d lines, %d unparsed, %d addresses; top 10 by requests:%n", lines, bad, ips);
        for (int j = ips - 1; j >= Math.max(0, ips - 10); j--) {
            int h = (int) (order[j] & (cap - 1));
            System.out.printf(
                    "%8d requests %12d bytes  4xx %d  5xx %d  (key %x)%n",
                    t.requests[h], t.bytes[h], t.statusClass[h * 6 + 4], t.statusClass[h * 6 + 5], t.keys[h]);
        }
    }

    /** Per-address counts in parallel arrays, by linear probing; grown at half full. */
    private static final class Table {
        final long[] keys;
        final long[] requests;
        final long[] bytes;
        final long[] statusClass;
        int size;

        Table(int cap) {
            keys = new long[cap];
            requests = new long[cap];
            bytes = new long[cap];
            statusClass = new long[cap * 6];
        }

        int slot(long k) {
            int mask = keys.length - 1;
            int h = (int) ((k * 0x9E3779B97F4A7C15L) >>> 40) & mask;
            while (keys[h] != 0 && keys[h] != k) {
                h = (h + 1) & mask;
            }
            if (keys[h] == 0) {
                keys[h] = k;
                size++;
            }
            return h;
        }

        Table grown() {
            Table g = new Table(keys.length * 2);
            for (int h = 0; h < keys.length; h++) {
                if (keys[h] != 0) {
                    int n = g.slot(keys[h]);
                    g.requests[n] = requests[h];
                    g.bytes[n] = bytes[h];
                    System.arraycopy(statusClass, h * 6, g.statusClass, n * 6, 6);
                }
            }
            return g;
        }
    }
}
