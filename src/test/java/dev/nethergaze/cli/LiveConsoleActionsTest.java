package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.config.Config;
import dev.nethergaze.config.ConfigLoader;
import dev.nethergaze.detect.Cidr;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.ui.tui.ActionResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's block assist and hooks go through act/: the right firewall, the guard, argument arrays. */
class LiveConsoleActionsTest {

    private static Config config(Path dir, String toml) throws Exception {
        Path f = dir.resolve("c.toml");
        Files.writeString(f, toml);
        return ConfigLoader.load(f, Map.of(), Map.of());
    }

    @Test
    void blockAssistShowsTheCommandsForTheConfiguredFirewall(@TempDir Path dir) throws Exception {
        Config c = config(dir, "[actions]\nfirewall = \"nftables\"\n");
        ActionResult r =
                new LiveConsoleActions(c, null, false).blockAssist(Cidr.of(IpKey.parse("2001:db8:bad:1::22")), null);
        assertThat(r.toString()).contains("nft").contains("2001:db8:bad:1::22").doesNotContain("/64");
        // one address of a /64 its findings name: the prefix's commands follow the address's
        ActionResult p = new LiveConsoleActions(c, null, false)
                .blockAssist(Cidr.of(IpKey.parse("2001:db8:bad:1::22")), Cidr.parse("2001:db8:bad:1::/64"));
        assertThat(p.lines()).anySatisfy(l -> assertThat(l).contains("nft").contains("2001:db8:bad:1::22"));
        assertThat(p.lines())
                .anySatisfy(l -> assertThat(l).contains("one address of 2001:db8:bad:1::/64"))
                .anySatisfy(l -> assertThat(l).contains("nft").contains("2001:db8:bad:1::/64"));
        ActionResult u = new LiveConsoleActions(c, null, false).unblockAssist(Cidr.of(IpKey.parse("203.0.113.7")));
        assertThat(u.toString()).contains("nft").contains("203.0.113.7");
    }

    /**
     * A grouped row's /64 is blocked as a prefix; a wider prefix its findings name (/48) follows; one
     * no wider than the row's (its own /64) adds nothing.
     */
    @Test
    void blockAssistOfAGroupedRowBlocksItsPrefix(@TempDir Path dir) throws Exception {
        Config c = config(dir, "[actions]\nfirewall = \"nftables\"\n");
        Cidr row = Cidr.parse("2001:db8:bad:1::/64");
        ActionResult own = new LiveConsoleActions(c, null, false).blockAssist(row, row);
        assertThat(own.lines())
                .anySatisfy(l -> assertThat(l).contains("nft").contains("2001:db8:bad:1::/64"))
                .noneSatisfy(l -> assertThat(l).contains("lies in"));
        ActionResult wider = new LiveConsoleActions(c, null, false).blockAssist(row, Cidr.parse("2001:db8:bad::/48"));
        assertThat(wider.lines())
                .anySatisfy(l -> assertThat(l).contains("# it lies in 2001:db8:bad::/48"))
                .anySatisfy(l -> assertThat(l).contains("nft").contains("2001:db8:bad::/48"));
        ActionResult u = new LiveConsoleActions(c, null, false).unblockAssist(row);
        assertThat(u.toString()).contains("nft").contains("2001:db8:bad:1::/64");
    }

