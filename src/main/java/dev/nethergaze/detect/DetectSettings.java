package dev.nethergaze.detect;

import java.util.List;
import java.util.Set;

/**
 * Every rule's thresholds, frozen. Built from the {@code [detect.*]} configuration sections; {@link
 * #defaults()} are the documented defaults.
 *
 * @param evidenceItems evidence lines or rows kept per finding (and per IP and kind)
 * @param syn half-open connection thresholds
 * @param http request and probe thresholds
 * @param ssh authentication thresholds
 * @param conn connection-count, port-scan and request-less thresholds
 * @param wire thresholds on what packet capture saw (packet rate, SYN scans)
 * @param ipv6Prefix IPv6 clients are judged per prefix of this length too (48..127; 128: only per
 *     address), so an attacker rotating through the addresses of its /64 is one client
 */
public record DetectSettings(int evidenceItems, Syn syn, Http http, Ssh ssh, Conn conn, Wire wire, int ipv6Prefix) {

    /**
     * @param perIp SYN_RECV rows from one IP
     * @param perPrefix SYN_RECV rows from one prefix ({@code prefixV4}, {@code prefixV6})
     * @param host SYN_RECV rows on the whole host (including hidden remotes)
     * @param counterDelta syncookies sent or listen drops between two counter readings
     * @param prefixV4 the IPv4 prefix half-open rows are grouped by (8..31; 24 by default)
     * @param prefixV6 the IPv6 prefix they are grouped by (16..127; 64 by default)
     */
    public record Syn(int perIp, int perPrefix, int host, long counterDelta, int prefixV4, int prefixV6) {

        public Syn {
            if (prefixV4 < 8 || prefixV4 > 31 || prefixV6 < 16 || prefixV6 > 127) {
                throw new IllegalArgumentException(
                        "SYN prefixes must be /8../31 (IPv4) and /16../127 (IPv6): /" + prefixV4 + ", /" + prefixV6);
            }
        }

        /** Grouped by /24 and /64. */
        public Syn(int perIp, int perPrefix, int host, long counterDelta) {
            this(perIp, perPrefix, host, counterDelta, 24, 64);
        }
    }

    /**
     * @param burstRequests requests within {@code burstSeconds}
     * @param burstSeconds the burst window
     * @param errorMin 4xx/5xx responses within {@code errorSeconds}
     * @param errorPercent share of 4xx/5xx among all responses in the window
     * @param errorSeconds the error window
     * @param scannerAgents extra user-agent substrings (case-insensitive) on top of the built-in list
     * @param allowPaths path prefixes your site legitimately serves; probes under them do not count
     * @param weakProbeHits hits on a "weak" path (wp-login.php, xmlrpc.php, cgi-bin) that succeed before they count
     * @param memorySeconds how long a probe or scanner agent keeps an IP flagged
     * @param loginAttempts web login attempts (POSTs to login pages, 401 answers) within {@code loginSeconds}
     * @param loginSeconds the login window
     * @param loginPaths path ends that are login pages on top of the built-in ones
     * @param slowLoginFailures failed web logins within {@code slowLoginWindowSeconds} (slow guessing)
     * @param slowLoginWindowSeconds the long window
     * @param slowLoginSprayIps IPs failing to log in within {@code slowLoginWindowSeconds} (a slow
     *     distributed guess; 0: off)
     */
    public record Http(
            int burstRequests,
            int burstSeconds,
            int errorMin,
            int errorPercent,
            int errorSeconds,
            List<String> scannerAgents,
            List<String> allowPaths,
            int weakProbeHits,
            int memorySeconds,
            int loginAttempts,
            int loginSeconds,
            List<String> loginPaths,
            int loginSprayIps,
            int loginSprayPercent,
            int loginSpraySeconds,
            int slowLoginFailures,
            int slowLoginWindowSeconds,
            int slowLoginSprayIps) {
        public Http {
            scannerAgents = List.copyOf(scannerAgents);
            allowPaths = List.copyOf(allowPaths);
            loginPaths = List.copyOf(loginPaths);
        }
    }

