package dev.nethergaze.ui.tui.filter;

import dev.nethergaze.model.IpView;

/**
 * A predicate over IPs (and log lines) with its own description for the status bar. The console
 * depends only on this and {@link FilterParser} ({@link LanguageFilterParser} in use).
 */
public interface IpFilter {

    IpFilter ALL = new IpFilter() {
        @Override
        public boolean test(IpView v) {
            return true;
        }

        @Override
        public boolean testLine(IpView v, String line) {
            return true;
        }

        @Override
        public String describe() {
            return "";
        }

        @Override
        public boolean isAll() {
            return true;
        }
    };

    boolean test(IpView v);

    /** Whether a log line from {@code v} (null when the IP is no longer tracked) passes. */
    default boolean testLine(IpView v, String line) {
        return v != null && test(v);
    }

    /** Whether this filter lets everything through (so callers can skip it). */
    default boolean isAll() {
        return false;
    }

    /** The filter as the user should read it; empty for no filter. */
    String describe();
}
