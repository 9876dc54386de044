package dev.nethergaze.enrich.geo;

import dev.nethergaze.enrich.net.Seconds;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * Streams one {@code .gz} file over HTTP(S) into a local file, decompressing on the way and
 * stopping at a size cap (no gzip bomb fills the disk) or when no byte came for as long as the
 * headers may take (a server that stalls mid-body does not hold a monthly timer for ever). Only GETs
 * the one URL it is given.
 */
final class GzipDownload implements AutoCloseable {

    /** The server has no such file (HTTP 404): try an earlier month. */
    static final class NotFound extends Exception {
        private static final long serialVersionUID = 1L;

        NotFound(URI uri) {
            super(uri + ": not found");
        }
    }

    private final HttpClient client;
    private final Duration timeout;
    private final long maxBytes;

    GzipDownload(Duration connectTimeout, Duration headersTimeout, long maxBytes) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.timeout = headersTimeout;
        this.maxBytes = maxBytes;
    }

    /**
     * Downloads {@code uri} and writes its decompressed content to {@code target}.
     *
     * @throws NotFound on HTTP 404
     * @throws GeoUpdateException on any other failure, with a one-line message
     */
    void fetch(URI uri, Path target) throws NotFound, GeoUpdateException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("User-Agent", "nethergaze")
                .GET()
                .build();
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new GeoUpdateException(uri + ": " + networkReason(e), e);
        }
        try (InputStream body = resp.body()) {
            if (resp.statusCode() == 404) {
                throw new NotFound(uri);
            }
            if (resp.statusCode() != 200) {
                throw new GeoUpdateException(uri + ": HTTP " + resp.statusCode());
            }
            watched(body, target, uri);
        } catch (IOException e) {
            throw new GeoUpdateException(uri + ": download failed (" + GeoDatabase.reason(e) + ")", e);
        }
    }

    /**
     * Why no reply came, as a user can act on it: the client's refused connection carries no message,
     * which read as "corrupt or truncated data", as if a file had come.
     */
    private String networkReason(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within the connect timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "no reply within " + Seconds.of(timeout);
        }
        if (e instanceof ConnectException
                && (e.getMessage() == null || e.getMessage().isBlank())) {
            return "connection refused";
        }
        return e.getMessage() == null || e.getMessage().isBlank()
                ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
    }

    /**
     * Copies on a thread of its own, abandoned (interrupted) once no byte came from the server for
     * {@link #timeout}: the client's own timeout ends only the wait for the headers.
     */
    private void watched(InputStream body, Path target, URI uri)
            throws IOException, GeoUpdateException, InterruptedException {
        AtomicLong lastByte = new AtomicLong(System.nanoTime());
        InputStream counted = new FilterInputStream(body) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                lastByte.set(System.nanoTime());
                return n;
            }
        };
        FutureTask<Void> copy = new FutureTask<>(() -> {
            copy(new GZIPInputStream(counted, 1 << 16), target, uri);
            return null;
        });
        Thread copier = Thread.ofVirtual().name("geo-download").start(copy);
        try {
            while (true) {
                long idle = System.nanoTime() - lastByte.get();
                if (idle >= timeout.toNanos()) {
                    copy.cancel(true);
                    body.close();
                    copier.join(timeout.toMillis());
                    throw new GeoUpdateException(uri + ": no data for " + Seconds.of(timeout) + ", abandoned");
                }
                try {
                    copy.get(timeout.toNanos() - idle, TimeUnit.NANOSECONDS);
                    return;
                } catch (TimeoutException e) {
                    // how long since the last byte decides
                }
            }
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case GeoUpdateException g -> throw g;
                case RuntimeException r -> throw r;
                default -> throw new IllegalStateException(e.getCause());
            }
        } finally {
            copy.cancel(true);
        }
    }

    private void copy(InputStream in, Path target, URI uri) throws IOException, GeoUpdateException {
        long total = 0;
        byte[] buf = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new GeoUpdateException(uri + ": larger than " + (maxBytes >> 20) + " MiB decompressed");
                }
                out.write(buf, 0, n);
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
