package dev.nethergaze.ui.web;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The web view's HTTP/1.1 listener: one request per connection, GET-sized (no request body is read),
 * each connection on a virtual thread. It replaces the JDK's {@code HttpServer}, which parsed the
 * request target as a URI before any handler saw it: {@code //metrics} (a Prometheus base URL with a
 * trailing slash) was an authority and its own HTML 404, {@code //} and a malformed escape its HTML
 * 400, with no hook to change either. Here the target is read as a path ({@link WebRequest}), and
 * every refusal is the handler's or one plain line of ours.
 *
 * <p>A client has {@code requestTime} to send its request line and headers (and to send anything at
 * all once connected), and at most {@code maxConnections} are open at once: beyond that a new one is
 * closed as it comes, so clients that never finish a request (slowloris) cannot exhaust the process's
 * file descriptors. A response is not timed: event streams are long responses.
 */
final class HttpListener implements AutoCloseable {

    /** Answers one request. */
    @FunctionalInterface
    interface Handler {
        void handle(WebExchange x) throws IOException;
    }

    /** The request line and headers together, at most (a filter of 64 KiB fits): more is a 431. */
    static final int MAX_HEAD = 256 * 1024;

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private final ServerSocket server;
    private final Handler handler;
    private final Duration requestTime;
    private final int maxConnections;
    private final Semaphore slots;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ThreadFactory threads =
            Thread.ofVirtual().name("nethergaze-web-", 0).factory();
    private final Thread acceptor;

    private HttpListener(ServerSocket server, Handler handler, Duration requestTime, int maxConnections) {
        this.server = server;
        this.handler = handler;
        this.requestTime = requestTime;
        this.maxConnections = maxConnections;
        this.slots = new Semaphore(maxConnections);
        this.acceptor =
                Thread.ofPlatform().daemon().name("nethergaze-web-accept").unstarted(this::accept);
    }

    /** Listens on {@code bind} (port 0: any free port) until closed. */
    static HttpListener start(
            InetSocketAddress bind, int backlog, Duration requestTime, int maxConnections, Handler handler)
            throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(bind, backlog);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        HttpListener l = new HttpListener(s, handler, requestTime, maxConnections);
        l.acceptor.start();
        return l;
    }

    /** The bound address (with the port chosen when 0 was asked for). */
    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /**
     * Stops accepting, waits up to {@code grace} for the exchanges in progress to end (an event stream
     * ends itself once its server closes), then closes those left.
     */
    void close(Duration grace) {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            if (slots.tryAcquire(maxConnections, grace.toNanos(), TimeUnit.NANOSECONDS)) {
                slots.release(maxConnections);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Socket s : open) {
            quietly(s);
        }
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
                pause(); // out of file descriptors, say: let some close rather than spin
                continue;
            }
            if (!slots.tryAcquire()) {
                quietly(s); // over the cap: closed as it comes
                continue;
            }
            open.add(s);
            threads.newThread(() -> {
                        try {
                            serve(s);
                        } finally {
                            open.remove(s);
                            quietly(s);
                            slots.release();
                        }
                    })
                    .start();
        }
    }

    private void serve(Socket s) {
        WebExchange x = null;
        OutputStream out = null;
        try {
            s.setTcpNoDelay(true);
            out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
            WebRequest request;
            try {
                request = WebRequest.parse(head(s));
            } catch (WebRequest.Refused e) {
                reply(out, e.status, e.getMessage());
                drain(s); // the rest of what it sends, unread, would reset the answer away
                return;
            }
            if (request == null) {
                return; // closed, or silent past the request time: nothing to answer
            }
            x = new WebExchange(request, out);
            handler.handle(x);
            out.flush();
            if (request.hasBody()) {
                drain(s); // not read: closing with it unread would reset the answer away
            }
        } catch (IOException e) {
            // the client went away
        } catch (RuntimeException e) {
            // a failing request must not end the server; its client gets a line when nothing went out yet
            System.err.println(
                    "nethergaze: web: " + (x == null ? "" : x.request().path() + ": ") + e);
            if (x != null && !x.answered() && out != null) {
                try {
                    reply(out, 500, "internal error (said on the server's stderr)");
                } catch (IOException gone) {
                    // the client went away
                }
            }
        }
    }

    /**
     * The request's head (request line and headers, without the empty line that ends them), or null
     * when the client closed before a byte or sent nothing for the request time.
     */
    private byte[] head(Socket s) throws IOException, WebRequest.Refused {
        long deadline = System.nanoTime() + requestTime.toNanos();
        InputStream in = s.getInputStream();
        byte[] b = new byte[4096];
        int n = 0;
        while (true) {
            int end = WebRequest.endOfHead(b, n);
            if (end >= 0) {
                return java.util.Arrays.copyOf(b, end);
            }
            if (n == MAX_HEAD) {
                throw new WebRequest.Refused(431, "the request line and headers are over " + MAX_HEAD / 1024 + " KiB");
            }
            if (n == b.length) {
                b = java.util.Arrays.copyOf(b, Math.min(b.length * 2, MAX_HEAD));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return timedOut(n);
            }
            s.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            int r;
            try {
                r = in.read(b, n, b.length - n);
            } catch (SocketTimeoutException e) {
                return timedOut(n);
            }
            if (r < 0) {
                return null;
            }
            n += r;
        }
    }

    private byte[] timedOut(int got) throws WebRequest.Refused {
        if (got == 0) {
            return null; // a silent connection: closed without a word
        }
        throw new WebRequest.Refused(
                408, "the request line and headers did not come within " + requestTime.toSeconds() + " s");
    }

    /** Reads what the client sends for up to a second (at most 1 MiB), after its answer went out. */
    private static void drain(Socket s) throws IOException {
        s.shutdownOutput();
        s.setSoTimeout(1000);
        InputStream in = s.getInputStream();
        byte[] b = new byte[8192];
        long left = 1 << 20;
        try {
            int r;
            while (left > 0 && (r = in.read(b)) >= 0) {
                left -= r;
            }
        } catch (SocketTimeoutException e) {
            // enough waiting
        }
    }

    private static void reply(OutputStream out, int status, String line) throws IOException {
        byte[] body = (ApiQuery.shown(line, 0) + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(statusAndDate(status).getBytes(StandardCharsets.ISO_8859_1));
        out.write(("Content-Type: text/plain; charset=utf-8\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** The status line and the Date header, each ended. */
    static String statusAndDate(int status) {
        return "HTTP/1.1 " + status + " " + reason(status) + "\r\nDate: "
                + DATE.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n";
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void quietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
