package dev.nethergaze.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.detect.DetectSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [detect.*], [allowlist], [actions] with [[actions.hooks]], and [alerts]: values, layers, errors. */
class DetectConfigTest {

    @TempDir
    Path home;

    private Path write(String toml) throws IOException {
        Path f = home.resolve("c.toml");
        Files.writeString(f, toml);
        return f;
    }

    @Test
    void defaultsAreTheDetectorDefaults() {
        assertThat(Config.defaults().detect()).isEqualTo(DetectSettings.defaults());
        assertThat(Config.defaults().actions().enableBlockExecution()).isFalse();
        assertThat(Config.defaults().alerts().anySink()).isFalse();
    }

    @Test
    void nestedSectionsHooksEnvironmentAndCommandLine() throws IOException {
        Path f = write("""
                [detect.ssh]
                failures = 3
                [detect.http]
                allow_paths = ["/cgi-bin/status"]
                [allowlist]
                cidrs = ["203.0.113.0/24", "2001:db8:cafe::/48"]
                [actions]
                firewall = "nftables"
                [[actions.hooks]]
                key = "1"
                label = "reverse DNS"
                command = ["dig", "-x", "{ip}"]
                [[actions.hooks]]
                key = "2"
                label = "whois"
                command = ["whois", "{ip}"]
                timeout_seconds = 20
                """);
        Config c = ConfigLoader.load(
                f, Map.of("NETHERGAZE_DETECT_SYN_PER_IP", "50"), Map.of("detect.conn.web_ports", "80,8081"), home);
        assertThat(c.detect().ssh().failures()).isEqualTo(3);
        assertThat(c.detect().syn().perIp()).isEqualTo(50);
        assertThat(c.detect().conn().webPorts()).containsExactlyInAnyOrder(80, 8081);
        assertThat(c.detect().http().allowPaths()).containsExactly("/cgi-bin/status");
        assertThat(c.allowlist().cidrs()).containsExactly("203.0.113.0/24", "2001:db8:cafe::/48");
        assertThat(c.actions().firewall()).isEqualTo("nftables");
        assertThat(c.actions().hooks())
                .containsExactly(
                        new HookConfig("1", "reverse DNS", List.of("dig", "-x", "{ip}"), 0),
                        new HookConfig("2", "whois", List.of("whois", "{ip}"), 20));
        assertThat(ConfigKey.DETECT_SYN_PER_IP.envName()).isEqualTo("NETHERGAZE_DETECT_SYN_PER_IP");
    }

    @Test
    void wireThresholdsFromFileEnvironmentAndCommandLine() throws IOException {
        Path f = write("[detect.wire]\nsyn_scan_ports = 50\nhigh_pps = 20000\n");
        Config c = ConfigLoader.load(
                f,
                Map.of("NETHERGAZE_DETECT_WIRE_SYN_SCAN_SECONDS", "30"),
                Map.of("detect.wire.syn_scan_completed_percent", "0"),
                home);
        assertThat(c.detect().wire()).isEqualTo(new DetectSettings.Wire(20_000, 50, 30, 0));
        Path old = write("[capture]\nhigh_pps = 100\n");
        assertThatThrownBy(() -> ConfigLoader.load(old, Map.of(), Map.of(), home))
                .hasMessageContaining("capture");
        Path bad = write("[detect.wire]\nsyn_scan_completed_percent = 101\n");
        assertThatThrownBy(() -> ConfigLoader.load(bad, Map.of(), Map.of(), home))
                .hasMessageContaining("detect.wire.syn_scan_completed_percent")
                .hasMessageNotContaining("\n");
    }

    @Test
    void badValuesNameKeyAndFile() throws IOException {
        Path bad = write("[allowlist]\ncidrs = [\"10.0.0.0/33\"]\n");
        assertThatThrownBy(() -> ConfigLoader.load(bad, Map.of(), Map.of(), home))
                .hasMessage("config error: " + bad + ": allowlist.cidrs: bad prefix length in '10.0.0.0/33' (0..32)");
        // the two the access-log code reads name the file too (before: only the key, from the wiring)
        Path proxies = write("[http]\ntrusted_proxies = [\"10.0.0.0/88\"]\n");
        assertThatThrownBy(() -> ConfigLoader.load(proxies, Map.of(), Map.of(), home))
                .hasMessage("config error: " + proxies + ": http.trusted_proxies: bad prefix length in 10.0.0.0/88");
        Path format = write("[http]\nlog_format = \"nginx:$request\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(format, Map.of(), Map.of(), home))
                .hasMessageStartingWith("config error: " + format + ": http.log_format: log format needs $remote_addr");
        Path fw = write("[actions]\nfirewall = \"pf\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(fw, Map.of(), Map.of(), home))
                .hasMessageContaining("actions.firewall: must be one of auto, ufw, nftables, iptables, ipset");
        Path hook = write("[[actions.hooks]]\nkey = \"1\"\nlabel = \"x\"\ncommand = \"dig -x {ip}\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(hook, Map.of(), Map.of(), home))
                .hasMessageContaining("actions.hooks[0].command: expected a non-empty array of strings");
        // "r" is refresh in the console: a hook on it loaded and could never run
        Path letter = write("[[actions.hooks]]\nkey = \"r\"\nlabel = \"x\"\ncommand = [\"dig\", \"-x\", \"{ip}\"]\n");
        assertThatThrownBy(() -> ConfigLoader.load(letter, Map.of(), Map.of(), home))
                .hasMessage("config error: " + letter + ": actions.hooks[0].key: 'r' is no hook key: the console runs"
                        + " hooks on \"1\" to \"9\"");
        Path unknown = write("[detect.ssh]\nfailurez = 3\n");
        assertThatThrownBy(() -> ConfigLoader.load(unknown, Map.of(), Map.of(), home))
                .hasMessageContaining("unknown key 'detect.ssh.failurez'");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("alerts.webhook", "ftp://x"), home))
                .hasMessageContaining("alerts.webhook: must be an http:// or https:// URL");
    }
}
