package dev.nethergaze.cli;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.ui.tui.ActionResult;
import dev.nethergaze.ui.tui.ConsoleActions;

/** What the console may ask of a live run. Block assist and hooks arrive with the act/ package. */
final class LiveConsoleActions implements ConsoleActions {

    private final boolean enriching;

    LiveConsoleActions(boolean enriching) {
        this.enriching = enriching;
    }

    @Override
    public ActionResult pause(boolean paused) {
        return ActionResult.ok(paused ? "view paused; the engine keeps counting" : "resumed");
    }

    @Override
    public ActionResult whoisNow(IpKey ip) {
        if (!enriching) {
            return ActionResult.unavailable("whois (enrichment is off)");
        }
        return ActionResult.ok("whois for " + ip + " is looked up automatically, busiest IPs first;"
                + " the answer appears in the detail view");
    }
}