    /**
     * The console's block assist planned without looking at nethergaze's own set: on nftables, a
     * prefix over addresses already blocked one by one was shown as a plain add, which nft refuses
     * ("interval overlaps with an existing one", tried in a network namespace). It now plans as
     * {@code nethergaze block} does (one Blocker, dry run): the address already blocked says so, and
     * the prefix's one transaction deletes the addresses inside it before adding it.
     */
    @Test
    void blockAssistPlansAsTheBlockCommandDoesOverWhatNethergazeBlocksAlready(@TempDir Path dir) throws Exception {
        Config c = config(dir, "[actions]\nfirewall = \"nftables\"\n");
        String set = "{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\", \"json_schema_version\": 1}},"
                + " {\"set\": {\"family\": \"inet\", \"name\": \"blocked4\", \"table\": \"nethergaze\","
                + " \"type\": \"ipv4_addr\", \"handle\": 1, \"flags\": [\"interval\", \"timeout\"],"
                + " \"elem\": [\"198.51.100.7\", {\"elem\": {\"val\": \"198.51.100.9\", \"timeout\": 600,"
                + " \"expires\": 599}}]}}]}";
        java.util.List<java.util.List<String>> asked = new java.util.ArrayList<>();
        dev.nethergaze.act.CommandRunner fw = (argv, timeout) -> {
            asked.add(argv);
            return new dev.nethergaze.act.CommandRunner.Result(0, set, "", false);
        };
        ActionResult r = new LiveConsoleActions(c, fw)
                .blockAssist(Cidr.of(IpKey.parse("198.51.100.7")), Cidr.parse("198.51.100.0/24"));
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.lines())
                .contains(
                        "# already blocked by nethergaze until unblocked: nothing to add",
                        "# 198.51.100.0/24 replaces nethergaze's blocks inside it: 198.51.100.7, 198.51.100.9",
                        "nft delete element inet nethergaze blocked4 '{ 198.51.100.7 }' ';' delete element inet"
                                + " nethergaze blocked4 '{ 198.51.100.9 }' ';' add element inet nethergaze blocked4"
                                + " '{ 198.51.100.0/24 }'")
                .doesNotContain("nft add element inet nethergaze blocked4 '{ 198.51.100.0/24 }'");
        assertThat(asked)
                .as("only our set was read: nothing ran")
                .allSatisfy(a -> assertThat(a).startsWith("nft", "-j", "list", "set"));
    }

    @Test
    void allowlistedAddressesAreRefused(@TempDir Path dir) throws Exception {
        Config c = config(dir, "[actions]\nfirewall = \"iptables\"\n[allowlist]\ncidrs = [\"203.0.113.0/24\"]\n");
        ActionResult r = new LiveConsoleActions(c, null, false).blockAssist(Cidr.of(IpKey.parse("203.0.113.7")), null);
        assertThat(r.toString()).doesNotContain("iptables -I").containsIgnoringCase("allowlist");
    }

    @Test
    void hooksRunAsArgumentArrays(@TempDir Path dir) throws Exception {
        Config c =
                config(dir, "[[actions.hooks]]\nkey = \"1\"\nlabel = \"echo it\"\ncommand = [\"echo\", \"ip={ip}\"]\n");
        LiveConsoleActions a = new LiveConsoleActions(c, null, false);
        assertThat(a.hookNames()).containsExactly("echo it");
        ActionResult r = a.runHook(1, IpKey.parse("192.0.2.9"));
        assertThat(r.toString()).contains("ip=192.0.2.9").contains("exit 0");
        ActionResult two = a.runHook(2, IpKey.parse("192.0.2.9"));
        assertThat(two.ok()).isFalse();
        assertThat(two.message())
                .isEqualTo("hook 2 is not configured (hooks are set up for key 1): add an [[actions.hooks]] table"
                        + " with key = \"2\", label and command to the config file (config.example.toml shows one)");
    }

    /**
     * A hook key pressed when no hook is configured says so and how to set one up. Before: "hook 3
     * (none configured under [[actions.hooks]]) is not available in this build", as if hooks were
     * not built in.
     */
    @Test
    void anUnconfiguredHookSaysHowToConfigureIt() {
        ActionResult r = new LiveConsoleActions(Config.defaults(), null, false).runHook(3, IpKey.parse("192.0.2.9"));
        assertThat(r.ok()).isFalse();
        assertThat(r.message())
                .isEqualTo("hook 3 is not configured: add an [[actions.hooks]] table with key = \"3\", label and"
                        + " command to the config file (config.example.toml shows one)")
                .doesNotContain("not available");
    }

    /**
     * {@code t} in the demo says why it traces nothing there and where it does. It said "route tracing
     * (the demo's addresses are made up) is not available in this build", as if another build had it.
     */
    @Test
    void theDemoDoesNotTraceItsMadeUpAddresses() {
        ActionResult r = LiveConsoleActions.forDemo().trace(IpKey.parse("192.0.2.201"));
        assertThat(r.ok()).isFalse();
        assertThat(r.message())
                .isEqualTo("no trace in the demo: its addresses are made up (the live console traces)")
                .doesNotContain("build");
        assertThat(r.message().length()).as("whole in an 80-column status bar").isLessThanOrEqualTo(78);
    }

    /**
     * A hook key in the demo says the demo runs none and where the console's come from. Before, it told
     * the user to add a table "to the config file", which the demo never reads: following it changed nothing.
     */
    @Test
    void aHookKeyInTheDemoSaysTheDemoReadsNoConfigFile() {
        ActionResult r = LiveConsoleActions.forDemo().runHook(2, IpKey.parse("192.0.2.201"));
        assertThat(r.ok()).isFalse();
        assertThat(r.message())
                .isEqualTo("the demo runs no hooks (it reads no config file): in the console, key 2 runs the"
                        + " [[actions.hooks]] table with key = \"2\" of its config file (config.example.toml shows"
                        + " one)");
        assertThat(LiveConsoleActions.forDemo().hookNames()).isEmpty();
    }

    /** "w" on an address no registry holds says so, instead of promising a lookup that never comes. */
    @Test
    void whoisOfADocumentationAddressSaysNoRegistryHoldsIt(@TempDir Path dir) throws Exception {
        Config c = config(dir, "");
        dev.nethergaze.enrich.EnrichOptions online =
                dev.nethergaze.enrich.EnrichOptions.from(c, false, false, false, false, java.util.Map.of(), dir);
        ActionResult doc = new LiveConsoleActions(c, online, false).whoisNow(IpKey.parse("203.0.113.7"));
        assertThat(doc.message())
                .isEqualTo("whois 203.0.113.7: reserved (documentation, RFC 5737): no registry holds it");
        ActionResult pub = new LiveConsoleActions(c, online, false).whoisNow(IpKey.parse("62.239.237.1"));
        assertThat(pub.message()).contains("looked up automatically");
    }

    /** Whether the detail may offer "w": a run with whois on and online, not the demo or --offline. */
    @Test
    void whoisAsksOnlyWhenItIsOnAndOnline(@TempDir Path dir) throws Exception {
        Config c = config(dir, "");
        dev.nethergaze.enrich.EnrichOptions online =
                dev.nethergaze.enrich.EnrichOptions.from(c, false, false, false, false, java.util.Map.of(), dir);
        dev.nethergaze.enrich.EnrichOptions offline =
                dev.nethergaze.enrich.EnrichOptions.from(c, true, false, false, false, java.util.Map.of(), dir);
        assertThat(new LiveConsoleActions(c, online, false).whoisAsks()).isTrue();
        assertThat(new LiveConsoleActions(c, offline, false).whoisAsks()).isFalse();
        assertThat(new LiveConsoleActions(c, null, false).whoisAsks()).isFalse();
        assertThat(LiveConsoleActions.forDemo().whoisAsks()).isFalse();
    }
}
