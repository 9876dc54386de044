package dev.nethergaze.act;

import java.time.Duration;
import java.util.List;

/**
 * A user-defined action on an IP, from {@code [[actions.hooks]]}: {@code key} (the TUI key),
 * {@code label}, and {@code command}, an argument array in which {@code {ip}} stands for the
 * address. Run by {@link HookRunner}, never through a shell unless the array itself says
 * {@code ["sh", "-c", ...]}.
 */
public record ActionHook(String key, String label, List<String> command, Duration timeout) {

    public ActionHook {
        command = List.copyOf(command);
        if (command.isEmpty() || command.getFirst().isBlank()) {
            throw new IllegalArgumentException("hook '" + key + "': command must not be empty");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("hook '" + key + "': timeout must be positive");
        }
    }
}
