package dev.nethergaze.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The special-purpose table at the edges of every block: the first and last address in, the neighbours out. */
class SpecialAddressTest {

    private static String classify(String ip) {
        return SpecialAddress.of(IpKey.parse(ip)).map(SpecialAddress::describe).orElse("-");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0.0.0.0         | reserved (unspecified, RFC 1122)",
                "0.0.0.1         | reserved (this network, RFC 1122)",
                "0.255.255.255   | reserved (this network, RFC 1122)",
                "1.0.0.0         | -",
                "9.255.255.255   | -",
                "10.0.0.0        | reserved (private use, RFC 1918)",
                "10.255.255.255  | reserved (private use, RFC 1918)",
                "11.0.0.0        | -",
                "100.63.255.255  | -",
                "100.64.0.0      | reserved (shared address space, RFC 6598)",
                "100.127.255.255 | reserved (shared address space, RFC 6598)",
                "100.128.0.0     | -",
                "126.255.255.255 | -",
                "127.0.0.0       | reserved (loopback, RFC 1122)",
                "127.255.255.255 | reserved (loopback, RFC 1122)",
                "128.0.0.0       | -",
                "169.253.255.255 | -",
                "169.254.0.0     | reserved (link-local, RFC 3927)",
                "169.254.255.255 | reserved (link-local, RFC 3927)",
                "169.255.0.0     | -",
                "172.15.255.255  | -",
                "172.16.0.0      | reserved (private use, RFC 1918)",
                "172.31.255.255  | reserved (private use, RFC 1918)",
                "172.32.0.0      | -",
                "191.255.255.255 | -",
                "192.0.0.0       | reserved (IETF protocol assignments, RFC 6890)",
                "192.0.0.255     | reserved (IETF protocol assignments, RFC 6890)",
                "192.0.1.0       | -",
                "192.0.2.0       | reserved (documentation, RFC 5737)",
                "192.0.2.1       | reserved (documentation, RFC 5737)",
                "192.0.2.255     | reserved (documentation, RFC 5737)",
                "192.0.3.0       | -",
                "192.88.98.255   | -",
                "192.88.99.0     | reserved (deprecated 6to4 relay anycast, RFC 7526)",
                "192.88.99.255   | reserved (deprecated 6to4 relay anycast, RFC 7526)",
                "192.88.100.0    | -",
                "192.167.255.255 | -",
                "192.168.0.0     | reserved (private use, RFC 1918)",
                "192.168.255.255 | reserved (private use, RFC 1918)",
                "192.169.0.0     | -",
                "198.17.255.255  | -",
                "198.18.0.0      | reserved (benchmarking, RFC 2544)",
                "198.19.255.255  | reserved (benchmarking, RFC 2544)",
                "198.20.0.0      | -",
                "198.51.99.255   | -",
                "198.51.100.0    | reserved (documentation, RFC 5737)",
                "198.51.100.255  | reserved (documentation, RFC 5737)",
                "198.51.101.0    | -",
                "203.0.112.255   | -",
                "203.0.113.0     | reserved (documentation, RFC 5737)",
                "203.0.113.255   | reserved (documentation, RFC 5737)",
                "203.0.114.0     | -",
                "223.255.255.255 | -",
                "224.0.0.0       | reserved (multicast, RFC 5771)",
                "239.255.255.255 | reserved (multicast, RFC 5771)",
                "240.0.0.0       | reserved (reserved for future use, RFC 1112)",
                "255.255.255.254 | reserved (reserved for future use, RFC 1112)",
                "255.255.255.255 | reserved (limited broadcast, RFC 919)",
                "8.8.8.8         | -",
                "::ffff:192.0.2.1 | reserved (documentation, RFC 5737)",
            })
    void ipv4(String ip, String expected) {
        assertThat(classify(ip)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                ":: | reserved (unspecified, RFC 4291)",
                "::1 | reserved (loopback, RFC 4291)",
                "::2 | reserved (outside global unicast 2000::/3, RFC 4291)",
                "1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | reserved (outside global unicast 2000::/3, RFC 4291)",
                "2000:: | -",
                "64:ff9b::a00:1 | reserved (NAT64 of 10.0.0.1, private use, RFC 1918)",
                "64:ff9b::c000:201 | reserved (NAT64 of 192.0.2.1, documentation, RFC 5737)",
                "64:ff9b::7f00:1 | reserved (NAT64 of 127.0.0.1, loopback, RFC 1122)",
                "64:ff9b::808:808 | -",
                "64:ff9b::ffff:ffff | reserved (NAT64 of 255.255.255.255, limited broadcast, RFC 919)",
                "64:ff9b::1:0:0 | reserved (outside global unicast 2000::/3, RFC 4291)",
                "64:ff9b:1:: | reserved (local-use NAT64 of 0.0.0.0, unspecified, RFC 1122)",
                "64:ff9b:1::5102:45a0 | -",
                "64:ff9b:1::a00:1 | reserved (local-use NAT64 of 10.0.0.1, private use, RFC 1918)",
                "64:ff9b:1:0:1:: | reserved (local-use IPv4/IPv6 translation, RFC 8215)",
                "64:ff9b:1:ffff:ffff:ffff:ffff:ffff | reserved (local-use IPv4/IPv6 translation, RFC 8215)",
                "64:ff9b:2:: | reserved (outside global unicast 2000::/3, RFC 4291)",
                "100:: | reserved (discard-only, RFC 6666)",
                "100::ffff:ffff:ffff:ffff | reserved (discard-only, RFC 6666)",
                "100:0:0:1:: | reserved (outside global unicast 2000::/3, RFC 4291)",
                "2001:: | reserved (Teredo, RFC 4380)",
                "2001:0:ffff:ffff:ffff:ffff:ffff:ffff | reserved (Teredo, RFC 4380)",
                "2001:1::1 | reserved (IETF protocol assignments, RFC 2928)",
                "2001:2:: | reserved (benchmarking, RFC 5180)",
                "2001:2:0:ffff:ffff:ffff:ffff:ffff | reserved (benchmarking, RFC 5180)",
                "2001:2:1:: | reserved (IETF protocol assignments, RFC 2928)",
                "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff | reserved (IETF protocol assignments, RFC 2928)",
                "2001:200:: | -",
                "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff | -",
                "2001:db8:: | reserved (documentation, RFC 3849)",
                "2001:db8::1 | reserved (documentation, RFC 3849)",
                "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff | reserved (documentation, RFC 3849)",
                "2001:db9:: | -",
                "2002:a00:1:: | reserved (6to4 of 10.0.0.1, private use, RFC 1918)",
                "2002:c612:1:1::1 | reserved (6to4 of 198.18.0.1, benchmarking, RFC 2544)",
                "2002:c0a8:ffff:ffff:ffff:ffff:ffff:ffff | reserved (6to4 of 192.168.255.255, private use, RFC 1918)",
                "2002:808:808:: | -",
                "2003:: | -",
                "3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff | -",
                "3fff:: | reserved (documentation, RFC 9637)",
                "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff | reserved (documentation, RFC 9637)",
                "3fff:1000:: | -",
                "3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | -",
                "4000:: | reserved (outside global unicast 2000::/3, RFC 4291)",
                "5f00:: | reserved (SRv6 segment identifiers, RFC 9602)",
                "5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff | reserved (SRv6 segment identifiers, RFC 9602)",
                "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | reserved (outside global unicast 2000::/3, RFC 4291)",
                "fc00:: | reserved (unique local, RFC 4193)",
                "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | reserved (unique local, RFC 4193)",
                "fe00:: | reserved (outside global unicast 2000::/3, RFC 4291)",
                "fe80:: | reserved (link-local, RFC 4291)",
                "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff | reserved (link-local, RFC 4291)",
                "fec0:: | reserved (deprecated site-local, RFC 3879)",
                "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | reserved (deprecated site-local, RFC 3879)",
                "ff00:: | reserved (multicast, RFC 4291)",
                "ff02::1 | reserved (multicast, RFC 4291)",
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | reserved (multicast, RFC 4291)",
                "2606:4700:4700::1111 | -",
            })
    void ipv6(String ip, String expected) {
        assertThat(classify(ip)).isEqualTo(expected);
    }

    /** Documentation addresses are visitors to the views (the demo's are) but no registry holds them. */
    @Test
    void separateFromWhatTheViewsCallNonPublic() {
        for (String doc : new String[] {"192.0.2.1", "198.51.100.7", "203.0.113.9", "2001:db8::9", "198.18.0.1"}) {
            assertThat(IpKey.parse(doc).isNonPublic()).as(doc).isFalse();
            assertThat(SpecialAddress.of(IpKey.parse(doc))).as(doc).isPresent();
        }
        for (String nonPublic :
                new String[] {"10.1.2.3", "127.0.0.1", "169.254.9.9", "fd00::1", "fe80::1", "::1", "::"}) {
            assertThat(SpecialAddress.of(IpKey.parse(nonPublic))).as(nonPublic).isPresent();
        }
    }

    @Test
    void whoisReasonNamesTheBlockAndItsRfc() {
        assertThat(SpecialAddress.of(IpKey.parse("192.0.2.1")).orElseThrow().whoisReason())
                .isEqualTo("reserved (documentation, RFC 5737): no registry holds it");
    }

    /** What is looked up for an address: the IPv4 address a NAT64 or 6to4 one carries, else itself. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "64:ff9b::5102:45a0    | 81.2.69.160 | via NAT64 of 81.2.69.160",
                "64:ff9b:1::5102:45a0  | 81.2.69.160 | via local-use NAT64 of 81.2.69.160",
                "2002:5102:45a0:1::9   | 81.2.69.160 | via 6to4 of 81.2.69.160",
                "64:ff9b::a00:1        | 10.0.0.1    | via NAT64 of 10.0.0.1",
                "64:ff9b:1:0:1::       | 64:ff9b:1:0:1:: | -",
                "2001:4860:4860::8888  | 2001:4860:4860::8888 | -",
                "81.2.69.160           | 81.2.69.160 | -",
            })
    void carried(String ip, String lookedUp, String via) {
        IpKey k = IpKey.parse(ip);
        assertThat(SpecialAddress.lookupKey(k)).hasToString(lookedUp);
        assertThat(SpecialAddress.carried(k)
                        .map(SpecialAddress.Carried::describe)
                        .orElse("-"))
                .isEqualTo(via);
    }
}