    /**
     * @param failures failed logins within {@code windowSeconds} (brute force)
     * @param windowSeconds the brute-force window
     * @param invalidUsers distinct invalid user names within {@code sprayWindowSeconds}
     * @param sprayWindowSeconds the spray window
     * @param slowFailures failed logins within {@code slowWindowSeconds} (slow guessing)
     * @param slowWindowSeconds the long window
     * @param handshakeFailures failed SSH handshakes within {@code windowSeconds}
     * @param distributedIps other IPs whose passwords for a user failed within {@code
     *     slowWindowSeconds} that make a login for it from a new IP a guess that may have worked
     */
    public record Ssh(
            int failures,
            int windowSeconds,
            int invalidUsers,
            int sprayWindowSeconds,
            int slowFailures,
            int slowWindowSeconds,
            int handshakeFailures,
            int distributedIps) {}

    /**
     * @param manyConns ESTABLISHED + SYN_RECV connections from one IP that, with fewer requests per
     *     minute than connections, look like a connection hog
     * @param scanPorts distinct local ports one IP touched within {@code scanSeconds}
     * @param scanSeconds the port-scan window
     * @param requestlessSeconds an ESTABLISHED web connection with no log line for this long
     * @param webPorts local ports whose connections should produce access-log lines
     */
    public record Conn(int manyConns, int scanPorts, int scanSeconds, int requestlessSeconds, Set<Integer> webPorts) {
        public Conn {
            webPorts = Set.copyOf(webPorts);
        }
    }

    /**
     * @param highPps packets one IP sent within one second (of packet time) that flag it
     * @param scanPorts distinct destination ports one IP sent connection-opening SYNs to within
     *     {@code scanSeconds}
     * @param scanSeconds the SYN-scan window
     * @param scanCompletedPercent at most this share of those SYNs may have completed a handshake
     *     for it to count as a scan (a client that connects is not scanning)
     * @param floodSyns SYNs one IP sent within {@code scanSeconds} to fewer than {@code scanPorts}
     *     new ports (a flood, not a scan) that flag it as a SYN flood on the wire
     * @param floodHostRate SYNs per second seen on the wire, averaged over {@code floodHostSeconds},
     *     that make a host-wide SYN flood (however many sources share them)
     * @param floodHostSeconds the host-wide SYN-flood window
     * @param floodCompletedPercent at most this share of the SYNs may have completed a handshake for
     *     either flood rule to fire (busy clients complete theirs)
     */
    public record Wire(
            int highPps,
            int scanPorts,
            int scanSeconds,
            int scanCompletedPercent,
            int floodSyns,
            int floodHostRate,
            int floodHostSeconds,
            int floodCompletedPercent) {

        /** SYN-flood thresholds at their defaults. */
        public Wire(int highPps, int scanPorts, int scanSeconds, int scanCompletedPercent) {
            this(highPps, scanPorts, scanSeconds, scanCompletedPercent, 200, 100, 10, 10);
        }

        public Wire {
            if (floodSyns < 1 || floodHostRate < 1 || floodHostSeconds < 1) {
                throw new IllegalArgumentException("wire SYN-flood thresholds must be positive");
            }
        }
    }

    /** The same thresholds with other wire thresholds. */
    public DetectSettings withWire(Wire w) {
        return new DetectSettings(evidenceItems, syn, http, ssh, conn, w, ipv6Prefix);
    }

    public DetectSettings {
        if (evidenceItems < 1) {
            throw new IllegalArgumentException("evidenceItems must be at least 1");
        }
        if (ipv6Prefix < 48 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("ipv6Prefix must be 48..128: " + ipv6Prefix);
        }
    }

    public static DetectSettings defaults() {
        return new DetectSettings(
                5,
                new Syn(10, 30, 256, 100),
                new Http(
                        100, 10, 20, 50, 60, List.of(), List.of(), 5, 3600, 6, 60, List.of(), 20, 80, 600, 10, 86_400,
                        50),
                new Ssh(5, 600, 3, 3600, 10, 86_400, 5, 10),
                new Conn(20, 10, 60, 120, Set.of(80, 443, 8080, 8443)),
                new Wire(5000, 20, 60, 10),
                64);
    }
}
