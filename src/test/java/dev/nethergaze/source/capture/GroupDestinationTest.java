package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.IpKey;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Multicast groups and the IPv4 broadcast address are where packets go, not peers: a replay listed
 * {@code ff02::2} (all routers, a router solicitation's destination) in {@code ips[]} as if it were a
 * remote host. Their senders are counted; the groups are not IPs of the table.
 */
class GroupDestinationTest {

    private static MemorySegment udp4(int src, int dst) {
        return udp4(src, 5353, dst, 5353);
    }

    /** A raw IPv4 UDP datagram with no payload (28 bytes). */
    static MemorySegment udp4(int src, int srcPort, int dst, int dstPort) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.put((byte) 0x45).put((byte) 0).putShort((short) 28).putInt(0);
        b.put((byte) 1).put((byte) 17).putShort((short) 0).putInt(src).putInt(dst);
        b.putShort((short) srcPort)
                .putShort((short) dstPort)
                .putShort((short) 8)
                .putShort((short) 0);
        return MemorySegment.ofArray(b.array());
    }

    /** An ICMPv6 router solicitation from {@code src} to ff02::2. */
    private static MemorySegment routerSolicitation(IpKey src) {
        ByteBuffer b = ByteBuffer.allocate(48);
        b.putInt(0x60000000).putShort((short) 8).put((byte) 58).put((byte) 255);
        b.putLong(src.hi()).putLong(src.lo());
        b.putLong(0xff02000000000000L).putLong(2);
        b.put((byte) 133).put((byte) 0).putShort((short) 0).putInt(0);
        return MemorySegment.ofArray(b.array());
    }

    @Test
    void groupsAndBroadcastAreNotListedTheirSendersAre() {
        WireAggregator agg = new WireAggregator(CaptureLimits.DEFAULTS, null);
        IpKey host = IpKey.parse("192.0.2.7");
        IpKey v6 = IpKey.parse("2001:db8::7");
        agg.frame(
                1000,
                FrameDecoder.LINK_RAW,
                udp4(host.v4(), IpKey.parse("224.0.0.251").v4()),
                0,
                28,
                28);
        agg.frame(2000, FrameDecoder.LINK_RAW, udp4(host.v4(), -1), 0, 28, 28);
        agg.frame(3000, FrameDecoder.LINK_RAW, routerSolicitation(v6), 0, 48, 48);
        assertThat(agg.all()).extracting(IpTotals::ip).containsExactlyInAnyOrder(host, v6);
        assertThat(agg.totals(host).packets()).isEqualTo(2);
        assertThat(agg.tick("cap", Instant.ofEpochSecond(1), 1_000_000_000L).ips())
                .noneMatch(d -> d.ip().isGroup());
        assertThat(agg.counters().frames()).isEqualTo(3);
    }
}
