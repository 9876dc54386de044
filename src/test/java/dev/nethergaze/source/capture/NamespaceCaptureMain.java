package dev.nethergaze.source.capture;

import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.model.WireDelta;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.StatusReporter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child JVM for {@link LiveNamespaceCaptureTest}, started inside a test network namespace: runs a
 * real {@link LiveCapture} on the interface named in {@code args[0]}, prints {@code capturing}
 * once the handle is open (or {@code error: …} and exits 1), then on a line on stdin waits until
 * the packet count has not moved for three ticks (10 s at most) and prints {@code syn N packets M dropped D}: SYNs (SYN without ACK) from the emitted
 * ticks and the kernel's drop counter.
 */
public final class NamespaceCaptureMain {

    private NamespaceCaptureMain() {}

    /**
     * Waits until the frame count has not moved for three ticks (10 s at most), then one more tick
     * (the one carrying the last packets has been emitted); returns the capture's status then.
     */
    public static CaptureStatus settled(LiveCapture capture, long tickMillis) throws InterruptedException {
        long last = -1;
        int still = 0;
        for (int i = 0; i < 10_000 / tickMillis && still < 3; i++) {
            Thread.sleep(tickMillis);
            long frames = capture.status().counters().frames();
            still = frames == last ? still + 1 : 0;
            last = frames;
        }
        Thread.sleep(tickMillis); // the tick carrying the last packets has been emitted
        return capture.status();
    }

    /**
     * Runs {@code capture} into {@code sink} on a thread of its own; once its handle is open prints
     * {@code capturing}, or, when it fails to open, {@code error: …} and exits 1.
     */
    public static Thread start(LiveCapture capture, EventSink sink) throws InterruptedException {
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                capture.run(sink);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        while (!capture.isCapturing()) {
            if (!t.isAlive()) {
                System.out.println("error: " + capture.health().detail());
                System.exit(1);
            }
            Thread.sleep(10);
        }
        System.out.println("capturing");
        System.out.flush();
        return t;
    }

    public static void main(String[] args) throws Exception {
        CaptureOptions options = CaptureOptions.defaults().withTick(Duration.ofMillis(100));
        LiveCapture capture = new LiveCapture(args[0], options, InstantSource.system(), StatusReporter.to(System.err));
        AtomicLong syn = new AtomicLong();
        AtomicLong packets = new AtomicLong();
        Thread t = start(capture, e -> {
            if (e instanceof PacketTick p) {
                for (WireDelta d : p.ips()) {
                    syn.addAndGet(d.syn());
                    packets.addAndGet(d.packets());
                }
            }
        });
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        CaptureStatus s = settled(capture, options.tick().toMillis());
        System.out.println("syn " + syn.get() + " packets " + packets.get() + " dropped " + s.kernelDropped()
                + " frames " + s.counters().frames() + " received " + s.kernelReceived());
        System.out.flush();
        t.interrupt();
        t.join(2000);
        System.exit(capture.health().status() == SourceStatus.ERROR ? 1 : 0);
    }
}
