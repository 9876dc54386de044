package dev.nethergaze.source.trace;

/** What an ICMP or ICMPv6 answer to a probe says about the path (RFC 792, RFC 4443). */
final class IcmpAnswer {

    private IcmpAnswer() {}

    /**
     * Null when a router passed the probe on until its TTL ran out (the path goes on); "reached" when
     * the target itself answered (port unreachable: nothing listens there, as intended); otherwise
     * why the path ends at the answering router.
     */
    static String end(boolean v6, int type, int code) {
        return v6 ? v6(type, code) : v4(type, code);
    }

    private static String v4(int type, int code) {
        if (type == 11) {
            return null; // time exceeded
        }
        if (type != 3) {
            return "icmp type " + type + " code " + code;
        }
        return switch (code) {
            case 3, 2 -> "reached"; // port (or protocol) unreachable: the target's own answer
            case 0, 6 -> "net unreachable";
            case 1, 7 -> "host unreachable";
            case 9, 10, 13 -> "prohibited";
            case 4 -> "fragmentation needed";
            default -> "unreachable (code " + code + ")";
        };
    }

    private static String v6(int type, int code) {
        if (type == 3) {
            return null; // time exceeded
        }
        if (type != 1) {
            return "icmpv6 type " + type + " code " + code;
        }
        return switch (code) {
            case 4 -> "reached"; // port unreachable
            case 0 -> "net unreachable"; // no route
            case 3 -> "host unreachable"; // address unreachable
            case 1, 5, 6 -> "prohibited"; // administratively, source policy, reject route
            default -> "unreachable (code " + code + ")";
        };
    }
}
