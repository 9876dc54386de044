package dev.nethergaze.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests written by hand or by a script to the socket, as {@code nethergaze ctl} never sends them. A
 * field of the wrong type was read as "" (an array of ports cleared the port filter, answered ok) or as
 * the default ({@code "n":"abc"} gave 20 rows), and a request without its final newline, written before
 * the client closed its side ({@code printf '{"cmd":"status"}' | socat - UNIX-CONNECT:PATH}), got no
 * reply at all.
 */
class ControlRequestShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode ask(Path sock, String req) throws IOException {
        return JSON.readTree(ControlClient.send(sock, req));
    }

    @Test
    void aFilterFieldThatIsNotTextIsRefusedAndChangesNothing(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ng.sock");
        ControlServerTest.Recorder rec = new ControlServerTest.Recorder();
        try (ControlServer ignored = ControlServer.start(sock, rec)) {
            JsonNode array = ask(sock, "{\"cmd\":\"set\",\"port\":[\"80\"]}");
            assertThat(array.path("ok").asBoolean()).isFalse();
            assertThat(array.path("error").asText())
                    .isEqualTo("set: \"port\" must be a string (\"\" clears it), not an array");
            JsonNode object = ask(sock, "{\"cmd\":\"set\",\"src\":{}}");
            assertThat(object.path("error").asText())
                    .isEqualTo("set: \"src\" must be a string (\"\" clears it), not an object");
            // a number is what it says: port 22
            assertThat(ask(sock, "{\"cmd\":\"set\",\"port\":22}").path("ok").asBoolean())
                    .isTrue();
            synchronized (rec) {
                assertThat(rec.calls).containsExactly("set 22");
            }
        }
    }

    @Test
    void aRowCountThatIsNotAWholeNumberIsRefused(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ng.sock");
        try (ControlServer ignored = ControlServer.start(sock, new ControlServerTest.Recorder())) {
            for (String n : new String[] {"\"abc\"", "1.9", "[]", "true"}) {
                JsonNode r = ask(sock, "{\"cmd\":\"top\",\"n\":" + n + "}");
                assertThat(r.path("ok").asBoolean()).as(n).isFalse();
                assertThat(r.path("error").asText()).as(n).isEqualTo("top N needs 1 <= N <= 1000");
            }
            assertThat(ask(sock, "{\"cmd\":\"top\"}").path("ok").asBoolean()).isTrue(); // 20 by default
            assertThat(ask(sock, "{\"cmd\":\"top\",\"n\":\"5\"}").path("ok").asBoolean())
                    .isTrue();
        }
    }

    @Test
    void aRequestEndedByTheClientClosingItsSideIsAnswered(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ng.sock");
        try (ControlServer ignored = ControlServer.start(sock, new ControlServerTest.Recorder());
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(sock));
            ch.write(ByteBuffer.wrap("{\"cmd\":\"status\"}".getBytes(StandardCharsets.UTF_8)));
            ch.shutdownOutput();
            InputStream in = Channels.newInputStream(ch);
            String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reply).startsWith("{\"ok\":true,\"cmd\":\"status\"").endsWith("}\n");
        }
    }
}
