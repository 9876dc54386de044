package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.ui.tui.draw.Theme;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bottom bar's answer to a key is read whole, or visibly cut: at 80 columns the demo's answer to
 * key 1 used to stop at "it reads no con", with nothing to say there was more.
 */
class StatusMessageTest {

    static final String HOOK = "the demo runs no hooks (it reads no config file): in the console, key 1 runs"
            + " the first [[hooks]] entry of the config with the IP";

    private static String bottom(int w, String message) {
        ConsoleActions actions = new ConsoleActions() {
            @Override
            public ActionResult runHook(int n, IpKey ip) {
                return ActionResult.failed(message);
            }
        };
        Screens s = new Screens(w, 24, Theme.dark(), actions)
                .feed(Snapshots.demo(4))
                .keys("1");
        return s.text().lines().reduce((a, b) -> b).orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({"80", "100", "160"})
    void aMessageThatFitsTheLineIsShownWhole(int w) {
        String msg = HOOK.substring(0, 70);
        assertThat(bottom(w, msg)).contains(msg);
    }

    @ParameterizedTest
    @CsvSource({"80", "160"})
    void aLongerOneEndsInAnEllipsis(int w) {
        String line = bottom(w, HOOK + " and more " + "x".repeat(200));
        assertThat(line.strip())
                .startsWith("the demo runs no hooks (it reads no config file)")
                .endsWith("…");
    }
}
