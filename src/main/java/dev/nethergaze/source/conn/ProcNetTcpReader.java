package dev.nethergaze.source.conn;

import dev.nethergaze.source.ProcBuffer;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
    private final ProcBuffer buf = new ProcBuffer(INITIAL_BUFFER);

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
        int len = buf.read(file);
        return ProcNetTcpParser.parse(buf.bytes(), len, v6, kernelOrder, rows::add);
    }
}
