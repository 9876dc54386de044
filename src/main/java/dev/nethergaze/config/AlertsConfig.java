package dev.nethergaze.config;

import java.util.List;

/**
 * The {@code [alerts]} section: where new findings are sent.
 *
 * @param jsonl file to append alerts to ("" = off)
 * @param webhook URL to POST alerts to ("" = off)
 * @param webhookRetries retries after a failed POST (exponential backoff)
 * @param command argument array run per alert with the JSON on stdin (empty = off)
 * @param cooldownSeconds the same finding (rule + subject) is sent again only after this long
 * @param minSeverity the least severe finding that is sent
 * @param queue alerts waiting for delivery at most; more are dropped and counted
 */
public record AlertsConfig(
        String jsonl,
        String webhook,
        int webhookRetries,
        List<String> command,
        int cooldownSeconds,
        String minSeverity,
        int queue) {

    public AlertsConfig {
        command = List.copyOf(command);
    }

    public boolean anySink() {
        return !jsonl.isEmpty() || !webhook.isEmpty() || !command.isEmpty();
    }
}
