package dev.nethergaze.model;

import java.util.List;

/**
 * The addresses of one prefix shown as one row (the console's grouping by /24 and /64): the prefix
 * length and each member's own view, the most active first. The group's {@link IpView} carries the
 * prefix's network address and the members' figures added up.
 */
public record IpGroup(int bits, List<IpView> members) {

    public IpGroup {
        members = List.copyOf(members);
    }
}
