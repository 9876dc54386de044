package dev.nethergaze.ui.tui.filter;

import dev.nethergaze.detect.Filter;
import dev.nethergaze.model.IpView;
import java.util.Locale;

/** The quick (free-text) filter of {@code /}, and the conjunction of quick and structured filters. */
public final class Filters {

    private Filters() {}

    /** Case-insensitive text as the filter language's free text matches it; empty text = everything. */
    public static IpFilter text(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return IpFilter.ALL;
        }
        Filter p = Filter.text(t);
        String lower = t.toLowerCase(Locale.ROOT);
        return new IpFilter() {
            @Override
            public boolean test(IpView v) {
                return p.test(v);
            }

            @Override
            public boolean testLine(IpView v, String line) {
                return (v != null && p.test(v))
                        || (line != null && line.toLowerCase(Locale.ROOT).contains(lower));
            }

            @Override
            public String describe() {
                return "/" + t;
            }
        };
    }

    public static IpFilter and(IpFilter a, IpFilter b) {
        if (a.isAll()) {
            return b;
        }
        if (b.isAll()) {
            return a;
        }
        return new IpFilter() {
            @Override
            public boolean test(IpView v) {
                return a.test(v) && b.test(v);
            }

            @Override
            public boolean testLine(IpView v, String line) {
                return a.testLine(v, line) && b.testLine(v, line);
            }

            @Override
            public String describe() {
                return a.describe() + " " + b.describe();
            }
        };
    }
}
