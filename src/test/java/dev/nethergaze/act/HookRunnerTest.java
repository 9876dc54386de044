package dev.nethergaze.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {ip} substitution: only parsed addresses, canonical text, never spliced into a shell script. */
class HookRunnerTest {

    private static final ActionHook DIG =
            new ActionHook("r", "reverse DNS", List.of("dig", "-x", "{ip}"), Duration.ofSeconds(5));

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1.2.3.4; rm -rf /",
                "$(id)",
                "`id`",
                "1.2.3.4 && id",
                "203.0.113.7\nid",
                "--help",
                "-x",
                "",
                "2001:db8::1 ; id",
                "203.0.113.7/24"
            })
    void hostileValuesAreRefused(String value) {
        assertThatThrownBy(() -> HookRunner.argv(DIG, value))
                .isInstanceOf(ActionRefused.class)
                .hasMessageStartingWith("hook 'r': refusing")
                .hasMessageContaining("not an IP address")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void addressesAreSubstitutedInCanonicalForm() {
        assertThat(HookRunner.argv(DIG, "203.0.113.7")).containsExactly("dig", "-x", "203.0.113.7");
        assertThat(HookRunner.argv(DIG, "2001:DB8:0:0::1")).containsExactly("dig", "-x", "2001:db8::1");
        assertThat(HookRunner.argv(DIG, "::ffff:198.51.100.9")).containsExactly("dig", "-x", "198.51.100.9");
    }

    @Test
    void explicitShellGetsTheAddressAsAPositionalArgument() {
        ActionHook sh = new ActionHook(
                "w", "whois", List.of("/bin/sh", "-c", "whois {ip} | head -n 20"), Duration.ofSeconds(5));
        assertThat(HookRunner.argv(sh, "192.0.2.201"))
                .containsExactly("/bin/sh", "-c", "whois \"$1\" | head -n 20", "nethergaze-hook", "192.0.2.201");
    }

    @Test
    void realRunCapturesOutputAndHonoursTheTimeout() throws Exception {
        HookRunner r = new HookRunner(new ProcessRunner());
        Path marker = tmp.resolve("pwned");
        ActionHook echo = new ActionHook(
                "e", "echo", List.of("sh", "-c", "echo looked up {ip}; touch " + marker), Duration.ofSeconds(5));
        CommandRunner.Result ok = r.run(echo, "2001:db8::bad");
        assertThat(ok.ok()).isTrue();
        assertThat(ok.stdout()).isEqualTo("looked up 2001:db8::bad\n");
        Files.delete(marker);
        assertThatThrownBy(() -> r.run(echo, "$(touch " + marker + ")")).isInstanceOf(ActionRefused.class);
        assertThat(marker).doesNotExist();
        ActionHook slow = new ActionHook("s", "sleep", List.of("sleep", "10"), Duration.ofMillis(300));
        CommandRunner.Result t = r.run(slow, "192.0.2.1");
        assertThat(t.timedOut()).isTrue();
        assertThat(t.firstLine()).isEqualTo("timed out");
    }
}
