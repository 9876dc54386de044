package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.TestData;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.engine.ReplayDriver;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.StatusReporter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged, empty and byte-swapped captures, and the replay source feeding the engine. */
class CaptureFileErrorsTest {

    @Test
    void emptyFileIsAClearError(@TempDir Path dir) throws IOException {
        Path f = Files.write(dir.resolve("empty.pcap"), new byte[0]);
        assertThatThrownBy(() -> Replays.aggregate(f))
                .hasMessage(f + ": empty file (no pcap or pcapng header) at offset 0");
    }

    @Test
    void notACaptureNamesTheMagic(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("log.pcap"), "GET / HTTP/1.1\r\n");
        assertThatThrownBy(() -> Replays.aggregate(f)).hasMessageContaining("not a pcap or pcapng file (magic 0x");
    }

    @Test
    void truncatedPcapNamesTheOffset(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(TestData.path("pcap/zeek/tcp_syn-synack.pcap"));
        Path f = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(whole, whole.length - 10));
        // record 1 at 24 (16 + caplen), record 2 follows it
        int cap1 = ByteBuffer.wrap(whole, 32, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        long second = 24L + 16 + cap1;
        assertThatThrownBy(() -> Replays.aggregate(f))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("truncated packet")
                .hasMessageEndingWith("at offset " + second)
                .satisfies(e -> assertThat(((CaptureFormatException) e).cutShort())
                        .as("after a readable header")
                        .isTrue());
        assertThat(CaptureFile.unreadable(f)).as("its first packet reads").isNull();
    }

    /** A file cut inside its header: nothing readable, and no mere cut-short tail. */
    @Test
    void aHeaderCutShortIsUnreadable(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(TestData.path("pcap/zeek/tcp_syn-synack.pcap"));
        Path pcap = Files.write(dir.resolve("head.pcap"), Arrays.copyOf(whole, 10));
        assertThatThrownBy(() -> Replays.aggregate(pcap))
                .satisfies(
                        e -> assertThat(((CaptureFormatException) e).cutShort()).isFalse());
        assertThat(CaptureFile.unreadable(pcap)).isEqualTo("truncated pcap file header (10 of 24 bytes) at offset 10");
        byte[] ng = Files.readAllBytes(TestData.path("pcap/chrissanders/tcp_handshake.pcapng"));
        Path shb = Files.write(dir.resolve("head.pcapng"), Arrays.copyOf(ng, 20));
        assertThat(CaptureFile.unreadable(shb)).startsWith("truncated pcapng block (20 of ");
        byte[] bad = whole.clone();
        ByteBuffer.wrap(bad, 32, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7fffffff);
        assertThat(CaptureFile.unreadable(Files.write(dir.resolve("bad.pcap"), bad)))
                .as("a damaged first packet: nothing readable")
                .startsWith("corrupt packet record");
        assertThat(CaptureFile.unreadable(TestData.path("pcap/tcpdump/empty.pcapng")))
                .as("no packets, but whole")
                .isNull();
    }

    @Test
    void corruptRecordLengthIsReported(@TempDir Path dir) throws IOException {
        byte[] b = Files.readAllBytes(TestData.path("pcap/zeek/tcp_syn-synack.pcap"));
        ByteBuffer.wrap(b, 32, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7fffffff);
        Path f = Files.write(dir.resolve("bad.pcap"), b);
        assertThatThrownBy(() -> Replays.aggregate(f))
                .hasMessageContaining("corrupt packet record")
                .hasMessageEndingWith("at offset 24");
    }

    @Test
    void truncatedPcapngBlockIsReported(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(TestData.path("pcap/chrissanders/tcp_handshake.pcapng"));
        Path f = Files.write(dir.resolve("cut.pcapng"), Arrays.copyOf(whole, whole.length - 7));
        assertThatThrownBy(() -> Replays.aggregate(f))
                .hasMessageContaining("truncated pcapng block")
                .satisfies(
                        e -> assertThat(((CaptureFormatException) e).cutShort()).isTrue());
        assertThat(CaptureFile.unreadable(f)).isNull();
    }

    /**
     * A block length far beyond any block (4294967280, a damaged length field) is damage, not a file
     * cut short: Wireshark says "total block length ... is too large"; the replay said it read "up to
     * where the file is cut short" and reported the run done.
     */
    @Test
    void anImpossiblePcapngBlockLengthIsDamageNotACutShortFile(@TempDir Path dir) throws IOException {
        byte[] b = Files.readAllBytes(TestData.path("pcap/chrissanders/tcp_handshake.pcapng"));
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int off = 0;
        while (bb.getInt(off) != 6) { // the first enhanced packet block
            off += bb.getInt(off + 4);
        }
        bb.putInt(off + 4, 0xFFFFFFF0);
        Path f = Files.write(dir.resolve("bad.pcapng"), b);
        int at = off;
        assertThatThrownBy(() -> Replays.aggregate(f))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("corrupt pcapng block (length 4294967280")
                .hasMessageEndingWith("at offset " + at)
                .satisfies(
                        e -> assertThat(((CaptureFormatException) e).cutShort()).isFalse());
    }

    @Test
    void bigEndianPcapReadsLikeLittleEndian(@TempDir Path dir) throws IOException {
        Path src = TestData.path("pcap/tcpdump/tcp-handshake-nano.pcap");
        Path swapped = Files.write(dir.resolve("be.pcap"), swapPcap(Files.readAllBytes(src)));
        WireAggregator a = Replays.aggregate(src);
        WireAggregator b = Replays.aggregate(swapped);
        assertThat(b.all()).containsExactlyInAnyOrderElementsOf(a.all());
        IpTotals client = a.totals(IpKey.parse("131.155.215.69"));
        assertThat(client.handshakes()).isEqualTo(1);
        // nanosecond file: its ACK comes 0.127609669 s after its SYN
        assertThat(client.lastSeenNs() - client.firstSeenNs()).isEqualTo(127_609_669L);
    }

    /** Rewrites a little-endian pcap in big-endian order (header and record headers). */
    private static byte[] swapPcap(byte[] le) {
        ByteBuffer in = ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(le.length).order(ByteOrder.BIG_ENDIAN);
        out.putInt(in.getInt()).putShort(in.getShort()).putShort(in.getShort());
        out.putInt(in.getInt()).putInt(in.getInt()).putInt(in.getInt()).putInt(in.getInt());
        while (in.remaining() >= 16) {
            int sec = in.getInt();
            int frac = in.getInt();
            int cap = in.getInt();
            int len = in.getInt();
            out.putInt(sec).putInt(frac).putInt(cap).putInt(len);
            byte[] data = new byte[cap];
            in.get(data);
            out.put(data);
        }
        return out.array();
    }

    @Test
    void masscanReplayGivesAPortScanPictureInTheSnapshot() throws Exception {
        Path f = TestData.path("pcap/esnet/tcp_0_1000_20190821.pcap");
        Engine engine = new Engine(new EngineSettings(true, 1000, null, 5, "test", String::valueOf));
        ReplayCapture src = new ReplayCapture(f, CaptureOptions.defaults(), StatusReporter.silent());
        Snapshot s = new ReplayDriver(engine, Duration.ofSeconds(1)).run(List.of(src));
        assertThat(src.health().status()).isEqualTo(SourceStatus.DONE);
        IpView scanner = s.ips().stream()
                .filter(v -> v.wire() != null && v.wire().syn() > 0)
                .findFirst()
                .orElseThrow();
        assertThat(scanner.wire().syn()).isEqualTo(1001);
        assertThat(scanner.wire().synAck()).isZero();
        assertThat(scanner.wire().portsTouched()).isEqualTo(1001);
        assertThat(scanner.wire().unansweredSyn()).isEqualTo(1001);
        assertThat(scanner.wire().handshakes()).isZero();
        assertThat(src.status().counters().frames()).isEqualTo(1005);
    }

    @Test
    void synFloodIsTwoHundredUnansweredSynsFromOneSource() throws IOException {
        WireAggregator a =
                Replays.aggregate(TestData.path("pcap/suricata-verify/tcp-session-syn-flood-drop-precedence.pcap"));
        List<IpTotals> senders = a.all().stream().filter(t -> t.syn() > 0).toList();
        assertThat(senders).hasSize(1);
        assertThat(senders.getFirst().syn()).isEqualTo(200);
        assertThat(senders.getFirst().synUnanswered() + senders.getFirst().retrans())
                .isEqualTo(200);
    }

    @Test
    void retransmissionsAreCounted() throws IOException {
        WireAggregator a = Replays.aggregate(TestData.path("pcap/chrissanders/tcp_retransmissions.pcapng"));
        assertThat(a.all().stream().mapToLong(IpTotals::retrans).sum()).isEqualTo(5);
    }
}
