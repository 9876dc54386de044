package dev.nethergaze.source.tail;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The copies logrotate's copytruncate leaves next to a log, plain or gzip (by name): read from a
 * position on after checking they hold, right before it, the bytes read from the log, and told apart
 * by what they hold ({@link Print}), so that a copy and its gzipped self, or a copy renamed from
 * {@code .1.gz} to {@code .2.gz}, are one copy whatever their names and inodes.
 */
final class Copies {

    private Copies() {}

    /** A copy's identity by content: its length and a checksum of its last bytes, uncompressed. */
    record Print(long length, long last) {}

    /**
     * What was read of a copy: its bytes from the position asked on (empty when not kept), its print,
     * and its last bytes.
     */
    static final class Read {
        private final byte[] rest;
        private final Print print;
        private final byte[] last;

        Read(byte[] rest, LastBytes last, long length) {
            this.rest = rest;
            this.print = new Print(length, last.checksum());
            this.last = last.toArray();
        }

        byte[] rest() {
            return rest;
        }

        Print print() {
            return print;
        }

        /** The copy read to its end: a path that names it reads on from there, not again. */
        TailContext.ReadTo end() {
            return new TailContext.ReadTo(print.length(), last);
        }
    }

    /** The most of a copy read past where the log was read (lines written between two looks). */
    static final int COPY_MAX = 64 << 20;

    /**
     * Reads {@code copy} from {@code from} on, when the bytes right before {@code from} are {@code
     * before}; null when they are not (another file, or shorter than what was read). With {@code keep}
     * false only its print is taken. A gzip copy still being written ends in the middle of its stream:
     * an {@link java.io.EOFException}, to try again shortly.
     */
    static Read read(Path copy, long from, byte[] before, boolean keep) throws IOException {
        return isGzip(copy) ? readGzip(copy, from, before, keep) : readPlain(copy, from, before, keep);
    }

