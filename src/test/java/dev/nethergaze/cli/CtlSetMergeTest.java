package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.control.FilterRequest;
import dev.nethergaze.source.capture.CaptureControl;
import dev.nethergaze.source.capture.CaptureStatus;
import dev.nethergaze.source.capture.FilterSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ctl set} as the README and {@code ctl --help} say: the fields given replace the current
 * ones, the others keep their value, and an empty value clears a field.
 */
class CtlSetMergeTest {

    /** A capture that records the filters it is given. */
    static final class Recording implements CaptureControl {
        final List<String> bpf = new ArrayList<>();

        @Override
        public String name() {
            return "capture";
        }

        @Override
        public String setFilter(FilterSpec spec) {
            bpf.add(spec.bpf());
            return null;
        }

        @Override
        public void pause() {}

        @Override
        public void resume() {}

        @Override
        public void reset() {}

        @Override
        public CaptureStatus status() {
            return null;
        }
    }

    @Test
    void givenFieldsReplaceOthersStayAndAnEmptyValueClears() {
        Recording cap = new Recording();
        CaptureControlHandler h = new CaptureControlHandler(cap, FilterSpec.ALL, () -> null, () -> {});
        assertThat(h.setFilter(new FilterRequest(null, "udp", null, null, null)))
                .isNull();
        assertThat(h.setFilter(new FilterRequest("80", null, null, null, null))).isNull();
        assertThat(h.setFilter(new FilterRequest(null, "", null, null, null))).isNull();
        assertThat(cap.bpf).hasSize(3);
        assertThat(cap.bpf.get(1)).contains("udp").contains("80");
        assertThat(cap.bpf.get(2)).doesNotContain("udp").contains("80");
    }
}
