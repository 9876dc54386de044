package dev.nethergaze.source.capture;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.source.StatusReporter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

/**
 * Child JVM for {@link LiveSynAckResetTest}, started inside a test network namespace: listens on
 * 127.0.0.1:{@code args[0]} (never accepting), captures {@code lo}, prints {@code capturing}; on a
 * line on stdin waits for the traffic to settle and the open handshakes to time out, then prints the
 * capture-wide outcomes ({@code handshakes {...}}) and one line per address in {@code args[1..]}:
 * {@code IP syn S handshakes H unanswered U refused R half_open O synack_reset X}.
 */
public final class NamespaceOutcomesMain {

    private NamespaceOutcomesMain() {}

    public static void main(String[] args) throws Exception {
        try (ServerSocket listener =
                new ServerSocket(Integer.parseInt(args[0]), 128, InetAddress.getLoopbackAddress())) {
            CaptureOptions options = CaptureOptions.defaults().withTick(Duration.ofMillis(100));
            LiveCapture capture = new LiveCapture("lo", options, InstantSource.system(), StatusReporter.to(System.err));
            Thread t = NamespaceCaptureMain.start(capture, e -> {});
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            NamespaceCaptureMain.settled(capture, options.tick().toMillis());
            Thread.sleep(CaptureLimits.DEFAULTS.handshakeTimeout().toMillis() + 500); // open ones time out
            CaptureStatus s = capture.status();
            Map<String, Long> h = s.counters().handshakes();
            System.out.println("handshakes " + h);
            for (int i = 1; i < args.length; i++) {
                IpKey ip = IpKey.parse(args[i]);
                IpTotals c = s.top().stream()
                        .filter(x -> x.ip().equals(ip))
                        .findFirst()
                        .orElseThrow();
                System.out.println(args[i] + " syn " + c.syn() + " handshakes " + c.handshakes() + " unanswered "
                        + c.synUnanswered() + " refused " + c.synRefused() + " half_open " + c.halfOpen()
                        + " synack_reset " + c.synackReset());
            }
            System.out.flush();
            t.interrupt();
            t.join(2000);
            System.exit(0);
        }
    }
}
