package dev.nethergaze.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nats-server (Debian's package) on loopback, for tests: started on a free port, with optional
 * token auth, stopped by its handle. {@link #restart} keeps the port, so a client's reconnect can be seen.
 */
public final class NatsServer implements AutoCloseable {

    private final int port;
    private final String token;
    private final Path log;
    /** Further options (TLS). */
    private final List<String> options;

    private Process process;

    private NatsServer(int port, String token, Path log, List<String> options) {
        this.port = port;
        this.token = token;
        this.log = log;
        this.options = List.copyOf(options);
    }

    /** Null when nats-server is not installed (the reason is then {@link #missing()}). */
    public static String missing() {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(dir, "nats-server"))) {
                return null;
            }
        }
        return "needs nats-server (apt-get install nats-server)";
    }

    public static NatsServer start(Path dir, String token) throws IOException, InterruptedException {
        return start(dir, token, List.of());
    }

    /** A server with JetStream, its store under {@code dir}. */
    public static NatsServer startJetStream(Path dir) throws IOException, InterruptedException {
        Path store = Files.createTempDirectory(dir, "js-");
        return start(dir, null, List.of("-js", "-sd", store.toString()));
    }

    /** A server whose largest message is {@code maxPayload} bytes (its config's max_payload). */
    public static NatsServer startMaxPayload(Path dir, int maxPayload) throws IOException, InterruptedException {
        Path conf = Files.createTempFile(dir, "nats-", ".conf");
        Files.write(conf, List.of("max_payload: " + maxPayload));
        return start(dir, null, List.of("-c", conf.toString()));
    }

    /** A server with JetStream whose largest message is {@code maxPayload} bytes. */
    public static NatsServer startJetStreamMaxPayload(Path dir, int maxPayload)
            throws IOException, InterruptedException {
        Path store = Files.createTempDirectory(dir, "js-");
        Path conf = Files.createTempFile(dir, "nats-", ".conf");
        Files.write(conf, List.of("max_payload: " + maxPayload));
        return start(dir, null, List.of("-c", conf.toString(), "-js", "-sd", store.toString()));
    }

    /** A server that requires TLS, with this certificate chain and key (PEM files). */
    public static NatsServer startTls(Path dir, Path cert, Path key) throws IOException, InterruptedException {
        return start(dir, null, List.of("--tls", "--tlscert", cert.toString(), "--tlskey", key.toString()));
    }

    /** A server that requires TLS and a client certificate signed by {@code clientCa} (mutual TLS). */
    public static NatsServer startMutualTls(Path dir, Path cert, Path key, Path clientCa)
            throws IOException, InterruptedException {
        return start(
                dir,
                null,
                List.of(
                        "--tlsverify",
                        "--tlscert",
                        cert.toString(),
                        "--tlskey",
                        key.toString(),
                        "--tlscacert",
                        clientCa.toString()));
    }

    private static NatsServer start(Path dir, String token, List<String> options)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        NatsServer n = new NatsServer(port, token, dir.resolve("nats-" + port + ".log"), options);
        n.startProcess();
        return n;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "nats://" + (token == null ? "" : token + "@") + "127.0.0.1:" + port;
    }

    /** The URL without the token (refused when the server wants one). */
    public String urlWithoutToken() {
        return "nats://127.0.0.1:" + port;
    }

    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            process = null;
        }
    }

    /** Freezes the server (SIGSTOP): its port still takes connections, it answers nothing. */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Thaws a paused server (SIGCONT). */
    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String sig) throws IOException, InterruptedException {
        new ProcessBuilder(List.of("kill", sig, Long.toString(process.pid())))
                .inheritIO()
                .start()
                .waitFor();
    }

    public void restart() throws IOException, InterruptedException {
        stop();
        startProcess();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void startProcess() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("nats-server", "-a", "127.0.0.1", "-p", Integer.toString(port)));
        if (token != null) {
            cmd.addAll(List.of("--auth", token));
        }
        cmd.addAll(options);
        process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("nats-server ended: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
        throw new IOException("nats-server did not listen on " + port + ": " + Files.readString(log));
    }
}
