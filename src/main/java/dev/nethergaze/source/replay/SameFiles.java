package dev.nethergaze.source.replay;

import dev.nethergaze.source.tail.FileKeys;
import dev.nethergaze.source.tail.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One file named twice (a symlink and its target, overlapping globs, {@code access.log} given twice)
 * is read once: read twice, every request in it would count twice. Files are the same when they are
 * the same inode on the same device, or when they hold the same log, one plain and one gzipped (or
 * copied): the same length unpacked and the same first 64 KiB.
 */
public final class SameFiles {

    private SameFiles() {}

    /**
     * {@code paths} in order, each file once: a later name of a file already listed is left out and
     * handed to {@code duplicate} with the name kept. A path that cannot be looked at stays (its
     * reader says what is wrong with it).
     */
    public static List<Path> distinct(List<Path> paths, BiConsumer<Path, Path> duplicate) {
        Map<Object, Path> seen = new HashMap<>();
        List<Path> out = new ArrayList<>(paths.size());
        for (Path p : paths) {
            Object key = FileKeys.of(p);
            Path first = key == null ? null : seen.putIfAbsent(key, p);
            if (first == null) {
                Content c = Content.of(p);
                first = c == null ? null : seen.putIfAbsent(c, p);
            }
            if (first == null) {
                out.add(p);
            } else {
                duplicate.accept(p, first);
            }
        }
        return out;
    }

    /** What a log holds, as far as telling a copy of it: its unpacked length and its first bytes. */
    private record Content(long length, int headHash, int headLength) {

        private static final int HEAD = 64 * 1024;

        /** Null for what is not a regular, non-empty file or cannot be read (its reader says why). */
        static Content of(Path p) {
            try {
                if (!Files.isRegularFile(p) || Files.size(p) == 0) {
                    return null;
                }
                long length = Files.size(p);
                if (LineReader.gzipped(p)) {
                    length = gzipLength(p);
                }
                byte[] head;
                try (InputStream in = LineReader.open(p)) {
                    head = in.readNBytes(HEAD);
                }
                return new Content(length, Arrays.hashCode(head), head.length);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** A gzip file's unpacked length mod 2^32, from its trailer (a single member's: exact below 4 GiB). */
        private static long gzipLength(Path p) throws IOException {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                ch.read(b, Math.max(0, ch.size() - 4));
                return b.position() == 4 ? Integer.toUnsignedLong(b.getInt(0)) : -1;
            }
        }
    }
}
