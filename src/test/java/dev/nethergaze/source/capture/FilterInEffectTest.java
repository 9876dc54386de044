package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/**
 * {@code ctl set} then {@code ctl top}: once {@link LiveCapture#setFilter} has returned, the new
 * filter is the one the kernel applies and the one the status names. A live capture on {@code lo}
 * with a one-second tick (so that a change left for the next tick is seen): datagrams to the old
 * filter's port sent right after the change must not be counted, those to the new one must.
 */
class FilterInEffectTest {

    @Test
    void aFilterChangeIsInEffectWhenSetFilterReturns() throws Exception {
        assumeTrue(Tools.isRoot(), "capturing on lo needs root or CAP_NET_RAW");
        assumeTrue(LibPcap.available(), "libpcap not installed (Debian libpcap0.8; CI installs it)");
        try (DatagramSocket a = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                DatagramSocket b = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                DatagramSocket sender = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String oldBpf = "udp dst port " + a.getLocalPort();
            String newBpf = "udp dst port " + b.getLocalPort();
            CaptureOptions options = CaptureOptions.defaults()
                    .withTick(Duration.ofSeconds(1))
                    .withFilter(FilterSpec.parse(null, null, null, null, oldBpf));
            LiveCapture capture = new LiveCapture("lo", options, InstantSource.system(), (s, st, d) -> {});
            LoCapture run = LoCapture.start(capture, e -> {});
            try {
                LoCapture.send(sender, a, 5);
                long before = framesAfterATick(capture, 5);
                assertThat(before).as("the old filter's datagrams").isEqualTo(5);

                assertThat(capture.setFilter(FilterSpec.parse(null, null, null, null, newBpf)))
                        .isNull();
                assertThat(capture.status().filter())
                        .as("the status names the filter in effect")
                        .contains(newBpf);
                LoCapture.send(sender, a, 20); // the old filter's port, right after the change: not counted
                LoCapture.send(sender, b, 3);
                assertThat(framesAfterATick(capture, before + 3))
                        .as("only the new filter's datagrams")
                        .isEqualTo(before + 3);
            } finally {
                run.stop();
            }
        }
    }

    /** The frames counted once at least {@code expected} are, or after two ticks and a half if fewer. */
    private static long framesAfterATick(LiveCapture capture, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMillis(2500).toNanos();
        while (capture.status().counters().frames() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(1200); // one more tick: frames beyond those expected would be counted by now
        return capture.status().counters().frames();
    }
}
