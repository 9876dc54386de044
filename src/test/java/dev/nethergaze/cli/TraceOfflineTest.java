package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.config.Config;
import dev.nethergaze.enrich.EnrichOptions;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.ui.tui.ActionResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --offline} promises no outbound connection: a trace's probes go to the address being looked
 * at, so {@code trace} and the console's {@code t} refuse, and {@code w} says whois is off. The target
 * is loopback, so a regression sends nothing off the host.
 */
class TraceOfflineTest {

    private static EnrichOptions options(boolean offline, boolean noWhois, Path dir) {
        return EnrichOptions.from(Config.defaults(), offline, noWhois, false, false, Map.of(), dir);
    }

    @Test
    void theTraceCommandRefusesUnderOffline() {
        CliRun r = CliRun.of("trace", "127.0.0.1", "--offline", "--max-hops", "1", "--wait", "0.1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).doesNotContain("\n").contains("--offline").contains("probes go to 127.0.0.1");
    }

    /**
     * An IPv6 link-local address names no link: every probe went nowhere ("1 *", "2 *", exit 1, as if the
     * neighbour did not answer). Refused before anything is sent; the link-local range's edges checked.
     */
    @Test
    void aLinkLocalAddressIsRefusedBeforeAnyProbe() {
        for (String ll : List.of("fe80::1", "febf:ffff::1")) {
            assertThat(refused(ll)).startsWith("nethergaze: trace: " + ll + " is a link-local address (fe80::/10)");
        }
        assertThat(TraceCommand.linkLocal(IpKey.parse("fec0::1"))).isFalse();
        assertThat(TraceCommand.linkLocal(IpKey.parse("fe7f::1"))).isFalse();
        assertThat(TraceCommand.linkLocal(IpKey.parse("169.254.1.1"))).isFalse(); // routed on its link
    }

    /**
     * Found by {@code trace 255.255.255.255}: "trace: cannot send to 255.255.255.255: Permission denied",
     * exit 1 as if the trace had failed; and {@code trace 224.0.0.1} sent UDP to a multicast group with
     * a rising TTL for 30 hops. Neither has one route; both are refused before anything is sent.
     */
    @Test
    void broadcastAndMulticastAddressesAreRefusedBeforeAnyProbe() {
        for (String group : List.of("255.255.255.255", "224.0.0.1", "ff02::1")) {
            assertThat(refused(group))
                    .startsWith("nethergaze: trace: " + group + " is a ")
                    .contains(group.startsWith("255") ? "broadcast address" : "multicast address");
        }
    }

    /** {@code trace target}'s one line on stderr, checked to be a refusal (exit 2) with nothing sent. */
    private static String refused(String target) {
        CliRun r = CliRun.of("trace", target, "--max-hops", "1", "--wait", "0.1");
        assertThat(r.exit()).as(target).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        String err = r.err().strip();
        assertThat(err).doesNotContain("\n").contains("nothing was sent");
        return err;
    }

    @Test
    void theConsolesTraceRefusesUnderOffline(@TempDir Path dir) {
        ActionResult r = new LiveConsoleActions(Config.defaults(), options(true, false, dir), true)
                .trace(IpKey.parse("127.0.0.1"));
        assertThat(r.ok()).isFalse();
        assertThat(r.lines()).isEmpty();
        assertThat(r.message()).startsWith("offline: no trace");
    }

    @Test
    void whoisUnderOfflineOrOffSaysSo(@TempDir Path dir) {
        IpKey ip = IpKey.parse("62.239.237.1"); // a public address: a documentation one is never looked up
        ActionResult offline = new LiveConsoleActions(Config.defaults(), options(true, false, dir), true).whoisNow(ip);
        assertThat(offline.ok()).isFalse();
        assertThat(offline.message()).startsWith("offline: no whois").doesNotContain("automatically");
        ActionResult off = new LiveConsoleActions(Config.defaults(), options(false, true, dir), true).whoisNow(ip);
        assertThat(off.message()).startsWith("whois is off").doesNotContain("automatically");
        ActionResult on = new LiveConsoleActions(Config.defaults(), options(false, false, dir), true).whoisNow(ip);
        assertThat(on.ok()).isTrue();
        assertThat(on.message()).contains("looked up automatically");
    }
}
