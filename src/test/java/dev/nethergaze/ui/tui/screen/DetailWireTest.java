package dev.nethergaze.ui.tui.screen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.engine.ReplayDriver;
import dev.nethergaze.model.IpView;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.capture.CaptureOptions;
import dev.nethergaze.source.capture.ReplayCapture;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.widget.StyledLine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console's detail of a scanner seen on the wire tells SYNs with no reply from SYNs refused by RST,
 * as the web page and syn_scan's evidence do: nDPI's tcp_scan.pcapng, whose 192.168.1.178 sent SYNs
 * to 445 and 3389 of 192.168.1.2 that were answered by RST (tshark). Before, "unanswered 2" alone,
 * which a reader takes for two drops.
 */
class DetailWireTest {

    @Test
    void refusedSynsAreToldApartFromSynsWithNoReply() throws Exception {
        EngineSettings es = new EngineSettings(true, 10_000, null, 10, "test", String::valueOf);
        ReplayDriver driver = new ReplayDriver(new Engine(es), Duration.ofSeconds(1));
        IpView scanner = driver
                .run(List.of(new ReplayCapture(
                        TestData.path("pcap/ndpi/tcp_scan.pcapng"),
                        CaptureOptions.defaults(),
                        StatusReporter.to(System.err))))
                .ips()
                .stream()
                .filter(v -> v.ip().toString().equals("192.168.1.178"))
                .findFirst()
                .orElseThrow();
        List<String> lines = DetailLines.connections(scanner, Theme.mono()).stream()
                .map(StyledLine::plain)
                .toList();
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .contains("handshakes 2 · unanswered 2 (no reply 0, refused by RST 2) · half-open 0"));
    }
}
