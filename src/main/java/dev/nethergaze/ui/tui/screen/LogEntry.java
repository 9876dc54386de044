package dev.nethergaze.ui.tui.screen;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.RequestView;
import java.time.Instant;

/**
 * One line of the live log: an HTTP request ({@code request} set) or an SSH event summarised from
 * the change in an IP's auth counters between two snapshots ({@code text} set). {@code seq} numbers
 * entries in arrival order, so a scrolled-back view can stay anchored while new lines arrive.
 */
public record LogEntry(long seq, Instant time, IpKey ip, RequestView request, String text, boolean sshFailure) {

    /** The searchable text of the line (for filters). */
    public String searchText() {
        return request != null ? request.method() + " " + request.target() + " " + request.status() : text;
    }
}
