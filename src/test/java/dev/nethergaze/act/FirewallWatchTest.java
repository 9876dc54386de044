package dev.nethergaze.act;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceStatus;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The watch's pace and what it says when no firewall tool is there (the real tools: NftNamespaceTest). */
class FirewallWatchTest {

    @Test
    void aSlowReadIsRepeatedLessOften() {
        Duration five = Duration.ofSeconds(5);
        assertThat(FirewallWatch.pause(five, Duration.ofMillis(30))).isEqualTo(five);
        assertThat(FirewallWatch.pause(five, Duration.ofMillis(1400)))
                .as("a 100k-prefix set: nft alone takes 1.2 s")
                .isEqualTo(Duration.ofSeconds(28));
    }

    @Test
    void noToolInstalledIsMissingAndEmitsNothing() throws Exception {
        CommandRunner none = (argv, timeout) -> CommandRunner.Result.notStarted(argv.getFirst(), "not installed");
        FirewallWatch w = new FirewallWatch(none, Duration.ofSeconds(5), InstantSource.system(), (n, s, d) -> {});
        List<SourceEvent> seen = new ArrayList<>();
        w.readOnce(seen::add);
        assertThat(w.health().status()).isEqualTo(SourceStatus.MISSING);
        assertThat(w.health().detail()).contains("neither nft nor iptables-save is installed");
        assertThat(seen).isEmpty();
    }
}
