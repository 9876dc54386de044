package dev.nethergaze.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NATS client over TLS against a real nats-server that requires it, with a CA and server
 * certificates made by openssl for the test: the upgrade after INFO, the server's certificate checked
 * against the given CA and against the host, and each refusal in one line.
 */
class NatsTlsTest {

    @TempDir
    static Path dir;

    private static final Duration T = Duration.ofSeconds(5);

    /** ca.pem signs loopback.pem (for IP 127.0.0.1) and elsewhere.pem (for 192.0.2.1 only); other-ca.pem signs nothing here. */
    @BeforeAll
    static void certificates() throws Exception {
        assumeTrue(NatsServer.missing() == null, NatsServer.missing());
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "needs openssl (apt-get install openssl)");
        for (String ca : List.of("ca", "other-ca")) {
            keyAnd(ca, "/CN=nethergaze test " + ca, "-x509", "-days", "2", "-out", ca + ".pem");
        }
        for (String[] c : new String[][] {
            {"loopback", "IP:127.0.0.1"}, {"elsewhere", "IP:192.0.2.1"}, {"client", "DNS:web-1.example"}
        }) {
            Files.writeString(dir.resolve(c[0] + ".ext"), "subjectAltName=" + c[1] + "\n");
            keyAnd(c[0], "/CN=nats " + c[0], "-out", c[0] + ".csr");
            openssl(
                    "x509",
                    "-req",
                    "-in",
                    c[0] + ".csr",
                    "-CA",
                    "ca.pem",
                    "-CAkey",
                    "ca.key",
                    "-CAcreateserial",
                    "-out",
                    c[0] + ".pem",
                    "-days",
                    "2",
                    "-extfile",
                    c[0] + ".ext");
        }
    }

    /** A new P-256 key NAME.key and, by {@code openssl req}, what {@code rest} asks for with it. */
    private static void keyAnd(String name, String subject, String... rest) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                name + ".key"));
        args.addAll(List.of("-subj", subject));
        args.addAll(List.of(rest));
        openssl(args.toArray(String[]::new));
    }

    private static void openssl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static NatsServer tls(String cert) throws Exception {
        return NatsServer.startTls(dir, dir.resolve(cert + ".pem"), dir.resolve(cert + ".key"));
    }

    private static String url(String scheme, NatsServer s, String ca) {
        return scheme + "://127.0.0.1:" + s.port() + (ca == null ? "" : "?ca=" + dir.resolve(ca + ".pem"));
    }

    @Test
    void aMessageGoesRoundOverTlsWithTheGivenCa() throws Exception {
        try (NatsServer server = tls("loopback");
                NatsConnection sub = NatsConnection.connect(url("tls", server, "ca"), "sub", T);
                // nats:// upgrades too when the server requires TLS
                NatsConnection pub = NatsConnection.connect(url("nats", server, "ca"), "pub", T)) {
            assertRoundTrip(sub, pub);
        }
    }

    /** A message {@code pub} sends reaches {@code sub}. */
    private static void assertRoundTrip(NatsConnection sub, NatsConnection pub) throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        sub.subscribe("nethergaze.>", (subject, payload) -> got.add(new String(payload, StandardCharsets.UTF_8)));
        sub.flush();
        Thread.sleep(200);
        pub.publish("nethergaze.web-1.snapshot", "{\"ips\":[]}".getBytes(StandardCharsets.UTF_8));
        assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"ips\":[]}");
    }

    @Test
    void aCertificateFromAnotherAuthorityIsRefusedInOneLine() throws Exception {
        try (NatsServer server = tls("loopback")) {
            assertThatThrownBy(() -> NatsConnection.connect(url("tls", server, null), "x", T))
                    .isInstanceOf(IOException.class)
                    .hasMessage("TLS: the server's certificate is not signed by a trusted authority"
                            + " (give its CA's PEM file with ?ca=FILE)");
            assertThatThrownBy(() -> NatsConnection.connect(url("tls", server, "other-ca"), "x", T))
                    .isInstanceOf(IOException.class)
                    .hasMessage("TLS: the server's certificate is not signed by a trusted authority in "
                            + dir.resolve("other-ca.pem"));
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        try (NatsServer server = tls("elsewhere")) {
            assertThatThrownBy(() -> NatsConnection.connect(url("tls", server, "ca"), "x", T))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("TLS: ")
                    .hasMessageContaining("127.0.0.1")
                    .hasMessageNotContaining("\n");
        }
    }

    /**
     * Mutual TLS: a server that verifies clients takes the certificate and key of the URL, says in one
     * line that it wants one when none is given, and refuses one its authority did not sign; keys that
     * are not unencrypted PKCS#8 are one line too, with the openssl command that converts them.
     */
    @Test
    void aServerThatVerifiesClientsGetsTheUrlsCertificate() throws Exception {
        String own = "&cert=" + dir.resolve("client.pem") + "&key=" + dir.resolve("client.key");
        try (NatsServer server = NatsServer.startMutualTls(
                        dir, dir.resolve("loopback.pem"), dir.resolve("loopback.key"), dir.resolve("ca.pem"));
                NatsConnection sub = NatsConnection.connect(url("tls", server, "ca") + own, "sub", T);
                NatsConnection pub = NatsConnection.connect(url("nats", server, "ca") + own, "pub", T)) {
            assertRoundTrip(sub, pub);

            assertThatThrownBy(() -> NatsConnection.connect(url("tls", server, "ca"), "x", T))
                    .isInstanceOf(IOException.class)
                    .hasMessage("TLS: the server wants a client certificate (give it with &cert=FILE&key=FILE)");
            // signed by another authority: the server refuses it
            String stranger = "&cert=" + dir.resolve("other-ca.pem") + "&key=" + dir.resolve("other-ca.key");
            assertThatThrownBy(() -> NatsConnection.connect(url("tls", server, "ca") + stranger, "x", T))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith(
                            "TLS: the server refused the client certificate " + dir.resolve("other-ca.pem"))
                    .hasMessageNotContaining("\n");
        }
        Path sec1 = dir.resolve("sec1.key");
        openssl("ec", "-in", "client.key", "-out", "sec1.key");
        assertThat(Files.readString(sec1)).contains("BEGIN EC PRIVATE KEY");
        assertThatThrownBy(() -> NatsConnection.privateKey(sec1))
                .hasMessage("key: " + sec1 + " is not a PKCS#8 private key (BEGIN PRIVATE KEY) (openssl pkcs8 -topk8"
                        + " -nocrypt -in " + sec1 + " makes one)");
        assertThat(NatsConnection.privateKey(dir.resolve("client.key")).getAlgorithm())
                .isEqualTo("EC");
    }

    @Test
    void tlsIsNeverDowngraded() throws Exception {
        try (NatsServer plain = NatsServer.start(dir, null)) {
            assertThatThrownBy(() -> NatsConnection.connect(url("tls", plain, null), "x", T))
                    .isInstanceOf(IOException.class)
                    .hasMessage("the server offers no TLS (the URL asks for tls://)");
            // and the plain server still works for nats://
            NatsConnection.connect(url("nats", plain, null), "x", T).close();
        }
    }

    @Test
    void badUrlsAreOneLineErrors() {
        assertThatThrownBy(() -> NatsConnection.parse("tls://h:4222?ca=/nonexistent/ca.pem"))
                .hasMessage("ca: cannot read /nonexistent/ca.pem");
        assertThatThrownBy(() -> NatsConnection.parse("tls://h:4222?crt=x"))
                .hasMessage("unknown parameter 'crt=x' in the NATS URL (known: ca=FILE, cert=FILE, key=FILE)");
        assertThatThrownBy(() -> NatsConnection.parse("tls://h:4222?cert=" + dir.resolve("client.pem")))
                .hasMessage("cert=FILE and key=FILE go together in the NATS URL (the client certificate and its key)");
        assertThatThrownBy(() -> NatsConnection.parse(
                        "tls://h:4222?cert=" + dir.resolve("client.pem") + "&key=/nonexistent/client.key"))
                .hasMessage("key: cannot read /nonexistent/client.key");
        assertThatThrownBy(() -> NatsConnection.parse("http://h:4222"))
                .hasMessage("expected nats://host[:port] or tls://host[:port], got 'http://h:4222'");
    }
}
