package dev.nethergaze.enrich.whois;

import dev.nethergaze.enrich.net.Seconds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One legacy whois query over a port-43 TCP socket: connect timeout, a total deadline (each read
 * waits only for what is left of it) and a reply size cap.
 */
public final class WhoisClient {

    private final Duration connectTimeout;
    private final Duration total;
    private final long maxBytes;

    public WhoisClient(Duration connectTimeout, Duration total, long maxBytes) {
        this.connectTimeout = connectTimeout;
        this.total = total;
        this.maxBytes = maxBytes;
    }

    /** Sends {@code query} to {@code server} and returns the whole reply text. */
    public String query(WhoisServer server, String query) throws IOException {
        long deadline = System.nanoTime() + total.toNanos();
        try (Socket s = new Socket()) {
            try {
                s.connect(new InetSocketAddress(server.host(), server.port()), (int) connectTimeout.toMillis());
            } catch (IOException e) { // "Connection refused" alone does not say where
                throw new IOException(server + ": " + e.getMessage(), e);
            }
            OutputStream out = s.getOutputStream();
            out.write((query + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new IOException(server + ": no complete reply within " + Seconds.of(total));
                }
                s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                int n;
                try {
                    n = in.read(chunk);
                } catch (SocketTimeoutException e) {
                    throw new IOException(server + ": no complete reply within " + Seconds.of(total), e);
                }
                if (n < 0) {
                    break;
                }
                if (buf.size() + n > maxBytes) {
                    throw new IOException(server + ": reply larger than " + maxBytes + " bytes, abandoned");
                }
                buf.write(chunk, 0, n);
            }
            return decode(buf.toByteArray());
        }
    }

    /**
     * A reply's text: UTF-8 when it is valid UTF-8, else Latin-1, which registries' older records
     * (LACNIC's, RIPE's) are in: "Telef\u00f4nica" rather than "Telef\ufffdnica".
     */
    static String decode(byte[] reply) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(reply))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(reply, StandardCharsets.ISO_8859_1);
        }
    }
}
