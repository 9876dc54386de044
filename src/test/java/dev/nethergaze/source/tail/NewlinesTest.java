package dev.nethergaze.source.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time scan against a byte-by-byte one, on the bytes that fool the usual bit tricks. */
class NewlinesTest {

    /** Newlines, their neighbours (0x0B just above one: the classic zero-byte test's false match), 0, high bytes. */
    private static final byte[] TRICKY = {'\n', 0x0B, 0x09, 0x00, 0x01, (byte) 0x8A, (byte) 0x80, (byte) 0xFF, 'a', ' '
    };

    @Test
    void findsAndCountsWhatAByteLoopFinds() {
        Random r = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[r.nextInt(48)];
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextInt(4) == 0 ? TRICKY[r.nextInt(TRICKY.length)] : (byte) r.nextInt(256);
            }
            int from = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            int to = from + r.nextInt(b.length - from + 1);
            assertThat(Newlines.next(b, from, to))
                    .as("next in %s [%d, %d)", hex(b), from, to)
                    .isEqualTo(naiveNext(b, from, to));
            assertThat(Newlines.count(b, from, to))
                    .as("count in %s [%d, %d)", hex(b), from, to)
                    .isEqualTo(naiveCount(b, from, to));
        }
    }

    @Test
    void aNewlineInEachPlaceOfAWord() {
        for (int at = 0; at < 24; at++) {
            byte[] b = new byte[24];
            java.util.Arrays.fill(b, (byte) 0x0B); // every byte one above a newline
            b[at] = '\n';
            assertThat(Newlines.next(b, 0, b.length)).isEqualTo(at);
            assertThat(Newlines.next(b, at + 1, b.length)).isEqualTo(-1);
            assertThat(Newlines.count(b, 0, b.length)).isEqualTo(1);
        }
    }

    private static int naiveNext(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int naiveCount(byte[] b, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
