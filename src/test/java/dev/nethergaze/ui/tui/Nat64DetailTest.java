package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.ui.tui.draw.Theme;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A NAT64 client's geo and whois are its IPv4 address's (looked up as that since cf24a1e): the detail
 * says so, as lookup does, instead of showing a London ISP for an IPv6 address without a word.
 */
class Nat64DetailTest {

    @Test
    void theDetailOfANat64ClientSaysWhatWasLookedUp() {
        String detail = new Screens(160, 45, Theme.dark())
                .feed(List.of(Snapshots.nat64()))
                .keys("\r")
                .text();
        assertThat(detail)
                .contains("United Kingdom")
                .containsPattern("looked up +81\\.2\\.69\\.160 \\(via NAT64 of 81\\.2\\.69\\.160\\)");
    }
}
