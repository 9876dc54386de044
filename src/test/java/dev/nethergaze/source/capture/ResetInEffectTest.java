package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.WireDelta;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code ctl reset} then traffic: once {@link LiveCapture#reset} has returned, every packet after it
 * is counted afresh, and the packets before it still go out (to the engine and the JSONL export) in
 * a tick of their own. Found black-box: a reset, then 40 curl connections within a second into a
 * test namespace, and {@code ctl status} counted 8 of them (194 frames of the 488 tcpdump saw, the
 * kernel's 492 received, no drop): the reset was applied at the next tick and wiped what had been
 * captured since it was asked for, which never reached the JSONL either. A live capture on
 * {@code lo} with a long tick, so that a reset left for the tick is seen.
 */
class ResetInEffectTest {

    @Test
    void packetsAfterAResetAreCountedAndThoseBeforeItAreNotLost() throws Exception {
        assumeTrue(Tools.isRoot(), "capturing on lo needs root or CAP_NET_RAW");
        assumeTrue(LibPcap.available(), "libpcap not installed (Debian libpcap0.8; CI installs it)");
        try (DatagramSocket target = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                DatagramSocket sender = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            CaptureOptions options = CaptureOptions.defaults()
                    .withTick(Duration.ofSeconds(3))
                    .withFilter(FilterSpec.parse(null, null, null, null, "udp dst port " + target.getLocalPort()));
            LiveCapture capture = new LiveCapture("lo", options, InstantSource.system(), (s, st, d) -> {});
            List<PacketTick> ticks = new CopyOnWriteArrayList<>();
            LoCapture run = LoCapture.start(capture, (SourceEvent e) -> {
                if (e instanceof PacketTick p) {
                    ticks.add(p);
                }
            });
            try {
                LoCapture.send(sender, target, 5);
                Thread.sleep(200); // read by the capture, well before its next tick

                capture.reset();
                LoCapture.send(sender, target, 7);

                long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
                while (ticks.stream().noneMatch(PacketTick::reset) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(200);
                assertThat(capture.status().counters().frames())
                        .as("the frames counted since the reset")
                        .isEqualTo(7);
                int resetAt = indexOfReset(ticks);
                assertThat(resetAt).as("a tick says the reset").isNotNegative();
                assertThat(packets(ticks.subList(0, resetAt)))
                        .as("the packets before the reset, sent before the reset tick")
                        .isEqualTo(5);
                assertThat(packets(ticks.subList(resetAt, ticks.size())))
                        .as("the packets after the reset, from the reset tick on")
                        .isEqualTo(7);
            } finally {
                run.stop();
            }
        }
    }

    private static int indexOfReset(List<PacketTick> ticks) {
        for (int i = 0; i < ticks.size(); i++) {
            if (ticks.get(i).reset()) {
                return i;
            }
        }
        return -1;
    }

    private static long packets(List<PacketTick> ticks) {
        return ticks.stream()
                .flatMap(p -> p.ips().stream())
                .mapToLong(WireDelta::packets)
                .sum();
    }
}
