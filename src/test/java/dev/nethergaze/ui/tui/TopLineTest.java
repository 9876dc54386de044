package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.draw.Theme;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The top strip's second line names the top IPs by request rate, connections and SSH failures. On a
 * narrow terminal a group gives up its last IPs (said with {@code …}) rather than an address being
 * cut in the middle: {@code 2001:db8:bad:1:} is another IP than {@code 2001:db8:bad:1::22}.
 */
class TopLineTest {

    private static final Pattern ADDRESS = Pattern.compile("[0-9a-f]*[.:][0-9a-f.:]*[0-9a-f:]");

    @Test
    void everyAddressOnTheLineIsWholeAtEveryWidth() {
        Snapshot s = Snapshots.demo(12).getLast();
        Set<String> ips = s.ips().stream().map(v -> v.ip().toString()).collect(Collectors.toSet());
        assertThat(s.ips().stream().mapToLong(v -> v.auth().failures()).sum())
                .as("the demo has SSH failures by then")
                .isPositive();
        int fewest = Integer.MAX_VALUE;
        for (int width : List.of(200, 160, 140, 120, 100, 80)) {
            String line =
                    new Screens(width, 45, Theme.dark()).feed(List.of(s)).text().split("\n")[2];
            assertThat(line).as("width %d", width).contains("req/min ").contains("conns ");
            Matcher m = ADDRESS.matcher(line);
            while (m.find()) {
                String shown = m.group();
                if (shown.chars().filter(c -> c == '.').count() == 3 || shown.contains(":")) {
                    assertThat(ips).as("width %d: %s in %s", width, shown, line).contains(shown);
                }
            }
            int named = (int) ips.stream().filter(line::contains).count();
            fewest = Math.min(fewest, named);
        }
        assertThat(fewest).as("IPs left out at narrow widths").isLessThan(9);
        String narrow =
                new Screens(80, 24, Theme.dark()).feed(List.of(s)).text().split("\n")[2];
        assertThat(narrow)
                .as("at 80 columns the words go before an address is cut")
                .startsWith(" req/min ")
                .contains("ssh fails 2001:db8:bad:1::22 ");
    }

    @Test
    void aWideTerminalShowsThreeOfEachAndNoEllipsis() {
        Snapshot s = Snapshots.demo(12).getLast();
        String line = new Screens(400, 45, Theme.dark()).feed(List.of(s)).text().split("\n")[2];
        assertThat(line).contains("top ssh fails").doesNotContain("…");
        long withConns =
                s.ips().stream().filter(v -> v.connections().total() > 0).count();
        String conns = line.substring(line.indexOf("top conns"), line.indexOf("top ssh fails"));
        assertThat(conns.split(" · ")).hasSize((int) Math.min(3, withConns));
        assertThat(s.ips()).extracting(IpView::ip).isNotEmpty();
    }
}
