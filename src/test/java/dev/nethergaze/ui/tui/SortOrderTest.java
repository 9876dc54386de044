package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.detect.Findings;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.screen.SortKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code s} cycles through is what the help says, and the threat order puts severity first. */
class SortOrderTest {

    /** The IPs of the table's rows, top to bottom, as drawn. */
    private static List<String> tableIps(String screen) {
        List<String> out = new ArrayList<>();
        for (String row : screen.split("\n")) {
            if (row.startsWith("│") && row.length() > 23) {
                String ip = row.substring(4, 23).trim();
                if (dev.nethergaze.model.IpKey.tryParse(ip) != null) {
                    out.add(ip);
                }
            }
        }
        return out;
    }

    /** The help named seven sorts; {@code s} went through nine, "reqs" and "last" among them. */
    @Test
    void theHelpNamesEverySortThatSCyclesThrough() {
        String s = KeyMap.help().stream()
                .filter(e -> e.keys().startsWith("s S"))
                .findFirst()
                .orElseThrow()
                .description();
        int at = -1;
        for (SortKey k : SortKey.values()) {
            int i = s.indexOf(" " + k.tag());
            assertThat(i).as("%s in '%s'", k.tag(), s).isGreaterThan(at);
            at = i;
        }
        assertThat(new Screens(80, 24, Theme.dark())
                        .feed(Snapshots.demo(4))
                        .keys("?")
                        .text())
                .as("whole in the help at 80 columns")
                .contains(s);
        Screens screens = new Screens(160, 45, Theme.dark()).feed(Snapshots.demo(4));
        for (SortKey k : SortKey.values()) {
            assertThat(screens.text()).contains("sort " + k.tag());
            screens.keys("s");
        }
    }

    /**
     * After half a minute of the demo the scanner has critical, medium and low findings and the
     * brute-forcer who logged in as root critical, high and medium: as many, equally bad at worst.
     * The scanner's requests decided, and it sorted above the login; the next severity decides now.
     */
    @Test
    void theNextWorstSeverityDecidesBeforeTheRequests() {
        List<Snapshot> demo = Snapshots.demo(30);
        Snapshot last = demo.getLast();
        IpView scanner = find(last, "192.0.2.201");
        IpView brute = find(last, "2001:db8:bad:1::22");
        assertThat(Findings.worst(scanner)).isEqualTo(Severity.CRITICAL);
        assertThat(Findings.worst(brute)).isEqualTo(Severity.CRITICAL);
        assertThat(Findings.open(scanner)).isEqualTo(Findings.open(brute));
        assertThat(scanner.requests()).isGreaterThan(brute.requests());

        assertThat(tableIps(
                        new Screens(160, 45, Theme.dark()).feed(demo).keys("T").text()))
                .startsWith("2001:db8:bad:1::22", "192.0.2.201");
        List<String> suspicious =
                tableIps(new Screens(160, 45, Theme.dark()).feed(demo).keys("!").text());
        assertThat(suspicious).startsWith("2001:db8:bad:1::22", "192.0.2.201");
        assertThat(Findings.suspicious(last.ips()).stream()
                        .map(v -> v.ip().toString())
                        .toList())
                .as("--suspicious and the web view, in the same order")
                .startsWith(suspicious.toArray(String[]::new));
    }

    private static IpView find(Snapshot s, String ip) {
        return s.ips().stream()
                .filter(v -> v.ip().toString().equals(ip))
                .findFirst()
                .orElseThrow();
    }
}
