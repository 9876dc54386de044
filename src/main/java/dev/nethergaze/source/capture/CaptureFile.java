package dev.nethergaze.source.capture;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a pcap or pcapng file (by its magic number) with our own parsers, memory-mapped, and hands
 * every frame to a {@link FrameHandler} on the packets' own timestamps. Corrupt or truncated files
 * throw {@link CaptureFormatException} naming the offset; frames before the damage are delivered.
 */
public final class CaptureFile {

    /** What a read found: the format and how many frames were delivered. */
    public record Summary(String format, long frames) {}

    private CaptureFile() {}

    /**
     * True when {@code file} starts with a pcap (either byte order, µs or ns) or pcapng magic
     * number; false for anything else, including unreadable or short files (left to other readers).
     */
    public static boolean isCapture(Path file) {
        byte[] head = new byte[4];
        try (var in = java.nio.file.Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        int be = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        return be == PcapngReader.SHB_TYPE || PcapReader.isMagic(be) || PcapReader.isMagic(Integer.reverseBytes(be));
    }

    /**
     * Why nothing of the capture {@code file} can be read (its header is cut short or damaged, or the
     * first packet is), or null when its first packet, or its end, can be reached. A file cut short
     * after its header can be read up to there: null.
     */
    public static String unreadable(Path file) {
        try {
            read(file, (ts, linkType, data, off, capLen, wireLen) -> false); // the header and one packet
            return null;
        } catch (CaptureFormatException e) {
            return e.cutShort() ? null : e.problem() + " at offset " + e.offset();
        } catch (IOException e) {
            return null; // not this check's business: the replay meets it and says so
        }
    }

    static Summary read(Path file, FrameHandler handler) throws IOException {
        String name = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                Arena arena = Arena.ofConfined()) {
            long size = ch.size();
            if (size == 0) {
                throw new CaptureFormatException(name, 0, "empty file (no pcap or pcapng header)");
            }
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            if (size < 4) {
                throw new CaptureFormatException(name, 0, "file too short for a capture header (" + size + " bytes)");
            }
            int magicBe = Bytes.i32(seg, 0);
            if (magicBe == PcapngReader.SHB_TYPE) {
                return new Summary("pcapng", new PcapngReader(name, seg).read(handler));
            }
            PcapReader pcap = PcapReader.detect(name, seg);
            if (pcap == null) {
                throw new CaptureFormatException(
                        name, 0, String.format("not a pcap or pcapng file (magic 0x%08x)", magicBe));
            }
            return new Summary(pcap.format(), pcap.read(handler));
        }
    }
}
