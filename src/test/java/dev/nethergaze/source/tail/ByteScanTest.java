package dev.nethergaze.source.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time search against a byte-by-byte one, on the bytes that fool the usual bit tricks. */
class ByteScanTest {

    /** What is searched for, the bytes just above them (the classic zero-byte test's false match), 0, high bytes. */
    private static final byte[] TRICKY = {
        '\n', 0x0B, '"', '#', '\\', ']', '^', 0x09, 0x00, 0x01, (byte) 0x8A, (byte) 0xA2, (byte) 0x80, (byte) 0xFF, ' '
    };

    private static final byte[] SOUGHT = {'\n', '"', '\\', ']', 0x00, (byte) 0xFF, (byte) 0x8A};

    @Test
    void findsAndCountsWhatAByteLoopFinds() {
        Random r = new Random(42);
        for (int round = 0; round < 30_000; round++) {
            byte[] b = new byte[r.nextInt(48)];
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextInt(3) == 0 ? TRICKY[r.nextInt(TRICKY.length)] : (byte) r.nextInt(256);
            }
            int from = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            int to = from + r.nextInt(b.length - from + 1);
            byte c = SOUGHT[r.nextInt(SOUGHT.length)];
            byte d = SOUGHT[r.nextInt(SOUGHT.length)];
            String where = HexFormat.of().formatHex(b) + " [" + from + ", " + to + ") for " + c + ", " + d;
            assertThat(ByteScan.next(b, from, to, c)).as(where).isEqualTo(naiveNext(b, from, to, c, c));
            assertThat(ByteScan.nextOf(b, from, to, c, d)).as(where).isEqualTo(naiveNext(b, from, to, c, d));
            assertThat(ByteScan.count(b, from, to, c)).as(where).isEqualTo(naiveCount(b, from, to, c));
        }
    }

    @Test
    void eachPlaceOfAWordAmongBytesOneAbove() {
        for (int at = 0; at < 24; at++) {
            byte[] b = new byte[24];
            Arrays.fill(b, (byte) 0x0B); // every byte one above a newline
            b[at] = '\n';
            assertThat(ByteScan.next(b, 0, b.length, (byte) '\n')).isEqualTo(at);
            assertThat(ByteScan.next(b, at + 1, b.length, (byte) '\n')).isEqualTo(-1);
            assertThat(ByteScan.nextOf(b, 0, b.length, (byte) '"', (byte) '\n')).isEqualTo(at);
            assertThat(ByteScan.count(b, 0, b.length, (byte) '\n')).isEqualTo(1);
        }
    }

    /** A range that starts past its end (a caller stepping over an escaped last byte) holds nothing. */
    @Test
    void anEmptyOrInvertedRangeHoldsNothing() {
        byte[] b = "ab\"c\\".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(ByteScan.nextOf(b, 6, b.length, (byte) '"', (byte) '\\')).isEqualTo(-1);
        assertThat(ByteScan.next(b, 3, 3, (byte) 'c')).isEqualTo(-1);
    }

    private static int naiveNext(byte[] b, int from, int to, byte c, byte d) {
        for (int i = from; i < to; i++) {
            if (b[i] == c || b[i] == d) {
                return i;
            }
        }
        return -1;
    }

    private static int naiveCount(byte[] b, int from, int to, byte c) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                n++;
            }
        }
        return n;
    }
}
