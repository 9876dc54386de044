package dev.nethergaze.source.capture;

import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.WireDelta;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The {@code --jsonl FILE} exporter: one JSON object per line, either per packet ({@code packet})
 * or per IP per tick ({@code second}: its packets, bytes, SYN/SYN-ACK/RST counts, and how the
 * handshakes resolved in the tick ended, named as in the snapshot's {@code ips[].wire}). The file rotates by size: FILE → FILE.1 … FILE.{keep}.
 * Used by the capture thread only. Values are numbers or addresses, so no escaping is needed.
 */
public final class CaptureJsonl implements AutoCloseable {

    /** Granularity of the lines. */
    public enum Level {
        PACKET,
        SECOND;

        public static Level parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "packet" -> PACKET;
                case "second" -> SECOND;
                default -> throw new IllegalArgumentException("--jsonl-level must be packet or second: " + s);
            };
        }
    }

    private final Path file;
    private final Level level;
    private final long maxBytes;
    private final int keep;
    private OutputStream out;
    private long written;
    private final StringBuilder line = new StringBuilder(256);

    public CaptureJsonl(Path file, Level level, long maxBytes, int keep) throws IOException {
        this.file = file;
        this.level = level;
        this.maxBytes = maxBytes;
        this.keep = keep;
        open();
    }

    public Level level() {
        return level;
    }

    private void open() throws IOException {
        out = new BufferedOutputStream(
                Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16);
        written = Files.size(file);
    }

    void packet(Frame f) {
        StringBuilder b = line;
        b.setLength(0);
        b.append("{\"ts_ns\":").append(f.tsNanos).append(",\"len\":").append(f.wireLen);
        if (f.ip) {
            b.append(",\"src\":\"")
                    .append(f.src())
                    .append("\",\"dst\":\"")
                    .append(f.dst())
                    .append('"');
            b.append(",\"proto\":").append(f.proto);
        }
        if (f.ports) {
            b.append(",\"sport\":").append(f.srcPort).append(",\"dport\":").append(f.dstPort);
        }
        if (f.tcp()) {
            b.append(",\"flags\":").append(f.flags);
        }
        b.append("}\n");
        write(b);
    }

    void second(PacketTick t) {
        for (WireDelta d : t.ips()) {
            StringBuilder b = line;
            b.setLength(0);
            b.append("{\"time\":\"")
                    .append(t.time())
                    .append("\",\"ip\":\"")
                    .append(d.ip())
                    .append('"');
            b.append(",\"packets\":").append(d.packets()).append(",\"bytes\":").append(d.bytes());
            b.append(",\"rx_packets\":")
                    .append(d.rxPackets())
                    .append(",\"syn\":")
                    .append(d.syn());
            b.append(",\"synack\":").append(d.synAck()).append(",\"rst\":").append(d.rst());
            // how the SYNs resolved in this tick ended, named as in ips[].wire
            b.append(",\"handshakes\":").append(d.handshakes());
            b.append(",\"syn_unanswered\":").append(d.unansweredSyn());
            b.append(",\"syn_refused\":").append(d.refusedSyn());
            b.append(",\"half_open\":").append(d.halfOpen());
            b.append(",\"synack_reset\":").append(d.synAckReset());
            b.append(",\"retrans\":")
                    .append(d.retrans())
                    .append(",\"new_ports\":")
                    .append(d.newPorts());
            b.append("}\n");
            write(b);
        }
    }

    private void write(StringBuilder b) {
        try {
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            if (maxBytes > 0 && written + bytes.length > maxBytes && written > 0) {
                rotate();
            }
            out.write(bytes);
            written += bytes.length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void rotate() throws IOException {
        out.close();
        for (int i = keep; i >= 1; i--) {
            Path from = i == 1 ? file : file.resolveSibling(file.getFileName() + "." + (i - 1));
            if (Files.exists(from)) {
                Files.move(
                        from, file.resolveSibling(file.getFileName() + "." + i), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.deleteIfExists(file);
        open();
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
