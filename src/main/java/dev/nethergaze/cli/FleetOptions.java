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
            // the URL (redacted in the message) may have come from the environment, not the command line
            boolean fromEnv = url.equals(System.getenv("NETHERGAZE_NATS"));
            throw new UserException((fromEnv ? "NETHERGAZE_NATS: " : "--nats: ") + e.getMessage());
        }
    }
}
