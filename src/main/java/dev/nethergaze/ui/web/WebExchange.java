package dev.nethergaze.ui.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request and its answer: the headers set, then one {@link #send} (a whole body, with its length)
 * or one {@link #stream} (a body that lasts until the connection closes: an event stream). Every answer
 * closes its connection after it.
 */
final class WebExchange {

    private final WebRequest request;
    private final OutputStream out;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private boolean answered;

    WebExchange(WebRequest request, OutputStream out) {
        this.request = request;
        this.out = out;
    }

    WebRequest request() {
        return request;
    }

    /** Whether the answer's head went out. */
    boolean answered() {
        return answered;
    }

    boolean head() {
        return request.method().equals("HEAD");
    }

    /** Sets a response header (a line break in the value is a bug: refused). */
    void header(String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a line break in header " + name);
        }
        headers.put(name, value);
    }

    /** The whole answer: status, type and body (no body for HEAD, its length said all the same). */
    void send(int status, String type, byte[] body) throws IOException {
        header("Content-Type", type);
        header("Content-Length", Integer.toString(body.length));
        writeHead(status);
        if (!head()) {
            out.write(body);
        }
        out.flush();
    }

    /**
     * Starts an answer whose body lasts until the connection closes; the stream to write it to (each
     * write to be flushed by the caller), or null for HEAD (headers only).
     */
    OutputStream stream(int status, String type) throws IOException {
        header("Content-Type", type);
        writeHead(status);
        out.flush();
        return head() ? null : out;
    }

    private void writeHead(int status) throws IOException {
        if (answered) {
            throw new IllegalStateException("answered twice");
        }
        answered = true;
        StringBuilder b = new StringBuilder(HttpListener.statusAndDate(status));
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        b.append("Connection: close\r\n\r\n");
        out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
}
