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
}
