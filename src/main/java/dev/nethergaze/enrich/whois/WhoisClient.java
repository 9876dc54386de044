package dev.nethergaze.enrich.whois;

import dev.nethergaze.enrich.net.Seconds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One legacy whois query over a port-43 TCP socket: connect timeout, a total deadline (each read
 * waits only for what is left of it) and a reply size cap.
 */
public final class WhoisClient {

    /** A host name's address, as the system resolver gives it (blocking, with no deadline of its own). */
    @FunctionalInterface
    interface Resolver {
        InetAddress resolve(String host) throws IOException;
    }

    private final Duration connectTimeout;
    private final Duration total;
    private final long maxBytes;
    private final Resolver resolver;

    public WhoisClient(Duration connectTimeout, Duration total, long maxBytes) {
        this(connectTimeout, total, maxBytes, InetAddress::getByName);
    }

    WhoisClient(Duration connectTimeout, Duration total, long maxBytes, Resolver resolver) {
        this.connectTimeout = connectTimeout;
        this.total = total;
        this.maxBytes = maxBytes;
        this.resolver = resolver;
    }

    /**
     * The server's address, its name resolved within the connect timeout: the resolver call takes no
     * deadline (a resolver that does not answer held a lookup for its own timeouts, 5 s a try and server),
     * so it runs on a thread of its own, left to end by itself when it is late.
     */
    private InetSocketAddress address(WhoisServer server) throws IOException {
        FutureTask<InetAddress> lookup = new FutureTask<>(() -> resolver.resolve(server.host()));
        Thread.ofPlatform().daemon().name("whois-resolve").start(lookup);
        try {
            return new InetSocketAddress(lookup.get(connectTimeout.toNanos(), TimeUnit.NANOSECONDS), server.port());
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new IOException(server + ": its name did not resolve within " + Seconds.of(connectTimeout), e);
        } catch (ExecutionException e) {
            throw new IOException(server + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            lookup.cancel(true);
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(server + ": interrupted while its name was resolved");
        }
    }

    /** Sends {@code query} to {@code server} and returns the whole reply text. */
    public String query(WhoisServer server, String query) throws IOException {
        long deadline = System.nanoTime() + total.toNanos();
        InetSocketAddress address = address(server);
        try (Socket s = new Socket()) {
            try {
                s.connect(address, (int) connectTimeout.toMillis());
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
