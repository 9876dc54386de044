package dev.nethergaze.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.detect.Cidr;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each backend × IPv4/IPv6 × block/unblock, for one address and for a prefix, as golden files. */
class FirewallCommandsGoldenTest {

    private static final Cidr V4 = Cidr.parse("203.0.113.7");
    private static final Cidr V4_NET = Cidr.parse("198.51.100.0/24");
    private static final Cidr V6 = Cidr.parse("2001:db8:bad:1::22");
    private static final Cidr V6_NET = Cidr.parse("2001:db8:bad:1::/64");

    private static String render(List<Step> steps) {
        StringBuilder b = new StringBuilder();
        steps.forEach(s -> b.append(s.display()).append('\n'));
        return b.toString();
    }

    private static String blockDoc(Backend b, Cidr one, Cidr net) {
        StringBuilder doc = new StringBuilder();
        doc.append("# block ").append(one).append('\n').append(render(FirewallCommands.block(b, one, null)));
        doc.append("# block ").append(net).append('\n').append(render(FirewallCommands.block(b, net, null)));
        if (b.supportsTimeout()) {
            doc.append("# block ").append(one).append(" for 1h\n");
            doc.append(render(FirewallCommands.block(b, one, Duration.ofHours(1))));
        }
        return doc.toString();
    }

    private static String unblockDoc(Backend b, Cidr one, Cidr net) {
        return "# unblock " + one + "\n" + render(FirewallCommands.unblock(b, one)) + "# unblock " + net + "\n"
                + render(FirewallCommands.unblock(b, net));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void golden(Backend b) {
        Golden.check("firewall/" + b.cliName() + "-v4-block.txt", blockDoc(b, V4, V4_NET));
        Golden.check("firewall/" + b.cliName() + "-v6-block.txt", blockDoc(b, V6, V6_NET));
        Golden.check("firewall/" + b.cliName() + "-v4-unblock.txt", unblockDoc(b, V4, V4_NET));
        Golden.check("firewall/" + b.cliName() + "-v6-unblock.txt", unblockDoc(b, V6, V6_NET));
    }

    @ParameterizedTest
    @EnumSource(
            value = Backend.class,
            names = {"UFW", "IPTABLES"})
    void backendsWithoutTimeoutsRefuseTemporaryBlocks(Backend b) {
        assertThatThrownBy(() -> FirewallCommands.block(b, V4, Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot expire");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyArgumentIsOneArgvElementWithTheAddressVerbatim(Backend b) {
        for (Step s : FirewallCommands.block(b, V6, null)) {
            // a lone ";" is nft's own separator of the commands of one transaction (no shell reads it)
            assertThat(s.argv()).noneMatch(a -> a.contains(";") && !a.startsWith("{") && !a.equals(";"));
        }
        assertThat(FirewallCommands.block(b, V6, null).getLast().argv())
                .anyMatch(a -> a.contains("2001:db8:bad:1::22"));
    }
}
