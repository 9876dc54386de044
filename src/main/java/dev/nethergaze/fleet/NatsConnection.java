package dev.nethergaze.fleet;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * One connection to a NATS server speaking the core client protocol (INFO, CONNECT, PUB, SUB, MSG,
 * PING/PONG, +OK/-ERR): enough to publish snapshots and to follow a fleet's, with no library. Plain
 * TCP only (no TLS: use a server on loopback or a private network, or a tunnel); user and password or
 * a token come from the URL ({@code nats://user:pass@host:4222}, {@code nats://token@host:4222}).
 * A reader thread answers the server's PINGs and delivers messages; any I/O failure closes the
 * connection and {@link #closed()} says why; reconnecting is the caller's choice.
 */
public final class NatsConnection implements AutoCloseable {

    /** The default port of NATS. */
    public static final int DEFAULT_PORT = 4222;

    private static final byte[] CRLF = {'\r', '\n'};
    private static final int MAX_CONTROL_LINE = 4096;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final long maxPayload;
    private final Map<String, BiConsumer<String, byte[]>> subscriptions = new ConcurrentHashMap<>();
    private final AtomicInteger sids = new AtomicInteger();
    private final Thread reader;
    private volatile String closedBecause;
    /** When the server last sent anything (System.nanoTime): a PONG to our PING at the least. */
    private volatile long lastHeard = System.nanoTime();

    private NatsConnection(Socket socket, long maxPayload) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream(), 65536);
        this.maxPayload = maxPayload;
        this.reader = Thread.ofPlatform().daemon().name("nats reader").unstarted(this::read);
    }

    /**
     * Connects to {@code url} ({@code nats://[user:pass@|token@]host[:port]}) within {@code timeout}
     * and says who we are; throws with a one-line reason when the server is not there or refuses.
     */
    public static NatsConnection connect(String url, String name, Duration timeout) throws IOException {
        URI u = parse(url);
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(u.getHost(), u.getPort() < 0 ? DEFAULT_PORT : u.getPort()), (int)
                    timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream(), 4096);
            String info = line(in);
            if (!info.startsWith("INFO ")) {
                throw new IOException("not a NATS server (it said '" + clip(info) + "')");
            }
            long maxPayload = number(info, "\"max_payload\":", 1 << 20);
            StringBuilder connect = new StringBuilder("{\"verbose\":false,\"pedantic\":false,\"lang\":\"java\"")
                    .append(",\"version\":\"nethergaze\",\"protocol\":0,\"name\":")
                    .append(quote(name));
            String userInfo = u.getRawUserInfo();
            if (userInfo != null && !userInfo.isEmpty()) {
                int colon = userInfo.indexOf(':');
                if (colon < 0) {
                    connect.append(",\"auth_token\":").append(quote(decode(userInfo)));
                } else {
                    connect.append(",\"user\":")
                            .append(quote(decode(userInfo.substring(0, colon))))
                            .append(",\"pass\":")
                            .append(quote(decode(userInfo.substring(colon + 1))));
                }
            }
            connect.append('}');
            OutputStream out = s.getOutputStream();
            out.write(("CONNECT " + connect + "\r\nPING\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = line(in);
            while (answer.startsWith("INFO ") || answer.equals("+OK")) {
                answer = line(in);
            }
            if (!answer.equals("PONG")) {
                throw new IOException("the server refused us: " + clip(answer));
            }
            s.setSoTimeout(0);
            NatsConnection c = new NatsConnection(s, maxPayload);
            c.reader.start();
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /** Checks a URL without connecting; a one-line reason when it is not {@code nats://host[:port]}. */
    public static URI parse(String url) {
        URI u;
        try {
            u = URI.create(url.contains("://") ? url : "nats://" + url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a NATS URL: '" + url + "'");
        }
        if (!"nats".equals(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("expected nats://host[:port], got '" + url + "'"
                    + ("tls".equals(u.getScheme()) ? " (TLS is not supported: tunnel or keep it private)" : ""));
        }
        return u;
    }

    /** The largest message the server takes (its INFO's max_payload). */
    public long maxPayload() {
        return maxPayload;
    }

    /** Sends one message; throws when the connection is gone or the message is over the server's limit. */
    public synchronized void publish(String subject, byte[] payload) throws IOException {
        check(subject);
        if (payload.length > maxPayload) {
            throw new IOException(
                    "message of " + payload.length + " bytes is over the server's max_payload " + maxPayload);
        }
        ensureOpen();
        out.write(("PUB " + subject + " " + payload.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
        out.write(CRLF);
        out.flush();
    }

    /** Delivers every message on {@code subject} (wildcards {@code *} and {@code >} allowed) to {@code handler}. */
    public synchronized void subscribe(String subject, BiConsumer<String, byte[]> handler) throws IOException {
        check(subject);
        ensureOpen();
        String sid = Integer.toString(sids.incrementAndGet());
        subscriptions.put(sid, handler);
        out.write(("SUB " + subject + " " + sid + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Sends a PING and waits for nothing: a dead peer shows as a write error soon after. */
    public synchronized void flush() throws IOException {
        ensureOpen();
        out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** How long since the server last sent anything. */
    public Duration silence() {
        return Duration.ofNanos(System.nanoTime() - lastHeard);
    }

    /** Why the connection ended, or null while it is open. */
    public String closed() {
        return closedBecause;
    }

    @Override
    public void close() {
        end("closed");
    }

    private void ensureOpen() throws IOException {
        if (closedBecause != null) {
            throw new IOException("connection lost: " + closedBecause);
        }
    }

    private void end(String why) {
        if (closedBecause == null) {
            closedBecause = why;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing left to do with it
        }
    }

    private void read() {
        try {
            while (true) {
                String l = line(in);
                lastHeard = System.nanoTime();
                if (l.equals("PING")) {
                    synchronized (this) {
                        out.write("PONG\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                } else if (l.startsWith("MSG ")) {
                    message(l);
                } else if (l.startsWith("-ERR")) {
                    String err = l.substring(4).strip();
                    // most server errors end the connection; a few are warnings about one message
                    if (!err.toLowerCase(java.util.Locale.ROOT).contains("permissions violation")) {
                        end("server error: " + clip(err));
                        return;
                    }
                }
                // INFO (cluster updates), PONG, +OK: nothing to do
            }
        } catch (IOException e) {
            end(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** {@code MSG subject sid [reply] bytes}, then the payload and CRLF. */
    private void message(String control) throws IOException {
        String[] f = control.split(" ");
        if (f.length < 4) {
            throw new IOException("bad MSG line: " + clip(control));
        }
        int size;
        try {
            size = Integer.parseInt(f[f.length - 1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad MSG size: " + clip(control));
        }
        if (size < 0 || size > maxPayload) {
            throw new IOException("MSG of " + size + " bytes is over max_payload");
        }
        byte[] payload = in.readNBytes(size);
        if (payload.length != size || in.read() != '\r' || in.read() != '\n') {
            throw new IOException("connection ended inside a message");
        }
        BiConsumer<String, byte[]> h = subscriptions.get(f[2]);
        if (h != null) {
            try {
                h.accept(f[1], payload);
            } catch (RuntimeException e) {
                // a handler's bad day must not end the connection for the others
            }
        }
    }

    /** One CRLF-terminated control line, at most {@value #MAX_CONTROL_LINE} bytes. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] l = b.toByteArray();
                int n = l.length > 0 && l[l.length - 1] == '\r' ? l.length - 1 : l.length;
                return new String(l, 0, n, StandardCharsets.UTF_8);
            }
            if (b.size() >= MAX_CONTROL_LINE) {
                throw new IOException("control line over " + MAX_CONTROL_LINE + " bytes");
            }
            b.write(c);
        }
        throw new IOException("the server closed the connection");
    }

    private static long number(String info, String key, long absent) {
        int at = info.indexOf(key);
        if (at < 0) {
            return absent;
        }
        int i = at + key.length();
        int end = i;
        while (end < info.length() && Character.isDigit(info.charAt(end))) {
            end++;
        }
        return end == i ? absent : Long.parseLong(info.substring(i, end));
    }

    private static void check(String subject) {
        if (subject.isEmpty() || subject.chars().anyMatch(ch -> ch <= ' ' || ch == 127)) {
            throw new IllegalArgumentException("bad NATS subject '" + subject + "'");
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
