package dev.nethergaze.enrich.whois;

import dev.nethergaze.model.IpKey;
import java.util.regex.Pattern;

/**
 * Tells an organisation's name from what registries put in its place: an RPSL handle
 * ({@code ORG-VSA1-AFRINIC}, {@code MBIP-AFRINIC}, {@code DB50-AP}, {@code BTENT-MNT}) or an address
 * range or prefix ({@code 196.11.239.0 - 196.11.246.255}, {@code 200.57.128/19}). AFRINIC's RDAP
 * gives the organisation's handle as its vCard name; a {@code descr:} may hold a range.
 */
public final class OrgNames {

    private static final Pattern HANDLE = Pattern.compile(
            "(?i)ORG-[A-Z0-9-]+|[A-Z0-9]+(-[A-Z0-9]+)*-(AFRINIC|RIPE|APNIC|AP|ARIN|LACNIC|MNT|KR|JP|TW|CN|ID|IN|VN)");
    private static final Pattern RANGE = Pattern.compile("[0-9A-Fa-f.:]+(/\\d{1,3})?(\\s*-\\s*[0-9A-Fa-f.:]+)?");

    private OrgNames() {}

    /** Whether {@code text} can be shown as an organisation's name: not blank, not a handle, not a range. */
    public static boolean isName(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        String t = text.strip();
        return !HANDLE.matcher(t).matches() && !isRange(t);
    }

    private static boolean isRange(String t) {
        if (!RANGE.matcher(t).matches()) {
            return false;
        }
        String start = t.split("[/\\s-]", -1)[0];
        return IpKey.tryParse(start) != null
                || start.chars().filter(c -> c == '.').count() >= 1;
    }
}
