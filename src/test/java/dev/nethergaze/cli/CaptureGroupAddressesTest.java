package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multicast groups and the IPv4 broadcast address are where packets go, not peers: a capture on any
 * LAN is full of them (mDNS to 224.0.0.251, DHCP to 255.255.255.255, IPv6 neighbour discovery and MLD
 * to ff02::…). The capture counts what their senders send and never makes them IPs, whatever
 * {@code --show-private-ips} says (a replay shows private addresses by default, and listed them). Before, a live capture on a
 * veth listed ff02::16, ff02::2 and ff02::1:ff28:a78c as IPs with the default settings, and a replay
 * listed them even when hiding non-public addresses.
 */
class CaptureGroupAddressesTest {

    @Test
    void multicastAndBroadcastDestinationsAreNotListedAsIps(@TempDir Path dir) throws IOException {
        Path pcap = dir.resolve("groups.pcap");
        Files.write(
                pcap,
                pcap(List.of(
                        udp4("198.51.100.7", "224.0.0.251"),
                        udp4("198.51.100.8", "255.255.255.255"),
                        udp4("198.51.100.9", "239.255.255.250"),
                        udp6("2001:db8::7", "ff02::16"))));
        CliRun r = CliRun.of("replay", "--json", "--hide-private-ips", pcap.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> ips = new ArrayList<>();
        for (JsonNode ip : r.json().get("ips")) {
            ips.add(ip.get("ip").asText());
        }
        assertThat(ips).containsExactlyInAnyOrder("198.51.100.7", "198.51.100.8", "198.51.100.9", "2001:db8::7");

        // nor by default: a group is no remote host, private or not (a replay listed ff02::2 and the rest)
        CliRun all = CliRun.of("replay", "--json", pcap.toString());
        assertThat(all.json().get("ips")).hasSize(4);
    }

    /** A pcap (microseconds, raw IP link type 101) of the given packets, one second apart. */
    private static byte[] pcap(List<byte[]> packets) {
        int size = 24 + packets.stream().mapToInt(p -> 16 + p.length).sum();
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
        b.putInt(65535).putInt(101);
        int sec = 1_700_000_000;
        for (byte[] p : packets) {
            b.putInt(sec++).putInt(0).putInt(p.length).putInt(p.length).put(p);
        }
        return b.array();
    }

    private static byte[] udp4(String src, String dst) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.put((byte) 0x45).put((byte) 0).putShort((short) 28).putInt(0);
        b.put((byte) 1).put((byte) 17).putShort((short) 0);
        b.put(java.net.InetAddress.getByName(src).getAddress());
        b.put(java.net.InetAddress.getByName(dst).getAddress());
        b.putShort((short) 5353).putShort((short) 5353).putShort((short) 8).putShort((short) 0);
        return b.array();
    }

    private static byte[] udp6(String src, String dst) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(48);
        b.putInt(0x60000000).putShort((short) 8).put((byte) 17).put((byte) 1);
        b.put(java.net.InetAddress.getByName(src).getAddress());
        b.put(java.net.InetAddress.getByName(dst).getAddress());
        b.putShort((short) 5353).putShort((short) 5353).putShort((short) 8).putShort((short) 0);
        return b.array();
    }
}
