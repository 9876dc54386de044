package dev.nethergaze.enrich.geo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

/**
 * Streams one {@code .gz} file over HTTP(S) into a local file, decompressing on the way and
 * stopping at a size cap (no gzip bomb fills the disk). Only GETs the one URL it is given.
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
            throw new GeoUpdateException(uri + ": " + GeoDatabase.reason(e), e);
        }
        try (InputStream body = resp.body()) {
            if (resp.statusCode() == 404) {
                throw new NotFound(uri);
            }
            if (resp.statusCode() != 200) {
                throw new GeoUpdateException(uri + ": HTTP " + resp.statusCode());
            }
            copy(new GZIPInputStream(body, 1 << 16), target, uri);
        } catch (IOException e) {
            throw new GeoUpdateException(uri + ": download failed (" + GeoDatabase.reason(e) + ")", e);
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
