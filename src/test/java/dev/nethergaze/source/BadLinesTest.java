package dev.nethergaze.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BadLinesTest {

    @Test
    void saysNothingUntilALineIsBad() {
        BadLines bad = new BadLines();
        assertThat(bad.describe()).isEmpty();
        assertThat(bad.count()).isZero();
        assertThat(bad.unrecognised()).isFalse();
    }

    @Test
    void namesTheFirstBadLineAndCountsTheOverlongOnes() {
        BadLines bad = new BadLines();
        bad.add(Path.of("/var/log/a.log"), 7, 0);
        bad.add(Path.of("/var/log/b.log"), 2, 65536);
        bad.add(Path.of("/var/log/b.log"), 9, 0);
        assertThat(bad.describe()).isEqualTo("3 unparsed (first at /var/log/a.log:7; 1 longer than 64 KiB)");
        assertThat(bad.unrecognised()).isTrue();
    }

    @Test
    void lineTooLongOnlyIsNotAnUnknownFormat() {
        BadLines bad = new BadLines();
        bad.add(Path.of("x.log"), 1, 1024);
        assertThat(bad.describe()).isEqualTo("1 unparsed (first at x.log:1; 1 longer than 1 KiB)");
        assertThat(bad.unrecognised()).isFalse();
    }

    @Test
    void recordsWithoutAPlaceAreOnlyCounted() {
        BadLines bad = new BadLines();
        bad.add();
        bad.add();
        assertThat(bad.describe()).isEqualTo("2 unparsed");
        assertThat(bad.unrecognised()).isTrue();
    }
}
