package dev.nethergaze.cli;

import java.time.Duration;

/** How a live session publishes to NATS ({@code --nats}): how often, and how many flagged IPs at most. */
final class FleetOptions {

    static final Duration INTERVAL = Duration.ofSeconds(5);
    static final int MAX_IPS = 200;

    private FleetOptions() {}

    /** {@code --nats URL} checked before anything starts: a bad one is a one-line usage error. */
    static String checked(String url) {
        try {
            dev.nethergaze.fleet.NatsConnection.parse(url);
            return url;
        } catch (IllegalArgumentException e) {
            throw new UserException("--nats: " + e.getMessage());
        }
    }
}
