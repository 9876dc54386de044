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
}
