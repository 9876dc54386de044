package dev.nethergaze.config;

import java.util.List;

/**
 * One {@code [[actions.hooks]]} entry.
 *
 * @param key the key that runs it in the console
 * @param label what the console shows
 * @param command argument array; {@code {ip}} stands for the selected address
 * @param timeoutSeconds how long it may run
 */
public record HookConfig(String key, String label, List<String> command, int timeoutSeconds) {

    public HookConfig {
        command = List.copyOf(command);
    }
}
