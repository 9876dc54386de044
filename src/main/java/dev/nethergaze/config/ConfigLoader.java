package dev.nethergaze.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the one {@link Config} of a run from, in increasing precedence: defaults, a TOML file,
 * {@code NETHERGAZE_*} environment variables and command-line overrides. Every value any layer
 * sets is validated; the first problem throws a {@link ConfigException} with a one-line message.
 *
 * <p>The file is {@code explicitFile} when given (it must exist), else {@code
 * $XDG_CONFIG_HOME/nethergaze/config.toml}, else {@code ~/.config/nethergaze/config.toml}; a
 * missing default file just means defaults.
 */
public final class ConfigLoader {

    private ConfigLoader() {}

    /**
     * Loads the configuration using this process's home directory.
     *
     * @param explicitFile the {@code --config} file, or {@code null}
     * @param env the environment (reads {@code NETHERGAZE_*} and {@code XDG_CONFIG_HOME})
     * @param cliOverrides dotted key → value text, e.g. {@code general.tick_ms → 500}
     */
    public static Config load(Path explicitFile, Map<String, String> env, Map<String, String> cliOverrides) {
        return load(explicitFile, env, cliOverrides, Path.of(System.getProperty("user.home")));
    }

    /** As {@link #load(Path, Map, Map)}, with the home directory used for {@code ~/} and the default file. */
    public static Config load(Path explicitFile, Map<String, String> env, Map<String, String> cliOverrides, Path home) {
        ValueConverter converter = new ValueConverter(home);
        Settings settings = new Settings(converter);
        Optional<Path> file = explicitFile != null
                ? Optional.of(Path.of(converter.expand(explicitFile.toString())))
                : Optional.of(defaultFile(env, home)).filter(Files::exists);
        file.ifPresent(f -> new TomlLayer(converter).apply(f, settings));
        new EnvLayer(converter).apply(env, settings);
        new CliLayer(converter).apply(cliOverrides, settings);
        return settings.toConfig();
    }

    /** Where the configuration file is looked for when {@code --config} is not given. */
    public static Path defaultFile(Map<String, String> env, Path home) {
        String xdg = env.getOrDefault("XDG_CONFIG_HOME", "");
        Path base = !xdg.isEmpty() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("nethergaze").resolve("config.toml");
    }
}
