package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.source.EventSink;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.time.Duration;

/** A live capture run on its own thread in a test, started and waited for until it counts packets. */
final class LoCapture {

    private final Thread thread;

    private LoCapture(Thread thread) {
        this.thread = thread;
    }

    /** Starts {@code capture} into {@code sink} and returns once it is capturing (fails after 10 s). */
    static LoCapture start(LiveCapture capture, EventSink sink) throws InterruptedException {
        Thread t = Thread.ofPlatform().daemon().start(() -> {
            try {
                capture.run(sink);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!capture.isCapturing() && t.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(capture.isCapturing()).as(capture.health().detail()).isTrue();
        return new LoCapture(t);
    }

    void stop() throws InterruptedException {
        thread.interrupt();
        thread.join(5000);
    }

    /** Sends {@code n} one-byte datagrams. */
    static void send(DatagramSocket from, DatagramSocket to, int n) throws java.io.IOException {
        for (int i = 0; i < n; i++) {
            from.send(new DatagramPacket(new byte[] {1}, 1, to.getLocalSocketAddress()));
        }
    }
}
