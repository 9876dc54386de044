package dev.nethergaze.model;

import java.util.List;

/**
 * What the host had seen of password guessing for one user name when sshd accepted a login for it:
 * failed passwords from other IPs, however few each of them tried. Attached to an accepted {@link
 * AuthAttempt} by the host-wide judge before the per-IP detectors see it, because those see one IP
 * each (and, in a replay split across threads, only their share of the IPs).
 *
 * @param ips distinct other IPs whose passwords for the user failed within {@code seconds} before
 * @param failures failed passwords for the user within {@code seconds} before, from any IP
 * @param threshold the number of IPs that makes it count ({@code detect.ssh.distributed_ips})
 * @param seconds the window ({@code detect.ssh.slow_window_seconds})
 * @param lines the latest of those failures from other IPs, formatted, oldest first
 */
public record UserGuessing(int ips, long failures, int threshold, int seconds, List<String> lines) {

    public UserGuessing {
        lines = List.copyOf(lines);
    }
}
