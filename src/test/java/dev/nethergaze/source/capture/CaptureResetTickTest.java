package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.SourceEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ctl reset} on a quiet interface: the tick after the reset carries no packets but must still
 * reach the engine, whose reset flag makes every IP forget its wire figures. Before, a tick without
 * packets was not emitted, so after a burst and a reset the IPs kept their packets and pps for good.
 */
class CaptureResetTickTest {

    @Test
    void aResetReachesTheEngineEvenWhenNoPacketCameAfterIt() throws Exception {
        CaptureCore core = new CaptureCore(
                "capture", "live", "lo", CaptureOptions.defaults(), null, (source, status, detail) -> {});
        List<SourceEvent> sent = new ArrayList<>();
        Instant t = Instant.parse("2026-11-22T03:00:00Z");
        core.emit(sent::add, core.agg.tick("capture", t, 0), LiveHandle.KernelStats.UNKNOWN);
        assertThat(sent).as("an empty tick without a reset is not sent").isEmpty();

        core.requestReset();
        assertThat(core.resetDone()).as("the reset is pending").isNotDone();
        core.housekeeping();
        assertThat(core.resetDone()).as("the reset is applied").isDone();
        core.emit(
                sent::add, core.agg.tick("capture", t.plusSeconds(1), 1_000_000_000L), LiveHandle.KernelStats.UNKNOWN);

        assertThat(sent).singleElement().isInstanceOfSatisfying(PacketTick.class, p -> {
            assertThat(p.reset()).isTrue();
            assertThat(p.ips()).isEmpty();
        });
    }

    /** Without the kernel's counts, the entry counts packets in words that agree: "0 packets", "1 packet". */
    @Test
    void theEntryCountsPacketsInAgreeingWords() {
        CaptureCore core = new CaptureCore(
                "capture", "live", "lo", CaptureOptions.defaults(), null, (source, status, detail) -> {});
        core.ok(LiveHandle.KernelStats.UNKNOWN, Long.MIN_VALUE);
        assertThat(core.health().detail()).isEqualTo("lo: 0 packets");
        byte[] junk = new byte[14]; // one frame, not IP: a packet all the same
        core.agg.frame(1, 1, java.lang.foreign.MemorySegment.ofArray(junk), 0, junk.length, junk.length);
        core.ok(LiveHandle.KernelStats.UNKNOWN, Long.MIN_VALUE);
        assertThat(core.health().detail()).isEqualTo("lo: 1 packet");
    }

    /**
     * On loopback the kernel counts each packet twice (going out and coming in; libpcap drops the
     * outgoing copy): its figure beside ours says so, or it reads as half the packets lost. Elsewhere
     * the line is as it was.
     */
    @Test
    void onLoopbackTheKernelsDoubleCountIsSaid() {
        CaptureCore lo = new CaptureCore(
                "capture", "live", "lo", CaptureOptions.defaults(), null, (source, status, detail) -> {});
        lo.ok(new LiveHandle.KernelStats(110, 0, 0), Long.MIN_VALUE);
        assertThat(lo.health().detail())
                .isEqualTo("lo: kernel received 110, dropped 0 (if 0); on loopback it counts each packet twice,"
                        + " out and in");
        CaptureCore eth = new CaptureCore(
                "capture", "live", "ng-no-such0", CaptureOptions.defaults(), null, (source, status, detail) -> {});
        eth.ok(new LiveHandle.KernelStats(110, 0, 0), Long.MIN_VALUE);
        assertThat(eth.health().detail()).isEqualTo("ng-no-such0: kernel received 110, dropped 0 (if 0)");
    }
}
