package dev.nethergaze.enrich.net;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GETs over {@code java.net.http} with a connect timeout, a total deadline covering the body, and
 * a body size cap (a 50 MB reply is abandoned after {@code maxBytes}, not buffered).
 */
public final class HttpFetcher implements AutoCloseable {

    /** A reply: status, body (complete, within the cap) and the Retry-After header if any. */
    @SuppressWarnings("ArrayRecordComponent") // a private-use reply holder, never compared
    public record Reply(int status, byte[] body, Duration retryAfter) {}

    private static final long BACKSTOP_MILLIS = 250;

    private final HttpClient client;
    private final Duration total;
    private final long maxBytes;

    public HttpFetcher(Duration connectTimeout, Duration total, long maxBytes) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.total = total;
        this.maxBytes = maxBytes;
    }

    /** Fetches {@code uri}; throws {@link IOException} with a one-line message on any failure. */
    public Reply get(URI uri, String accept) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(uri)
                .timeout(total)
                .header("Accept", accept)
                .header("User-Agent", "nethergaze")
                .GET()
                .build();
        var future = client.sendAsync(req, info -> new CappedBody(maxBytes));
        try {
            // the client's own timeout ends a request without its headers; this wait, 250 ms longer, ends one whose
            // body trickles (of the same length, the two raced: "request timed out" or "no complete reply")
            HttpResponse<byte[]> resp = future.get(total.toMillis() + BACKSTOP_MILLIS, TimeUnit.MILLISECONDS);
            return new Reply(resp.statusCode(), resp.body(), retryAfter(resp));
        } catch (TimeoutException e) {
            future.cancel(true);
            throw noReply(uri, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof java.net.http.HttpTimeoutException && !(c instanceof HttpConnectTimeoutException)) {
                throw noReply(uri, c);
            }
            // the client's refused connection carries no message: "127.0.0.1: java.net.ConnectException" said nothing
            String msg = c instanceof java.net.ConnectException && c.getMessage() == null
                    ? "Connection refused"
                    : c == null || c.getMessage() == null ? String.valueOf(c) : c.getMessage();
            throw new IOException(uri.getHost() + ": " + msg, c);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    private IOException noReply(URI uri, Throwable cause) {
        return new IOException(uri.getHost() + ": no complete reply within " + Seconds.of(total), cause);
    }

    private static Duration retryAfter(HttpResponse<?> resp) {
        return resp.headers()
                .firstValue("Retry-After")
                .map(v -> {
                    try {
                        return Duration.ofSeconds(Math.max(0, Long.parseLong(v.strip())));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                })
                .orElse(null);
    }

    @Override
    public void close() {
        client.close();
    }
}
