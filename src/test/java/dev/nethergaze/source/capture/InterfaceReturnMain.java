package dev.nethergaze.source.capture;

import dev.nethergaze.source.StatusReporter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Child JVM for {@link InterfaceReturnTest}, started inside a test network namespace: runs a real
 * {@link LiveCapture} on the interface named in {@code args[0]}, prints each problem or recovery it
 * reports as {@code report STATUS: DETAIL}, {@code capturing} once the handle is first open, and on
 * each line on stdin {@code frames N}: the frames counted so far, after a few ticks for the last
 * ones to be read.
 */
final class InterfaceReturnMain {

    private InterfaceReturnMain() {}

    public static void main(String[] args) throws Exception {
        CaptureOptions options = CaptureOptions.defaults().withTick(Duration.ofMillis(100));
        StatusReporter out = (source, status, detail) -> System.out.println("report " + status.json() + ": " + detail);
        LiveCapture capture = new LiveCapture(args[0], options, InstantSource.system(), out);
        Thread t = Thread.ofPlatform().daemon().start(() -> {
            try {
                capture.run(e -> {});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        while (!capture.isCapturing() && t.isAlive()) {
            Thread.sleep(10);
        }
        System.out.println(
                t.isAlive() ? "capturing" : "error: " + capture.health().detail());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            Thread.sleep(500);
            System.out.println("frames " + capture.status().counters().frames());
        }
        t.interrupt();
        t.join(2000);
    }
}
