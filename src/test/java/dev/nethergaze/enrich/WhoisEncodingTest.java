package dev.nethergaze.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import dev.nethergaze.enrich.whois.WhoisClient;
import dev.nethergaze.enrich.whois.WhoisParser;
import dev.nethergaze.enrich.whois.WhoisServer;
import dev.nethergaze.model.WhoisInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Port-43 replies in the encodings registries send: UTF-8, and Latin-1 (older LACNIC and RIPE
 * records), from a whois server on loopback.
 */
class WhoisEncodingTest {

    /** Answers one query with {@code reply}, then closes. */
    private static WhoisInfo queryServing(byte[] reply) throws IOException, InterruptedException {
        try (ServerSocket ss = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread server = Thread.ofVirtual().start(() -> {
                try (Socket s = ss.accept()) {
                    s.getInputStream().read(new byte[256]);
                    OutputStream out = s.getOutputStream();
                    out.write(reply);
                } catch (IOException ignored) {
                    // the test's assertion says what went wrong
                }
            });
            WhoisClient client = new WhoisClient(Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20);
            String text = client.query(new WhoisServer("127.0.0.1", ss.getLocalPort()), "200.57.141.161");
            server.join();
            return WhoisParser.parse(text).info();
        }
    }

    private static byte[] lacnicWithOwner(String owner, java.nio.charset.Charset charset) throws IOException {
        String text = Files.readString(TestData.path("whois/ipwhois/whois_200.57.141.161.txt"), StandardCharsets.UTF_8);
        return text.replace("Triara.com, S.A. de C.V.", owner).getBytes(charset);
    }

    /** Before: every reply was read as UTF-8, and a Latin-1 "ô" became U+FFFD: "Telef\ufffdnica Brasil S.A.". */
    @Test
    void aLatin1ReplyKeepsItsAccents() throws Exception {
        WhoisInfo info = queryServing(lacnicWithOwner("Telefônica Brasil S.A.", StandardCharsets.ISO_8859_1));
        assertThat(info.org()).isEqualTo("Telefônica Brasil S.A.");
        assertThat(info.abuseEmail()).isEqualTo("operacion.redes@TRIARA.COM");
    }

    @Test
    void aUtf8ReplyStaysUtf8() throws Exception {
        WhoisInfo info = queryServing(lacnicWithOwner("Telefônica Brasil S.A. – São Paulo", StandardCharsets.UTF_8));
        assertThat(info.org()).isEqualTo("Telefônica Brasil S.A. – São Paulo");
    }

    @Test
    void theRecordedRepliesReadAsBefore() throws Exception {
        byte[] ripe = Files.readAllBytes(TestData.path("whois/ipwhois/whois_62.239.237.1.txt"));
        WhoisInfo info = queryServing(ripe);
        assertThat(info.network()).isEqualTo("BT-CORPORATE");
        assertThat(info.abuseEmail()).isEqualTo("protect@bt.com");
    }
}
