package dev.nethergaze.model;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpKeyTest {

    @ParameterizedTest
    @CsvSource({
        "192.0.2.1, 192.0.2.1",
        "::ffff:192.0.2.1, 192.0.2.1",
        "::FFFF:c000:0201, 192.0.2.1",
        "[2001:db8::1], 2001:db8::1",
        "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
        "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8::1:0, 2001:db8::1:0",
        "2001:db8:1:1:1:1:1:0, 2001:db8:1:1:1:1:1:0",
        "::, ::",
        "::1, ::1",
        "fe80::1%eth0, fe80::1",
        "::192.0.2.1, ::c000:201"
    })
    void parsesAndPrintsCanonically(String in, String out) {
        assertThat(IpKey.parse(in.strip())).hasToString(out.strip());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1.2.3",
                "1.2.3.4.5",
                "256.1.1.1",
                "01.2.3.4",
                "1.2.3.",
                "example.com",
                ":::",
                "1::2::3",
                "12345::",
                "2001:db8:::1",
                "1:2:3:4:5:6:7:8:9",
                "[::1",
                "- "
            })
    void rejectsWhatIsNotAnAddress(String s) {
        assertThat(IpKey.tryParse(s)).isNull();
    }

    @Test
    void classifiesAddresses() {
        assertThat(IpKey.parse("10.0.0.1").isPrivate()).isTrue();
        assertThat(IpKey.parse("172.31.255.255").isPrivate()).isTrue();
        assertThat(IpKey.parse("172.32.0.0").isPrivate()).isFalse();
        assertThat(IpKey.parse("100.64.0.1").isPrivate()).isTrue();
        assertThat(IpKey.parse("fd00::1").isPrivate()).isTrue();
        assertThat(IpKey.parse("127.0.0.5").isLoopback()).isTrue();
        assertThat(IpKey.parse("::1").isLoopback()).isTrue();
        assertThat(IpKey.parse("169.254.1.1").isLinkLocal()).isTrue();
        assertThat(IpKey.parse("fe80::abcd").isLinkLocal()).isTrue();
        assertThat(IpKey.parse("0.0.0.0").isUnspecified()).isTrue();
        assertThat(IpKey.parse("203.0.113.9").isNonPublic()).isFalse();
        assertThat(IpKey.parse("2001:db8::9").isNonPublic()).isFalse();
        assertThat(IpKey.parse("224.0.0.251").isGroup()).isTrue();
        assertThat(IpKey.parse("239.255.255.250").isGroup()).isTrue();
        assertThat(IpKey.parse("255.255.255.255").isGroup()).isTrue();
        assertThat(IpKey.parse("ff02::1:ff28:a78c").isGroup()).isTrue();
        assertThat(IpKey.parse("223.255.255.255").isGroup()).isFalse();
        assertThat(IpKey.parse("240.0.0.1").isGroup()).isFalse();
        assertThat(IpKey.parse("fe80::1").isGroup()).isFalse();
    }

    @Test
    void prefixes() {
        assertThat(IpKey.parse("203.0.113.77").prefix(24)).hasToString("203.0.113.0");
        assertThat(IpKey.parse("2001:db8:1:2:3:4:5:6").prefix(64)).hasToString("2001:db8:1:2::");
        assertThat(IpKey.parse("2001:db8:1:2:3:4:5:6").prefix(80)).hasToString("2001:db8:1:2:3::");
        assertThat(IpKey.parse("2001:db8:1:2:3:4:5:6").prefix(0)).hasToString("::");
    }

    @Property
    void bytesRoundTrip(@ForAll long hi, @ForAll long lo) {
        IpKey k = new IpKey(hi, lo);
        assertThat(IpKey.ofBytes(k.toBytes())).isEqualTo(k);
        assertThat(IpKey.parse(k.toString())).isEqualTo(k);
    }

    @Property
    void v4RoundTrip(@ForAll int v4) {
        IpKey k = IpKey.ofV4(v4);
        assertThat(k.isV4()).isTrue();
        assertThat(IpKey.parse(k.toString())).isEqualTo(k);
        assertThat(IpKey.ofBytes(k.toBytes())).isEqualTo(k);
    }

    /**
     * Every spelling of an IPv6 address parses to what the JDK makes of it: "::" over any run of zero
     * groups (not only the longest), with and without an embedded IPv4 tail.
     */
    @Property
    void everyCompressionOfAnAddressParsesAlike(
            @ForAll @net.jqwik.api.constraints.Size(8)
                    java.util.List<@net.jqwik.api.constraints.IntRange(min = 0, max = 3) Integer> picks,
            @ForAll boolean v4Tail)
            throws java.net.UnknownHostException {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = new int[] {0, 0, 0x1, 0xfe80 + i}[picks.get(i)];
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (g[i] >>> 8);
            bytes[2 * i + 1] = (byte) g[i];
        }
        IpKey expected = IpKey.ofBytes(java.net.InetAddress.getByAddress(bytes).getAddress());
        int groups = v4Tail ? 6 : 8; // with a tail, the last two groups are written as a.b.c.d
        for (int from = 0; from <= groups; from++) {
            for (int to = from; to <= groups; to++) {
                boolean zeros = true;
                for (int k = from; k < to; k++) {
                    zeros &= g[k] == 0;
                }
                if (!zeros || (to == from && from != 0)) {
                    continue; // "::" stands only for zeros; one spelling without it is enough
                }
                String text = spell(g, groups, from, to, v4Tail);
                assertThat(IpKey.parse(text)).as(text).isEqualTo(expected);
                assertThat(java.net.InetAddress.getByName(text).getAddress())
                        .as(text)
                        .isEqualTo(bytes);
            }
        }
    }

    /** The groups, with groups from..to-1 written as "::" unless from == to; a dotted tail if asked. */
    private static String spell(int[] g, int groups, int from, int to, boolean v4Tail) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < groups; i++) {
            if (from != to && i == from) {
                b.append("::");
                i = to - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(g[i]));
        }
        if (v4Tail) {
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(g[6] >>> 8).append('.').append(g[6] & 0xff).append('.');
            b.append(g[7] >>> 8).append('.').append(g[7] & 0xff);
        }
        return b.toString();
    }
}
