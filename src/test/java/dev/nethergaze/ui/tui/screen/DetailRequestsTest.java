package dev.nethergaze.ui.tui.screen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.widget.StyledLine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The detail's Requests line ends with the status mix when there is one, and with the bytes when there
 * is none (an IP known only from SSH or the kernel table): before, "0 total · 0/min · 0 B sent ·", a
 * separator before nothing.
 */
class DetailRequestsTest {

    private static IpView view(boolean withRequest) {
        EngineSettings es = new EngineSettings(true, 1000, null, 10, "test", String::valueOf);
        Engine e = new Engine(es);
        Instant t = Instant.parse("2026-12-07T20:00:00Z");
        IpKey ip = IpKey.parse("203.0.113.9");
        if (withRequest) {
            e.apply(new HttpHit("a.log", t, ip, ip, "GET", "/", "HTTP/1.1", 404, 10, "-", "c", "", false));
        } else {
            e.apply(new dev.nethergaze.model.AuthAttempt(
                    "auth", t, ip, "root", dev.nethergaze.model.AuthKind.FAILED_PASSWORD, ""));
        }
        return e.snapshot(List.of()).ips().getFirst();
    }

    private static String line(IpView v) {
        return DetailLines.requests(v, Theme.mono()).get(1).plain();
    }

    @Test
    void theRequestsLineEndsWithWhatItHas() {
        assertThat(line(view(true))).endsWith(" sent · 4xx 1");
        assertThat(line(view(false))).endsWith(" sent").doesNotContain(" ·  ").doesNotEndWith("·");
    }

    /**
     * The detail offers {@code w} for whois only in a run that can ask: before, the demo and {@code
     * --offline} said "(w asks for whois now)", and {@code w} then answered that whois was off.
     */
    @Test
    void theWhoisKeyIsOfferedOnlyWhenWhoisCanAsk() {
        IpView v = view(false);
        Instant now = v.lastSeen();
        assertThat(DetailLines.identity(v, now, true, true, Theme.mono()).stream()
                        .map(StyledLine::plain))
                .contains("  no geo or whois yet (w asks for whois now)");
        assertThat(DetailLines.identity(v, now, false, true, Theme.mono()).stream()
                        .map(StyledLine::plain))
                .contains("  no geo or whois (whois is off in this run)")
                .noneMatch(l -> l.contains("w asks"));
    }

    /**
     * A run that keeps no history ({@code --no-history}, or no usable history file) says so: before,
     * the detail said "no earlier sessions recorded", as if the store had been asked and knew nothing.
     */
    @Test
    void aRunWithoutHistorySaysItKeepsNone() {
        IpView v = view(false);
        Instant now = v.lastSeen();
        assertThat(DetailLines.identity(v, now, false, false, Theme.mono()).stream()
                        .map(StyledLine::plain))
                .anyMatch(l -> l.matches(" *history +not kept in this run"))
                .noneMatch(l -> l.contains("no earlier sessions recorded"));
        assertThat(DetailLines.identity(v, now, false, true, Theme.mono()).stream()
                        .map(StyledLine::plain))
                .anyMatch(l -> l.matches(" *history +no earlier sessions recorded"));
    }
}
