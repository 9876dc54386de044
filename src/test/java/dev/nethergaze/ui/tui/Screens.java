package dev.nethergaze.ui.tui;

import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.draw.Theme;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** A console loop on an in-memory terminal, fed snapshot by snapshot with a frozen clock. */
final class Screens {

    final FakeTty tty;
    final AtomicReference<Snapshot> latest = new AtomicReference<>();
    final ConsoleLoop loop;

    Screens(int w, int h, Theme theme, ConsoleActions actions) {
        tty = new FakeTty(w, h);
        ConsoleOptions opts = ConsoleOptions.defaults().withEnv(Map.of());
        loop = new ConsoleLoop(tty, latest::get, opts, theme, actions, Runnable::run, () -> 0L);
    }

    Screens(int w, int h, Theme theme) {
        this(w, h, theme, ConsoleActions.NONE);
    }

    /** Shows each snapshot in turn (so the live log fills as it would), one frame each. */
    Screens feed(List<Snapshot> snapshots) {
        for (Snapshot s : snapshots) {
            latest.set(s);
            loop.frame();
        }
        return this;
    }

    Screens keys(String typed) {
        FakeTty keysOnly = new FakeTty(1, 1).type(typed);
        var decoder = new dev.nethergaze.ui.tui.term.KeyDecoder(keysOnly);
        try {
            for (var k = decoder.next(1); k != null; k = decoder.next(1)) {
                loop.press(k);
                loop.frame();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return this;
    }

    /** The top bar, {@code width} wide, of {@code base} with these sources instead of its own. */
    static String topBar(Snapshot base, List<dev.nethergaze.model.SourceHealth> sources, int width) {
        Snapshot s = new Snapshot(
                base.generatedAt(),
                base.host(),
                sources,
                base.totals(),
                base.ips(),
                base.listeners(),
                base.findings(),
                List.of());
        return new Screens(width, 45, Theme.dark())
                .feed(List.of(s))
                .text()
                .lines()
                .findFirst()
                .orElseThrow();
    }

    String text() {
        loop.frame();
        return loop.screen().toPlainText();
    }

    String styled() {
        loop.frame();
        return dev.nethergaze.ui.tui.draw.AnsiDiff.styledText(loop.screen());
    }
}
