package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.detect.Cidr;
import dev.nethergaze.model.Block;
import dev.nethergaze.model.BlockTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code block} and {@code unblock} take as their target, and what they say after reading the
 * firewall back. Found by running them inside a network namespace with odd targets and with blocks
 * inside a prefix.
 */
class BlockTargetTest {

    private static final java.time.Instant NOW = java.time.Instant.parse("2026-12-07T20:00:00Z");

    private final StringWriter err = new StringWriter();

    private Cidr target(String text) {
        return BlockOptions.target(text, new PrintWriter(err, true));
    }

    /**
     * A zone id names one interface, and no firewall rule nethergaze writes is per interface: before,
     * {@code fe80::1%eth0} was taken as {@code fe80::1} without a word and blocked on every interface.
     */
    @Test
    void aZoneIdIsRefusedInOneLine() {
        assertThatThrownBy(() -> target("fe80::1%eth0"))
                .isInstanceOf(UserException.class)
                .hasMessage("fe80::1%eth0: a zone id (%eth0) names one interface, and the firewall rule would hold"
                        + " on every interface: give the address without it (fe80::1) to block it everywhere");
        assertThatThrownBy(() -> target("fe80::/64%eth0")).isInstanceOf(UserException.class);
    }

    /**
     * An IPv4-mapped address is the IPv4 address a dual-stack socket shows: it is blocked as IPv4 (its
     * packets are IPv4 on the wire), and said so. Its prefix counts from the mapped form's 96 bits:
     * before, {@code ::ffff:192.0.2.0/120} was refused as "prefix length too long" and {@code
     * ::ffff:192.0.0.0/104} was not understood as the /8 it is.
     */
    @Test
    void anIpv4MappedTargetIsItsIpv4AddressAndSaysSo() {
        assertThat(target("::ffff:192.0.2.9")).isEqualTo(Cidr.parse("192.0.2.9"));
        assertThat(err.toString())
                .isEqualTo("nethergaze: note: ::ffff:192.0.2.9 is the IPv4 address 192.0.2.9 as a dual-stack socket"
                        + " shows it (its packets are IPv4): taken as 192.0.2.9\n");
        assertThat(target("::ffff:192.0.2.0/120")).isEqualTo(Cidr.parse("192.0.2.0/24"));
        assertThat(target("::FFFF:c000:0200/128")).isEqualTo(Cidr.parse("192.0.2.0"));
        assertThatThrownBy(() -> target("::ffff:192.0.2.0/64"))
                .isInstanceOf(UserException.class)
                .hasMessage("::ffff:192.0.2.0/64: an IPv4-mapped prefix is /96 or longer (/120 is the IPv4 /24)");
        assertThat(target("192.0.2.9")).isEqualTo(Cidr.parse("192.0.2.9"));
    }

    /**
     * {@code --for} takes the longest timeout nftables accepts, as the README gives it ({@code
     * 99999999s}); longer is the backend's refusal naming its limit. Before, eight digits or more were
     * "expected a positive duration like 90s", as if {@code 99999999s} were not one.
     */
    @Test
    void forTakesTheLongestTimeoutTheReadmeGives() {
        assertThat(BlockCommand.parse("99999999s")).isEqualTo(java.time.Duration.ofSeconds(99_999_999));
        assertThat(BlockCommand.parse("99999999999s")).isEqualTo(java.time.Duration.ofSeconds(99_999_999_999L));
        assertThatThrownBy(() -> BlockCommand.parse("0s"))
                .isInstanceOf(UserException.class)
                .hasMessage("--for: expected a positive duration like 90s, 30m, 1h or 2d, got '0s'");
    }

    private static BlockTable table(Block b, String... cidrs) {
        return BlockTable.of(List.of(cidrs).stream()
                .map(Cidr::parse)
                .map(c -> BlockTable.Range.prefix(c.network(), c.bits(), b))
                .toList());
    }

    /**
     * An unblock of a prefix is read back over the whole prefix: before, only its first address was
     * looked at, and "confirmed: no rule blocks 2001:db8:1:2::/64 any more" was said while rules still
     * dropped addresses inside it (traffic from them was still dropped).
     */
    @Test
    void anUnblockOfAPrefixIsConfirmedOverTheWholePrefix() {
        Block ours = new Block(
                "nethergaze",
                "ip6tables filter INPUT: -s 2001:db8:1:2::7/128 -m comment --comment nethergaze -j DROP",
                "",
                "2001:db8:1:2::7/128",
                null);
        Block theirs = new Block(
                "ip6tables", "ip6tables filter INPUT: -s 2001:db8:1:2::8/128 -j DROP", "", "2001:db8:1:2::8/128", null);
        Cidr net = Cidr.parse("2001:db8:1:2::/64");
        assertThat(BlockOptions.confirmLines(net, false, table(ours, "2001:db8:1:2::7/128"), NOW))
                .containsExactly("# warning: read back, nethergaze's rule still holds addresses in"
                        + " 2001:db8:1:2::/64: 2001:db8:1:2::7/128 (ip6tables filter INPUT: -s 2001:db8:1:2::7/128 -m comment --comment"
                        + " nethergaze -j DROP)");
        assertThat(BlockOptions.confirmLines(net, false, table(theirs, "2001:db8:1:2::8/128"), NOW))
                .containsExactly(
                        "# confirmed: nethergaze's block is gone; ip6tables still blocks addresses in"
                                + " 2001:db8:1:2::/64: 2001:db8:1:2::8/128 (ip6tables filter INPUT: -s 2001:db8:1:2::8/128 -j DROP)");
        assertThat(BlockOptions.confirmLines(net, false, table(theirs, "2001:db8:1:3::8/128"), NOW))
                .containsExactly("# confirmed: no rule blocks 2001:db8:1:2::/64 any more");
        assertThat(BlockOptions.confirmLines(
                        Cidr.parse("2001:db8:1:2::8"), false, table(theirs, "2001:db8:1::/48"), NOW))
                .containsExactly("# confirmed: nethergaze's block is gone; ip6tables still blocks 2001:db8:1:2::8"
                        + " (ip6tables filter INPUT: -s 2001:db8:1:2::8/128 -j DROP)");
    }

    /**
     * A timed block's confirmation says when it ends, as the firewall read back holds it: before, {@code
     * block --for 10m} was confirmed as if it held for ever.
     */
    @Test
    void aTimedBlocksConfirmationSaysWhenItEnds() {
        java.time.Instant now = java.time.Instant.parse("2026-12-07T20:00:00Z");
        Block timed = new Block(
                "nethergaze", "inet nethergaze input: ip saddr @blocked4 drop", "", "192.0.2.7", now.plusSeconds(600));
        assertThat(BlockOptions.confirmLines(Cidr.parse("192.0.2.7"), true, table(timed, "192.0.2.7/32"), now))
                .containsExactly("# confirmed: nethergaze drops 192.0.2.7 until 2026-12-07T20:10:00Z, in 10m00s (inet"
                        + " nethergaze input: ip saddr @blocked4 drop)");
        Block lasting =
                new Block("nethergaze", "inet nethergaze input: ip saddr @blocked4 drop", "", "192.0.2.7", null);
        assertThat(BlockOptions.confirmLines(Cidr.parse("192.0.2.7"), true, table(lasting, "192.0.2.7/32"), now))
                .containsExactly("# confirmed: nethergaze drops 192.0.2.7 (inet nethergaze input: ip saddr @blocked4"
                        + " drop)");
    }
}
