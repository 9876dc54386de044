package dev.nethergaze.act;

import dev.nethergaze.detect.Allowlist;
import dev.nethergaze.detect.Cidr;
import dev.nethergaze.model.IpKey;
import java.util.Optional;

/**
 * The refusals that come before any block command: allowlisted ranges, your own SSH client,
 * loopback/unspecified addresses, multicast groups and the broadcast address, prefixes so wide they would cut off the internet, and this
 * host's own addresses; a prefix around one of them or around the default gateway only with force.
 */
public record BlockGuard(Allowlist allowlist, Optional<IpKey> sshClient, HostAddresses host) {

    /** A guard that knows none of this host's addresses. */
    public BlockGuard(Allowlist allowlist, Optional<IpKey> sshClient) {
        this(allowlist, sshClient, HostAddresses.NONE);
    }

    /** IPv4 prefixes shorter than this are refused. */
    public static final int MIN_V4_BITS = 8;
    /** IPv6 prefixes shorter than this are refused. */
    public static final int MIN_V6_BITS = 32;

    /** Throws {@link ActionRefused} with a one-line reason when {@code target} must not be blocked. */
    public void check(Cidr target) {
        check(target, false);
    }

    /**
     * As {@link #check(Cidr)}; {@code force} lets a prefix that holds this host's own address or its
     * default gateway through (never one of its addresses alone).
     */
    public void check(Cidr target, boolean force) {
        int min = target.isV4() ? MIN_V4_BITS : MIN_V6_BITS;
        if (target.bits() < min) {
            throw new ActionRefused(
                    "refusing to block " + target + ": prefixes shorter than /" + min + " are too wide");
        }
        IpKey n = target.network();
        if (target.contains(n.isV4() ? IpKey.parse("127.0.0.1") : IpKey.parse("::1"))
                || (target.isSingle() && (n.isUnspecified() || n.isLoopback()))) {
            throw new ActionRefused("refusing to block " + target + ": loopback");
        }
        // a group's prefix (224.0.0.0/4, ff00::/8) or one inside it: only addresses packets are sent to
        if (n.isGroup() && (target.isSingle() || target.bits() >= (n.isV4() ? 4 : 8))) {
            throw new ActionRefused("refusing to block " + target
                    + ": a multicast group or the broadcast address, where packets go: none comes from it");
        }
        Cidr allowed = allowlist.overlapping(target);
        if (allowed != null) {
            throw new ActionRefused("refusing to block " + target + ": it overlaps the allowlist entry " + allowed);
        }
        if (sshClient.isPresent() && target.contains(sshClient.get())) {
            throw new ActionRefused(
                    "refusing to block " + target + ": it contains your own SSH client address " + sshClient.get());
        }
        for (IpKey own : host.own()) {
            if (target.isSingle() && target.contains(own)) {
                throw new ActionRefused("refusing to block " + target + ": it is an address of this host");
            }
            if (target.contains(own) && !force) {
                throw new ActionRefused("refusing to block " + target + ": it contains this host's own address " + own
                        + " (--force blocks it anyway)");
            }
        }
        for (IpKey gw : host.gateways()) {
            if (target.contains(gw) && !force) {
                throw new ActionRefused("refusing to block " + target + ": it contains this host's default gateway "
                        + gw + " (--force blocks it anyway)");
            }
        }
    }
}
