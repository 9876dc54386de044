package dev.nethergaze.source.conn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@code <procRoot>/net/tcp} and {@code <procRoot>/net/tcp6}. Each file is read whole into a
 * buffer kept between polls and decoded by {@link ProcNetTcpParser}. A missing tcp6 (IPv6
 * disabled) is fine; a missing tcp is a {@link NoSuchFileException}. Not thread-safe: one poller.
 */
public final class ProcNetTcpReader implements ConnectionReader {

    private static final int INITIAL_BUFFER = 64 * 1024;

    private final Path tcp;
    private final Path tcp6;
    private final ByteOrder kernelOrder;
    private byte[] buf = new byte[INITIAL_BUFFER];

    /** Reads the tables under {@code procRoot} as written by a kernel of this machine's byte order. */
    public ProcNetTcpReader(Path procRoot) {
        this(procRoot, ByteOrder.nativeOrder());
    }

    /** Reads tables written by a kernel of the given byte order (fixtures from another machine). */
    public ProcNetTcpReader(Path procRoot, ByteOrder kernelOrder) {
        this.tcp = procRoot.resolve("net").resolve("tcp");
        this.tcp6 = procRoot.resolve("net").resolve("tcp6");
        this.kernelOrder = kernelOrder;
    }

    /** The host's own tables under /proc. */
    public static ProcNetTcpReader system() {
        return new ProcNetTcpReader(Path.of("/proc"));
    }

    @Override
    public String name() {
        return "procfs";
    }

    @Override
    public ReadResult read(Instant now) throws IOException {
        List<TcpRow> rows = new ArrayList<>();
        ProcNetTcpParser.Counts v4 = parse(tcp, false, rows);
        ProcNetTcpParser.Counts v6;
        try {
            v6 = parse(tcp6, true, rows);
        } catch (NoSuchFileException e) {
            v6 = new ProcNetTcpParser.Counts(0, 0);
        }
        return new ReadResult(
                ConnTableAssembler.assemble(name(), now, rows, false),
                v4.rows() + v6.rows(),
                v4.malformed() + v6.malformed());
    }

    private ProcNetTcpParser.Counts parse(Path file, boolean v6, List<TcpRow> rows) throws IOException {
        int len = readFully(file);
        return ProcNetTcpParser.parse(buf, len, v6, kernelOrder, rows::add);
    }

    /** Reads the file into {@link #buf}, growing it as needed (procfs files report size 0). */
    private int readFully(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int len = 0;
            while (true) {
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int n = in.read(buf, len, buf.length - len);
                if (n < 0) {
                    return len;
                }
                len += n;
            }
        }
    }
}
