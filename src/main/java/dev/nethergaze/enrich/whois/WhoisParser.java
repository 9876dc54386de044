package dev.nethergaze.enrich.whois;

import dev.nethergaze.enrich.rdap.Cidr;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.WhoisInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads legacy whois replies (ARIN, RIPE, APNIC, AFRINIC, LACNIC and IANA) into a {@link WhoisInfo}
 * plus the referral to follow, if any. Keys are matched case-insensitively; the first value wins.
 */
public final class WhoisParser {

    private static final Pattern LINE = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9 /_-]*?):\\s*(.*)$");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern SHORT_V4_PREFIX = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){0,2})/(\\d{1,2})");
    private static final Pattern ABUSE_NOTE = Pattern.compile("(?i)abuse contact for '[^']*' is '([^']+)'");
    private static final Pattern RATE_LIMIT =
            Pattern.compile("(?i)(rate limit|query limit|too many queries|exceeded the maximum|access denied)");

    /** A parsed reply: what it says, and where it refers to ({@code null}: nowhere). */
    public record Reply(WhoisInfo info, WhoisServer referral, boolean rateLimited) {}

    private WhoisParser() {}

    public static Reply parse(String text) {
        List<String[]> pairs = new ArrayList<>();
        for (String raw : text.split("\\r?\\n|\\r", -1)) {
            if (raw.startsWith("%") || raw.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(raw);
            if (m.matches()) {
                pairs.add(new String[] {
                    m.group(1).strip().toLowerCase(Locale.ROOT), m.group(2).strip()
                });
            }
        }
        Map<String, String> first = new LinkedHashMap<>();
        for (String[] p : pairs) {
            if (!p[1].isEmpty()) {
                first.putIfAbsent(p[0], p[1]);
            }
        }
        WhoisInfo info = new WhoisInfo(
                any(first, "netname", "network-name"),
                cidr(first),
                org(first, pairs),
                upper(any(first, "country")),
                abuse(text, first, pairs),
                "whois",
                date(any(first, "regdate", "created")),
                date(any(first, "updated", "last-modified", "changed")));
        boolean limited = RATE_LIMIT.matcher(text).find() && info.network() == null && info.cidr() == null;
        return new Reply(info, referral(first), limited);
    }

    /** Whether the reply says anything about a network at all. */
    public static boolean hasNetwork(WhoisInfo info) {
        return info.network() != null || info.cidr() != null;
    }

    private static String cidr(Map<String, String> first) {
        String c = any(first, "cidr", "route", "route6");
        String range = any(first, "inetnum", "inet6num", "netrange");
        if (range == null) {
            return c;
        }
        int dash = range.indexOf(" - ");
        if (dash < 0) {
            return fullPrefix(range);
        }
        IpKey a = IpKey.tryParse(range.substring(0, dash).strip());
        IpKey b = IpKey.tryParse(range.substring(dash + 3).strip());
        if (a == null || b == null) {
            return range;
        }
        return c != null && first.containsKey("cidr") ? c : Cidr.describe(a, b);
    }

    /** LACNIC's abbreviated IPv4 prefix written out ({@code 200.57.128/19} → {@code 200.57.128.0/19}). */
    static String fullPrefix(String range) {
        Matcher m = SHORT_V4_PREFIX.matcher(range);
        if (!m.matches()) {
            return range;
        }
        String octets = m.group(1);
        int have = octets.split("\\.", -1).length;
        return octets + ".0".repeat(4 - have) + "/" + m.group(2);
    }

    private static String abuse(String text, Map<String, String> first, List<String[]> pairs) {
        String direct = any(first, "orgabuseemail", "rabuseemail", "abuse-mailbox");
        if (direct != null) {
            return direct;
        }
        Matcher note = ABUSE_NOTE.matcher(text);
        if (note.find()) {
            return note.group(1);
        }
        String handle = first.get("abuse-c");
        if (handle != null) {
            String email = emailOfHandle(pairs, handle);
            if (email != null) {
                return email;
            }
        }
        for (String[] p : pairs) {
            String email = p[0].equals("remarks") ? abuseEmailInRemark(p[1]) : null;
            if (email != null) {
                return email;
            }
        }
        return null;
    }

    /**
     * The e-mail address in a remark about abuse ("please send abuse reports to abuse@example.net"),
     * or null: where a registry without an abuse contact (AFRINIC's older records) names one, in
     * whois remarks: lines and in RDAP remarks alike.
     */
    public static String abuseEmailInRemark(String remark) {
        if (remark == null || !remark.toLowerCase(Locale.ROOT).contains("abuse")) {
            return null;
        }
        Matcher m = EMAIL.matcher(remark);
        return m.find() ? m.group() : null;
    }

    private static String emailOfHandle(List<String[]> pairs, String handle) {
        return inObject(pairs, "nic-hdl", handle, "e-mail", "email");
    }

    /**
     * The holder's name: the {@code org-name:} of the organisation object the network's {@code org:}
     * handle names (AFRINIC's and RIPE's replies carry it after the network), else the first name
     * among ARIN's {@code OrgName:}, any {@code org-name:}, LACNIC's {@code owner:}, {@code Organization:}
     * and the network's {@code descr:}. Never a handle ({@code ORG-VSA1-AFRINIC}) or an address range.
     */
    private static String org(Map<String, String> first, List<String[]> pairs) {
        String handle = first.get("org");
        String named = handle == null ? null : inObject(pairs, "organisation", handle, "org-name");
        if (OrgNames.isName(named)) {
            return named;
        }
        for (String key : List.of("orgname", "org-name", "owner", "organization", "descr")) {
            for (String[] p : pairs) {
                if (p[0].equals(key) && OrgNames.isName(p[1])) {
                    return p[1];
                }
            }
        }
        return null;
    }

    /** The first value of one of {@code keys} in the object whose {@code primaryKey} is {@code handle}. */
    private static String inObject(List<String[]> pairs, String primaryKey, String handle, String... keys) {
        boolean inBlock = false;
        for (String[] p : pairs) {
            if (p[0].equals(primaryKey)) {
                inBlock = p[1].equalsIgnoreCase(handle);
            } else if (inBlock && List.of(keys).contains(p[0]) && !p[1].isEmpty()) {
                return p[1];
            }
        }
        return null;
    }

    private static WhoisServer referral(Map<String, String> first) {
        String r = any(first, "referralserver", "refer", "whois");
        if (r == null || (r.contains("://") && !r.regionMatches(true, 0, "whois://", 0, 8))) {
            return null;
        }
        try {
            return WhoisServer.parse(r);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Instant date(String text) {
        if (text == null) {
            return null;
        }
        String t = text.split("\\s+", -1)[0];
        try {
            if (t.length() == 8 && t.chars().allMatch(Character::isDigit)) {
                return LocalDate.parse(t, DateTimeFormatter.BASIC_ISO_DATE)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String any(Map<String, String> first, String... keys) {
        for (String k : keys) {
            String v = first.get(k);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }
}
