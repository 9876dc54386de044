package dev.nethergaze.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that stops reading (frozen by SIGSTOP here; overloaded in life) fills the socket's buffers,
 * and a publisher's write then blocked for as long as it stayed so: no "connection lost", no
 * reconnect, nothing said (the fleet helper's drill: a jstack at 80 s found the publisher in
 * NatsConnection.send with 4 MB waiting). A write that stands still past the deadline now ends the
 * connection, and the write fails with why.
 */
class NatsWriteDeadlineTest {

    @TempDir
    Path tmp;

    @Test
    void aWriteToAServerThatReadsNothingFailsAfterTheDeadline() throws Exception {
        assumeTrue(NatsServer.missing() == null, NatsServer.missing());
        try (NatsServer server = NatsServer.start(tmp, null);
                NatsConnection c = NatsConnection.connect(server.url(), "t", Duration.ofSeconds(5))) {
            c.writeDeadline(Duration.ofSeconds(2));
            byte[] doc = new byte[(int) Math.min(c.maxPayload(), 512 * 1024)];
            server.pause();
            try {
                CompletableFuture<IOException> failed = CompletableFuture.supplyAsync(() -> {
                    try {
                        for (int i = 0; i < 400; i++) { // 200 MB at most: far past any socket buffer
                            c.publish("nethergaze.web-1.snapshot", doc);
                        }
                        return null;
                    } catch (IOException e) {
                        return e;
                    }
                });
                IOException e = failed.get(30, TimeUnit.SECONDS);
                assertThat(e).as("the writes went through a frozen server").isNotNull();
                assertThat(e)
                        .hasMessage("connection lost: a write to the server has not gone through for 2 s: it reads"
                                + " nothing (stuck or overloaded?)");
                assertThat(c.closed()).startsWith("a write to the server has not gone through");
            } finally {
                server.resume();
            }
        }
    }
}
