package dev.nethergaze.act;

import java.util.Locale;

/** The firewalls nethergaze can write block commands for. */
public enum Backend {
    UFW,
    NFTABLES,
    IPTABLES,
    IPSET;

    /** The name used on the command line and in config: {@code ufw}, {@code nftables}, ... */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a backend name; throws {@link IllegalArgumentException} listing the valid ones. */
    public static Backend parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("nft")) {
            return NFTABLES;
        }
        for (Backend b : values()) {
            if (b.cliName().equals(n)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown firewall '" + name + "' (ufw, nftables, iptables, ipset)");
    }

    /**
     * The longest timeout this backend accepts, or null when it has none: ipset's is 2147483 s
     * (INT_MAX milliseconds, ipset(8)); nft 1.0 refuses a timeout of 100000000 s and more ("value too
     * large").
     */
    public java.time.Duration maxTimeout() {
        return switch (this) {
            case NFTABLES -> java.time.Duration.ofSeconds(99_999_999);
            case IPSET -> java.time.Duration.ofSeconds(2_147_483);
            case UFW, IPTABLES -> null;
        };
    }

    /** Whether blocks on this backend can expire by themselves. */
    public boolean supportsTimeout() {
        return this == NFTABLES || this == IPSET;
    }
}
