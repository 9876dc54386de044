package dev.nethergaze.source.conn;

import dev.nethergaze.model.IpKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/** Writes synthetic /proc/net/tcp{,6} files the way a little-endian kernel prints them. */
final class ProcLines {

    static final String TCP_HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
    static final String TCP6_HEADER = "  sl  local_address                         remote_address"
            + "                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

    private ProcLines() {}

    /** One row; {@code v6} selects the 32-digit address form (IPv4 is then written v4-mapped). */
    static String row(int sl, boolean v6, String local, int localPort, String remote, int remotePort, int state) {
        return String.format(
                Locale.ROOT,
                "%4d: %s:%04X %s:%04X %02X 00000000:00000000 00:00000000 00000000  1000        0 %d 1"
                        + " ffff88003d3af3c0 20 4 0 10 -1",
                sl,
                addr(v6, local),
                localPort,
                addr(v6, remote),
                remotePort,
                state,
                10_000 + sl);
    }

    /** The kernel's text for an address: each 32-bit word of the network-order bytes byte-swapped. */
    static String addr(boolean v6, String ip) {
        byte[] b = IpKey.parse(ip).toBytes();
        if (v6 && b.length == 4) {
            byte[] m = new byte[16];
            m[10] = (byte) 0xFF;
            m[11] = (byte) 0xFF;
            System.arraycopy(b, 0, m, 12, 4);
            b = m;
        }
        if (b.length != (v6 ? 16 : 4)) {
            throw new IllegalArgumentException("wrong family for this file: " + ip);
        }
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < b.length; w += 4) {
            for (int i = 3; i >= 0; i--) {
                sb.append(String.format(Locale.ROOT, "%02X", b[w + i] & 0xFF));
            }
        }
        return sb.toString();
    }

    /** Writes {@code <root>/net/tcp} (and tcp6 when {@code tcp6} is not null) with headers. */
    static Path writeProc(Path root, List<String> tcp, List<String> tcp6) {
        try {
            Path net = Files.createDirectories(root.resolve("net"));
            write(net.resolve("tcp"), TCP_HEADER, tcp);
            if (tcp6 != null) {
                write(net.resolve("tcp6"), TCP6_HEADER, tcp6);
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String header, List<String> rows) throws IOException {
        StringBuilder sb = new StringBuilder(header).append('\n');
        rows.forEach(r -> sb.append(r).append('\n'));
        // whole or not at all, as /proc answers: a source polling meanwhile (ConnPollSourceTest)
        // read an empty file between the truncation and the write, and its table had no socket
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
