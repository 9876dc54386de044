package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.engine.ReplayDriver;
import dev.nethergaze.model.SourceStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture of a link type the decoder does not read (802.11, 105) was reported as "3 packets (pcap/us)"
 * and no IP at all, as if the file held no IP traffic: its health now says how many packets went
 * undecoded and of which link type, and so does a line on stderr.
 */
class UndecodedLinkTypeTest {

    /** A pcap of {@code packets} 60-byte frames of {@code linkType}. */
    private static Path pcap(Path dir, int linkType, int packets) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(24 + packets * (16 + 60)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(65535);
        b.putInt(linkType);
        for (int i = 0; i < packets; i++) {
            b.putInt(1_700_000_000 + i).putInt(0).putInt(60).putInt(60).put(new byte[60]);
        }
        return Files.write(dir.resolve("link" + linkType + ".pcap"), b.array());
    }

    private static ReplayCapture replay(Path f, List<String> reported) throws InterruptedException {
        Engine engine = new Engine(new EngineSettings(true, 1000, null, 5, "test", String::valueOf));
        ReplayCapture src = new ReplayCapture(
                f, CaptureOptions.defaults(), (name, status, detail) -> reported.add(status + " " + detail));
        new ReplayDriver(engine, Duration.ofSeconds(1)).run(List.of(src));
        return src;
    }

    @Test
    void packetsOfALinkTypeNotDecodedAreSaidSo(@TempDir Path dir) throws Exception {
        Path f = pcap(dir, 105, 3);
        List<String> reported = new ArrayList<>();
        ReplayCapture src = replay(f, reported);
        assertThat(src.health().status()).isEqualTo(SourceStatus.DONE);
        String expected =
                f + ": 3 packets (pcap/us); 3 of link type 105, which is not decoded: no addresses" + " read from them";
        assertThat(src.health().detail()).isEqualTo(expected);
        assertThat(reported).contains("DONE " + expected);
    }

    @Test
    void aDecodedLinkTypeSaysNothingMore(@TempDir Path dir) throws Exception {
        Path f = pcap(dir, 1, 2); // Ethernet, zeroed: not IP, but read
        List<String> reported = new ArrayList<>();
        ReplayCapture src = replay(f, reported);
        assertThat(src.health().detail()).isEqualTo(f + ": 2 packets (pcap/us)");
    }
}