    /**
     * Whether {@code file} is at least {@code to.offset()} long and holds {@code to.before()} right
     * before it: it is the file read to there (or a copy of it).
     */
    static boolean holds(Path file, TailContext.ReadTo to) {
        try {
            return read(file, to.offset(), to.before(), false) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether {@code file} is the file read to {@code to}, whole ({@link #holds}) or as far as it goes: a
     * {@code .gz} made of it while its writer still wrote to it (logrotate's {@code compress} without
     * {@code delaycompress}, a server not yet told to reopen its log) ends a little before where it was
     * read to, and holds the first of the bytes kept before that place at its end. Read whole, its lines
     * were read twice. Told by at least {@link #PREFIX_MATCH} of those bytes; one that ends before them
     * cannot be told.
     */
    static boolean isCopyOf(Path file, TailContext.ReadTo to) {
        return holds(file, to) || (isGzip(file) && endsWithin(file, to));
    }

    /** The fewest bytes kept before the place read to that a shorter copy must end with. */
    static final int PREFIX_MATCH = 32;

    private static boolean endsWithin(Path gz, TailContext.ReadTo to) {
        byte[] before = to.before();
        long checkAt = to.offset() - before.length;
        if (before.length < PREFIX_MATCH || checkAt < 0) {
            return false;
        }
        try (InputStream in = gunzip(gz)) {
            in.skipNBytes(checkAt); // an EOFException when shorter
            byte[] end = in.readNBytes(before.length);
            return end.length >= PREFIX_MATCH
                    && end.length < before.length // as long or longer: holds() said no
                    && Arrays.equals(end, 0, end.length, before, 0, end.length);
        } catch (IOException e) {
            return false; // shorter than where the check begins, or unreadable: not this one
        }
    }

    /** The print of {@code copy}: cheap for a plain file (its size and last bytes), a full unpack for gzip. */
    static Print print(Path copy) throws IOException {
        return read(copy, 0, new byte[0], false).print();
    }

    /**
     * How many bytes of {@code gz} unpack before it ends or fails (a truncated or corrupt one: what
     * could be read of it); 0 when it cannot be opened or is no gzip at all.
     */
    static long unpackable(Path gz) {
        long n = 0;
        try (InputStream in = gunzip(gz)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) >= 0; ) {
                n += r;
            }
        } catch (IOException e) {
            // the end of what can be read
        }
        return n;
    }

    /**
     * The end of what {@code gz} unpacks to: its length and its last bytes (up to {@link
     * LastBytes#CAPACITY}); null when it cannot be read whole (or is still being written).
     */
    static TailContext.ReadTo endOf(Path gz) {
        LastBytes last = new LastBytes();
        long n = 0;
        try (InputStream in = gunzip(gz)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) >= 0; ) {
                last.add(buf, 0, r);
                n += r;
            }
        } catch (IOException e) {
            return null;
        }
        return new TailContext.ReadTo(n, last.toArray());
    }

    /** Whether {@code gz} is a gzip file that unpacks to no bytes at all (false when it cannot be read). */
    static boolean unpacksToNothing(Path gz) {
        try (InputStream in = gunzip(gz)) {
            return in.read() < 0;
        } catch (IOException e) {
            return false; // no gzip, or unreadable: not known to be empty
        }
    }

    static boolean isGzip(Path copy) {
        return copy.getFileName().toString().endsWith(".gz");
    }

    /**
     * A plain copy that is gone compressed since it was listed: its finished {@code .gz} (gzip removes
     * the plain file only once the .gz is complete), or null when it is a .gz itself, or has none.
     */
    static Path compressedSince(Path plain) {
        if (isGzip(plain) || Files.exists(plain)) {
            return null;
        }
        Path gz = plain.resolveSibling(plain.getFileName() + ".gz");
        return Files.isRegularFile(gz) ? gz : null;
    }

    /** The plain file a gzipped copy was made from ({@code access.log.1} for {@code access.log.1.gz}). */
    static Path plainOf(Path gz) {
        String n = gz.getFileName().toString();
        return gz.resolveSibling(n.substring(0, n.length() - ".gz".length()));
    }

    private static Read readPlain(Path copy, long from, byte[] before, boolean keep) throws IOException {
        try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < from || !Arrays.equals(readAt(ch, from - before.length, before.length), before)) {
                return null;
            }
            byte[] rest = new byte[0];
            if (keep) {
                if (size - from > COPY_MAX) {
                    throw tooMuch();
                }
                rest = readAt(ch, from, (int) (size - from));
            }
            LastBytes last = new LastBytes();
            int n = (int) Math.min(LastBytes.CAPACITY, size);
            last.add(readAt(ch, size - n, n), 0, n);
            return new Read(rest, last, size);
        }
    }

    private static byte[] readAt(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new java.io.EOFException("shorter than it was a moment ago");
            }
        }
        return b.array();
    }

    private static Read readGzip(Path copy, long from, byte[] before, boolean keep) throws IOException {
        try (InputStream in = gunzip(copy)) {
            LastBytes last = new LastBytes();
            byte[] buf = new byte[1 << 16];
            long read = 0;
            long checkAt = from - before.length;
            // up to the bytes to check: what passes is only remembered for the print
            while (read < checkAt) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, checkAt - read));
                if (n < 0) {
                    return null;
                }
                last.add(buf, 0, n);
                read += n;
            }
            byte[] check = in.readNBytes(before.length);
            if (!Arrays.equals(check, before)) {
                return null;
            }
            last.add(check, 0, check.length);
            read += check.length;
            java.io.ByteArrayOutputStream rest = new java.io.ByteArrayOutputStream();
            for (int n; (n = in.read(buf)) >= 0; ) {
                last.add(buf, 0, n);
                read += n;
                if (keep) {
                    if (rest.size() + n > COPY_MAX) {
                        throw tooMuch();
                    }
                    rest.write(buf, 0, n);
                }
            }
            return new Read(rest.toByteArray(), last, read);
        }
    }

    private static InputStream gunzip(Path gz) throws IOException {
        return new GZIPInputStream(new BufferedInputStream(Files.newInputStream(gz), 1 << 16), 1 << 16);
    }

    private static IOException tooMuch() {
        return new IOException("more than " + (COPY_MAX >> 20) + " MiB written between two looks");
    }
}
