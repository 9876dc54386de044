package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.WireDelta;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The capture's IP table stays within its cap, and an IP it evicted is not brought back by its own
 * bookkeeping: before, a SYN of an evicted IP that went unanswered made the IP anew when its
 * handshake timed out (a flood of 400k sources, one SYN each, counted 735k evictions in its
 * capture and its engine, and each came back as an IP of 0 packets).
 */
class EvictionTest {

    private static final long SECOND = 1_000_000_000L;

    /** A raw IPv4 TCP SYN from {@code src} to 10.0.0.1:80. */
    private static MemorySegment syn(int src, int srcPort) {
        ByteBuffer b = ByteBuffer.allocate(40);
        b.put((byte) 0x45).put((byte) 0).putShort((short) 40).putInt(0);
        b.put((byte) 64).put((byte) 6).putShort((short) 0).putInt(src).putInt(0x0A000001);
        b.putShort((short) srcPort).putShort((short) 80).putInt(1000).putInt(0);
        b.put((byte) 0x50).put((byte) 0x02).putShort((short) 1024).putInt(0);
        return MemorySegment.ofArray(b.array());
    }

    @Test
    void anEvictedIpIsNotMadeAgainWhenItsSynTimesOut() {
        WireAggregator agg = new WireAggregator(new CaptureLimits(3, 1000, Duration.ofSeconds(3)), null);
        int first = (198 << 24) | (51 << 16) | (100 << 8);
        for (int i = 1; i <= 5; i++) { // 10.0.0.1 and the latest two senders fit
            agg.frame(i * 1000L, FrameDecoder.LINK_RAW, syn(first + i, 40000 + i), 0, 40, 40);
        }
        assertThat(agg.counters().ipsEvicted()).isEqualTo(3);
        PacketTick t = agg.tick("cap", Instant.ofEpochSecond(10), 10 * SECOND); // every SYN timed out
        assertThat(agg.counters().ipsEvicted()).as("no IP evicted again").isEqualTo(3);
        assertThat(agg.counters().ipsTracked()).isEqualTo(3);
        assertThat(agg.totals(IpKey.ofV4(first + 1)))
                .as("evicted, not made again")
                .isNull();
        assertThat(agg.totals(IpKey.ofV4(first + 5)).synUnanswered()).isEqualTo(1);
        long unanswered = t.ips().stream().mapToLong(WireDelta::unansweredSyn).sum();
        assertThat(unanswered).as("the SYNs of the IPs still tracked").isEqualTo(2);
        assertThat(t.ips()).allMatch(d -> d.packets() > 0 || d.ip().equals(IpKey.parse("10.0.0.1")));
    }
}
