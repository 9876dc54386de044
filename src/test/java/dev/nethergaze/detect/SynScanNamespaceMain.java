package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.PacketTick;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.capture.CaptureLimits;
import dev.nethergaze.source.capture.CaptureOptions;
import dev.nethergaze.source.capture.LiveCapture;
import dev.nethergaze.source.capture.NamespaceCaptureMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Child JVM for {@link SynScanNamespaceTest}, started inside its network namespace: listens on
 * 127.0.0.1 ports {@code args[0]} to {@code args[0] + args[1] - 1} (the open ports), captures
 * {@code lo} with a real {@link LiveCapture} whose ticks feed a real {@link Detector}, prints
 * {@code capturing}, then on a line on stdin waits until the capture is still and every handshake
 * has timed out, and prints the {@code syn_scan} finding of {@code args[2]}: its reason, then each
 * evidence line (or {@code none}).
 */
final class SynScanNamespaceMain {

    private SynScanNamespaceMain() {}

    public static void main(String[] args) throws Exception {
        int first = Integer.parseInt(args[0]);
        int open = Integer.parseInt(args[1]);
        IpKey scanner = IpKey.parse(args[2]);
        List<ServerSocket> listeners = new ArrayList<>();
        for (int p = first; p < first + open; p++) {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 64);
            listeners.add(s);
        }
        CaptureOptions options = CaptureOptions.defaults().withTick(Duration.ofMillis(100));
        LiveCapture capture = new LiveCapture("lo", options, InstantSource.system(), StatusReporter.to(System.err));
        Detector detector = new Detector(DetectSettings.defaults(), Allowlist.EMPTY, 1000);
        AtomicReference<List<Finding>> findings = new AtomicReference<>(List.of());
        Thread t = NamespaceCaptureMain.start(capture, e -> {
            if (e instanceof PacketTick p) {
                detector.observe(p);
                detector.evaluate(p.time());
                findings.set(detector.findings(scanner));
            }
        });
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        NamespaceCaptureMain.settled(capture, options.tick().toMillis());
        // the dropped SYNs resolve as unanswered once the handshake timeout has passed, at a tick
        Thread.sleep(CaptureLimits.DEFAULTS.handshakeTimeout().toMillis() + 500);
        Finding scan = findings.get().stream()
                .filter(f -> f.rule().equals(SynScanRule.ID))
                .findFirst()
                .orElse(null);
        System.out.println(scan == null ? "none" : scan.reason());
        if (scan != null) {
            scan.evidence().forEach(System.out::println);
        }
        System.out.println("end");
        System.out.flush();
        t.interrupt();
        t.join(2000);
        for (ServerSocket s : listeners) {
            s.close();
        }
        System.exit(0);
    }
}
