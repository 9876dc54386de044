package dev.nethergaze.fleet;

import dev.nethergaze.model.WriteDeadline;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * One connection to a NATS server speaking the core client protocol (INFO, CONNECT, PUB, SUB, MSG,
 * PING/PONG, +OK/-ERR): enough to publish snapshots and to follow a fleet's, with no library. User
 * and password or a token come from the URL ({@code nats://user:pass@host:4222}, {@code
 * nats://token@host:4222}).
 *
 * <p>TLS as NATS does it: the server's INFO comes in plain text, then, when the server requires TLS
 * or the URL asks for it ({@code tls://host:4222}), the connection is upgraded before anything else
 * is sent. The server's certificate must chain to the JDK's trusted authorities or to the PEM
 * certificates of {@code ?ca=FILE} (re-read on every connect, so a renewed CA is picked up), and its
 * name must match the URL's host. {@code tls://} to a server that offers no TLS is refused, never
 * downgraded. A server that verifies clients (mutual TLS) gets the certificate chain and key of
 * {@code &cert=FILE&key=FILE} (PEM; the key unencrypted PKCS#8, as {@code openssl genpkey} writes it;
 * both re-read on every connect).
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
    /** Whether the server said it has JetStream (its INFO's "jetstream"). */
    private final boolean jetStream;
    /** Replies awaited by {@link #request}, by the last token of their inbox subject. */
    private final Map<String, CompletableFuture<byte[]>> replies = new ConcurrentHashMap<>();

    private String inbox;
    private final Map<String, BiConsumer<String, byte[]>> subscriptions = new ConcurrentHashMap<>();
    private final AtomicInteger sids = new AtomicInteger();
    private final Thread reader;
    private volatile String closedBecause;
    /** {@link System#nanoTime} when it ended, written before {@link #closedBecause}. */
    private volatile long closedAt;
    /** When the server last sent anything (System.nanoTime): a PONG to our PING at the least. */
    private volatile long lastHeard = System.nanoTime();
    /**
     * How long one write may stand still before the connection is ended: a server that stops reading
     * (frozen, overloaded) fills the socket's buffers, and the write then blocks for as long as it
     * stays so, with nothing said and nothing else tried. Closing the socket fails the blocked write,
     * so its caller hears of it and can reconnect.
     */
    private volatile WriteDeadline writes;

    /** The default of {@link #writeDeadline}: as long as a silence that means the server is gone. */
    static final Duration WRITE_DEADLINE = Duration.ofSeconds(60);

    private NatsConnection(Socket socket, InputStream in, long maxPayload, boolean jetStream) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = in;
        this.maxPayload = maxPayload;
        this.jetStream = jetStream;
        this.reader = Thread.ofPlatform().daemon().name("nats reader").unstarted(this::read);
    }

    /**
     * Connects to {@code url} ({@code nats://[user:pass@|token@]host[:port]}) within {@code timeout}
     * and says who we are; throws with a one-line reason when the server is not there or refuses.
     */
    public static NatsConnection connect(String url, String name, Duration timeout) throws IOException {
        URI u = parse(url);
        TlsFiles files = tlsFiles(u);
        String host = u.getHost();
        int port = u.getPort() < 0 ? DEFAULT_PORT : u.getPort();
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IOException("unknown host " + host + " (no address for it)");
        }
        Socket plain = new Socket();
        Socket s = plain;
        try {
            plain.connect(address, (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            plain.setTcpNoDelay(true);
            // unbuffered until TLS is settled: no byte of the handshake may be read ahead here
            InputStream in = plain.getInputStream();
            String info;
            try {
                info = line(in);
            } catch (java.net.SocketTimeoutException e) {
                throw new IOException(
                        "port " + port + " took the connection but sent no INFO in " + timeout.toSeconds()
                                + " s: not a NATS server (NATS's port is " + DEFAULT_PORT
                                + "), or one stuck",
                        e);
            }
            if (!info.startsWith("INFO ")) {
                throw new IOException("not a NATS server (it said '" + clip(info) + "')");
            }
            boolean serverTls = info.contains("\"tls_required\":true");
            if ("tls".equals(u.getScheme()) && !serverTls) {
                throw new IOException("the server offers no TLS (the URL asks for tls://)");
            }
            if (serverTls) {
                s = upgrade(plain, host, port, files);
            }
            in = new BufferedInputStream(s.getInputStream(), 65536);
            long maxPayload = number(info, "\"max_payload\":", 1 << 20);
            StringBuilder connect = new StringBuilder("{\"verbose\":false,\"pedantic\":false,\"lang\":\"java\"")
                    .append(",\"version\":\"nethergaze\",\"protocol\":0,\"tls_required\":")
                    .append(serverTls)
                    .append(",\"name\":")
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
            NatsConnection c = new NatsConnection(s, in, maxPayload, info.contains("\"jetstream\":true"));
            c.reader.start();
            c.writeDeadline(WRITE_DEADLINE);
            return c;
        } catch (IOException | RuntimeException e) {
            // TLS 1.3: a server that refuses the client's certificate says so after the client's side
            // of the handshake, and closes; what we wrote then may fail first (a broken pipe), with
            // the server's alert still waiting to be read
            String refused = null;
            if (s instanceof SSLSocket tls && e instanceof IOException) {
                refused = clientRefused(e, files);
                if (refused == null) {
                    refused = clientRefused(pendingAlert(tls), files);
                }
            }
            s.close();
            plain.close();
            if (refused != null) {
                throw new IOException(refused, e);
            }
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /** TLS over the connected socket, the server's certificate checked against the trust and the host. */
    private static SSLSocket upgrade(Socket plain, String host, int port, TlsFiles files) throws IOException {
        SSLSocket tls = (SSLSocket) context(files).getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters p = tls.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
        tls.setSSLParameters(p);
        try {
            tls.startHandshake();
        } catch (SSLException e) {
            tls.close();
            throw new IOException(handshakeProblem(e, files), e);
        }
        return tls;
    }

    /** One line for a failed handshake; an unknown authority says how to name the right one. */
    private static String handshakeProblem(SSLException e, TlsFiles files) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertPathValidatorException
                    || t instanceof java.security.cert.CertPathBuilderException) {
                return "TLS: the server's certificate is not signed by a trusted authority"
                        + (files.ca() == null ? " (give its CA's PEM file with ?ca=FILE)" : " in " + files.ca());
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException c && c.getMessage() != null) {
                return "TLS: " + clip(c.getMessage()); // e.g. the certificate does not name the host
            }
        }
        String refusedClient = clientRefused(e, files);
        if (refusedClient != null) {
            return refusedClient;
        }
        return "TLS: " + clip(String.valueOf(e.getMessage()));
    }

    /**
     * The server's alert when it wants a client certificate it did not get, or refused the one it got
     * (in TLS 1.3 that alert comes after the client's side of the handshake, on the first read); else
     * null.
     */
    static String clientRefused(Throwable e, TlsFiles files) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof SSLException
                    && m != null
                    && (m.contains("certificate_required")
                            || m.contains("bad_certificate")
                            || m.contains("unknown_ca")
                            || m.contains("certificate_unknown"))) {
                return files.cert() == null
                        ? "TLS: the server wants a client certificate (give it with &cert=FILE&key=FILE)"
                        : "TLS: the server refused the client certificate " + files.cert() + " ("
                                + clip(m.replaceFirst("^.*Received fatal alert: ", "")) + ")";
            }
        }
        return null;
    }

    /** The alert a TLS peer sent before it closed, read within half a second; null if none. */
    private static SSLException pendingAlert(SSLSocket tls) {
        try {
            tls.setSoTimeout(500);
            tls.getInputStream().read();
        } catch (SSLException e) {
            return e;
        } catch (IOException | RuntimeException e) {
            // nothing more to learn
        }
        return null;
    }

    /** The URL's TLS files: the authorities to trust, the client's certificate chain and key (each may be null). */
    record TlsFiles(Path ca, Path cert, Path key) {}

    /** The JDK's trusted authorities, or only the certificates of {@code ca} (PEM), and the client's own when given. */
    private static SSLContext context(TlsFiles files) throws IOException {
        try {
            if (files.ca() == null && files.cert() == null) {
                return SSLContext.getDefault();
            }
            javax.net.ssl.TrustManager[] trust = null; // the JDK's authorities
            if (files.ca() != null) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                List<Certificate> cas = certificates(files.ca(), "ca");
                for (int i = 0; i < cas.size(); i++) {
                    store.setCertificateEntry("ca" + i, cas.get(i));
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                trust = tmf.getTrustManagers();
            }
            javax.net.ssl.KeyManager[] own = null;
            if (files.cert() != null) {
                List<Certificate> chain = certificates(files.cert(), "cert");
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                char[] none = new char[0];
                store.setKeyEntry("client", privateKey(files.key()), none, chain.toArray(Certificate[]::new));
                javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                        javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(store, none);
                own = kmf.getKeyManagers();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(own, trust, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS: " + e.getMessage(), e);
        }
    }

    /** The certificates of a PEM file, at least one. */
    private static List<Certificate> certificates(Path file, String what) throws IOException {
        try (InputStream pem = Files.newInputStream(file)) {
            List<Certificate> out =
                    List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(pem));
            if (out.isEmpty()) {
                throw new IOException(what + ": no certificate in " + file);
            }
            return out;
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(what + ": not a PEM certificate file: " + file);
        }
    }

    /** An unencrypted PKCS#8 private key (EC, RSA or EdDSA) from a PEM file. */
    static java.security.PrivateKey privateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        int from = text.indexOf(begin);
        int to = text.indexOf("-----END PRIVATE KEY-----");
        if (from < 0 || to < from) {
            String convert = " (openssl pkcs8 -topk8 -nocrypt -in " + file + " makes one)";
            if (text.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
                throw new IOException("key: " + file + " is encrypted; give it unencrypted" + convert);
            }
            throw new IOException("key: " + file + " is not a PKCS#8 private key (BEGIN PRIVATE KEY)" + convert);
        }
        byte[] der;
        try {
            der = java.util.Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IOException("key: " + file + " is not valid PEM");
        }
        java.security.spec.PKCS8EncodedKeySpec spec = new java.security.spec.PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("EC", "RSA", "Ed25519", "Ed448")) {
            try {
                return java.security.KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this kind: the next
            }
        }
        throw new IOException("key: " + file + " holds no EC, RSA or EdDSA private key");
    }

    /** The {@code ca}, {@code cert} and {@code key} files of the URL's query (each null when not given). */
    static TlsFiles tlsFiles(URI u) {
        String q = u.getRawQuery();
        Path ca = null;
        Path cert = null;
        Path key = null;
        if (q != null && !q.isEmpty()) {
            for (String kv : q.split("&")) {
                int eq = kv.indexOf('=');
                String name = eq < 0 ? kv : kv.substring(0, eq);
                if (eq < 0
                        || eq == kv.length() - 1
                        || !List.of("ca", "cert", "key").contains(name)) {
                    throw new IllegalArgumentException("unknown parameter '" + decode(kv)
                            + "' in the NATS URL (known: ca=FILE, cert=FILE, key=FILE)");
                }
                Path value = Path.of(decode(kv.substring(eq + 1)));
                switch (name) {
                    case "ca" -> ca = value;
                    case "cert" -> cert = value;
                    default -> key = value;
                }
            }
        }
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException(
                    "cert=FILE and key=FILE go together in the NATS URL (the client certificate and its key)");
        }
        return new TlsFiles(ca, cert, key);
    }

    /**
     * Checks a URL without connecting; a one-line reason when it is not {@code
     * nats|tls://[user:pass@|token@]host[:port][?ca=FILE][&cert=FILE&key=FILE]} or a FILE cannot be read.
     */
    public static URI parse(String url) {
        URI u;
        try {
            u = URI.create(url.contains("://") ? url : "nats://" + url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a NATS URL: '" + redacted(url) + "'");
        }
        if (!("nats".equals(u.getScheme()) || "tls".equals(u.getScheme())) || u.getHost() == null) {
            throw new IllegalArgumentException(
                    "expected nats://host[:port] or tls://host[:port], got '" + redacted(url) + "'");
        }
        if (u.getPort() == 0 || u.getPort() > 65535) {
            throw new IllegalArgumentException(
                    "port " + u.getPort() + " out of range (1-65535) in '" + redacted(url) + "'");
        }
        String path = u.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("a NATS URL has no path, got '" + path + "' in '" + redacted(url) + "'");
        }
        TlsFiles files = tlsFiles(u);
        readable("ca", files.ca());
        readable("cert", files.cert());
        readable("key", files.key());
        return u;
    }

    /** The server of a {@link #parse parsed} URL for messages: host and port, never the credentials. */
    public static String server(URI u) {
        return u.getHost() + ":" + (u.getPort() < 0 ? DEFAULT_PORT : u.getPort()); // IPv6 in brackets
    }

    /**
     * The URL to print: its password ({@code user:***@}) or token ({@code ***@}) hidden, also when
     * the URL is not a valid one.
     */
    public static String redacted(String url) {
        int scheme = url.indexOf("://");
        int from = scheme < 0 ? 0 : scheme + 3;
        int end = from;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        int at = url.lastIndexOf('@', end - 1);
        if (at < from) {
            return url;
        }
        int colon = url.indexOf(':', from);
        String user = colon >= 0 && colon < at ? url.substring(from, colon + 1) : "";
        return url.substring(0, from) + user + "***" + url.substring(at);
    }

    private static void readable(String what, Path file) {
        if (file != null && !Files.isReadable(file)) {
            throw new IllegalArgumentException(what + ": cannot read " + file);
        }
    }

    /**
     * The largest message taken from the server. max_payload bounds what clients publish, not what the
     * server sends: JetStream's replies carry a stored message base64 in JSON ({@code STREAM.MSG.GET}:
     * a third bigger, plus its headers), so a document just under max_payload comes back over it.
     */
    private long maxIncoming() {
        return 2 * maxPayload + 64 * 1024;
    }

    /** The largest message the server takes (its INFO's max_payload). */
    public long maxPayload() {
        return maxPayload;
    }

    /** Whether the server has JetStream (it said so in its INFO). */
    public boolean jetStream() {
        return jetStream;
    }

    /**
     * Sends {@code payload} to {@code subject} with a reply subject of this connection's own and waits
     * at most {@code timeout} for the one reply (JetStream's API is such requests).
     */
    public byte[] request(String subject, byte[] payload, Duration timeout) throws IOException, InterruptedException {
        CompletableFuture<byte[]> reply = requestAsync(subject, payload);
        try {
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no reply on " + subject + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            reply.cancel(false); // no-op once answered; else the pending reply is forgotten
        }
    }

    /**
     * Sends {@code payload} to {@code subject} with a reply subject of this connection's own; the future
     * completes with the one reply, or fails when the connection ends. Cancel it to stop waiting.
     */
    @SuppressWarnings("FutureReturnValueIgnored") // the clean-up's own future has nothing to say
    public CompletableFuture<byte[]> requestAsync(String subject, byte[] payload) throws IOException {
        String token = Integer.toString(sids.incrementAndGet());
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        replies.put(token, reply);
        reply.whenComplete((r, e) -> replies.remove(token)); // answered, failed or cancelled
        try {
            synchronized (this) {
                if (inbox == null) {
                    String prefix = "_INBOX." + Long.toHexString(new java.security.SecureRandom().nextLong());
                    subscribe(prefix + ".*", (subj, body) -> {
                        CompletableFuture<byte[]> f = replies.get(subj.substring(subj.lastIndexOf('.') + 1));
                        if (f != null) {
                            f.complete(body);
                        }
                    });
                    inbox = prefix;
                }
                send(subject, inbox + "." + token, payload);
            }
        } catch (IOException | RuntimeException e) {
            reply.cancel(false);
            throw e;
        }
        return reply;
    }

    /** Sends one message; throws when the connection is gone or the message is over the server's limit. */
    public synchronized void publish(String subject, byte[] payload) throws IOException {
        send(subject, null, payload);
    }

    private synchronized void send(String subject, String replyTo, byte[] payload) throws IOException {
        check(subject);
        if (payload.length > maxPayload) {
            throw new IOException(
                    "message of " + payload.length + " bytes is over the server's max_payload " + maxPayload);
        }
        ensureOpen();
        writes.begin();
        try {
            out.write(("PUB " + subject + (replyTo == null ? "" : " " + replyTo) + " " + payload.length + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.write(CRLF);
            out.flush();
        } catch (IOException e) {
            throw lost(e);
        } finally {
            writes.end();
        }
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
        writes.begin();
        try {
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw lost(e);
        } finally {
            writes.end();
        }
    }

    /** A failed write's error, or why the connection was ended when that is what failed it. */
    private IOException lost(IOException e) {
        String why = closedBecause;
        return why == null ? e : new IOException("connection lost: " + why, e);
    }

    /** Sets how long one write may stand still before the connection is ended (tests: shorter). */
    void writeDeadline(Duration d) {
        WriteDeadline old = writes;
        writes = new WriteDeadline(
                "nats write watch",
                d,
                () -> end("a write to the server has not gone through for " + d.toSeconds()
                        + " s: it reads nothing (stuck or overloaded?)"));
        if (old != null) {
            old.close();
        }
    }

    /** How long since the server last sent anything. */
    public Duration silence() {
        return Duration.ofNanos(System.nanoTime() - lastHeard);
    }

    /** How long ago the connection ended (zero while it is open). */
    public Duration sinceClosed() {
        return closedBecause == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - closedAt);
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
            closedAt = System.nanoTime();
            closedBecause = why;
        }
        if (writes != null) {
            writes.close();
        }
        replies.values().forEach(f -> f.completeExceptionally(new IOException("connection lost: " + why)));
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
        if (size < 0 || size > maxIncoming()) {
            throw new IOException("MSG of " + size + " bytes is over twice max_payload");
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
