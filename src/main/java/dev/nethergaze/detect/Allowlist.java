package dev.nethergaze.detect;

import dev.nethergaze.model.IpKey;
import java.util.ArrayList;
import java.util.List;

/** Address ranges that no rule flags and no block may touch (your office, your monitoring). */
public record Allowlist(List<Cidr> ranges) {

    public static final Allowlist EMPTY = new Allowlist(List.of());

    public Allowlist {
        ranges = List.copyOf(ranges);
    }

    /** Parses CIDR texts; a bad entry throws {@link IllegalArgumentException} naming it. */
    public static Allowlist parse(List<String> texts) {
        List<Cidr> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(Cidr.parse(t));
        }
        return new Allowlist(out);
    }

    public boolean contains(IpKey ip) {
        for (Cidr c : ranges) {
            if (c.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    /** The first allowlisted range overlapping {@code target}, or null. */
    public Cidr overlapping(Cidr target) {
        for (Cidr c : ranges) {
            if (c.overlaps(target)) {
                return c;
            }
        }
        return null;
    }
}
