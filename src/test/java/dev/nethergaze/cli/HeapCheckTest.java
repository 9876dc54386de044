package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.engine.EngineSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeapCheckTest {

    private static EngineSettings limits(int maxIps, int recent) {
        return new EngineSettings(false, maxIps, Duration.ofMinutes(15), recent, "h", String::valueOf);
    }

    @Test
    void theDefaultLimitsFitTheLaunchersDefaultHeap() {
        assertThat(HeapCheck.warning(limits(50_000, 20), 512L << 20)).isEmpty();
    }

    @Test
    void limitsTooBigForTheHeapSayHowMuchAndWhatToSet() {
        assertThat(HeapCheck.warning(limits(1_000_000, 20), 512L << 20))
                .hasValueSatisfying(w -> assertThat(w)
                        .doesNotContain("\n")
                        .contains("limits.max_ips = 1000000")
                        .contains("about 3.3 GiB of heap")
                        .contains("this run may use 512 MiB")
                        .contains("NETHERGAZE_HEAP=5g"));
        assertThat(HeapCheck.warning(limits(200_000, 20), 512L << 20))
                .hasValueSatisfying(w -> assertThat(w).contains("NETHERGAZE_HEAP=1024m"));
        assertThat(HeapCheck.warning(limits(1_000_000, 20), 5L << 30)).isEmpty();
    }

    /**
     * Out of memory, the advice names the setting the launcher reads. Before, it said {@code
     * JAVA_TOOL_OPTIONS=-Xmx2g}, which the launcher's own {@code -Xmx} (given after it) overrides: the
     * advice changed nothing.
     */
    @Test
    void outOfMemorySaysToSetTheLaunchersHeapWithTwiceAsMuch() {
        assertThat(HeapCheck.outOfMemory(512L << 20))
                .doesNotContain("\n")
                .doesNotContain("JAVA_TOOL_OPTIONS")
                .contains("the Java heap (at most 512 MiB) is full")
                .contains("NETHERGAZE_HEAP=1024m")
                .contains("-Xmx1024m")
                .contains("limits.max_ips");
        assertThat(HeapCheck.outOfMemory(2L << 30)).contains("at most 2.0 GiB").contains("NETHERGAZE_HEAP=4g");
    }
}
