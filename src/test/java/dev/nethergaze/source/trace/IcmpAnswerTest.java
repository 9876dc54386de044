package dev.nethergaze.source.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ICMP and ICMPv6 answers to a probe, by type and code (RFC 792, RFC 4443). */
class IcmpAnswerTest {

    @Test
    void timeExceededGoesOnPortUnreachableIsTheTargetTheRestEndThePath() {
        assertThat(IcmpAnswer.end(false, 11, 0)).isNull();
        assertThat(IcmpAnswer.end(true, 3, 0)).isNull();
        assertThat(IcmpAnswer.end(false, 3, 3)).isEqualTo("reached");
        assertThat(IcmpAnswer.end(true, 1, 4)).isEqualTo("reached");
        assertThat(IcmpAnswer.end(false, 3, 0)).isEqualTo("net unreachable");
        assertThat(IcmpAnswer.end(true, 1, 0)).isEqualTo("net unreachable");
        assertThat(IcmpAnswer.end(false, 3, 1)).isEqualTo("host unreachable");
        assertThat(IcmpAnswer.end(true, 1, 3)).isEqualTo("host unreachable");
        assertThat(IcmpAnswer.end(false, 3, 13)).isEqualTo("prohibited");
        assertThat(IcmpAnswer.end(true, 1, 1)).isEqualTo("prohibited");
        assertThat(IcmpAnswer.end(false, 3, 4)).isEqualTo("fragmentation needed");
        assertThat(IcmpAnswer.end(false, 5, 1)).isEqualTo("icmp type 5 code 1");
        assertThat(IcmpAnswer.end(true, 2, 0)).isEqualTo("icmpv6 type 2 code 0");
    }
}
