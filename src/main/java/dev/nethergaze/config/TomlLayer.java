package dev.nethergaze.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.toml.TomlReadFeature;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** Reads one TOML file and applies every key it sets, rejecting unknown sections and keys. */
final class TomlLayer {

    private static final TomlMapper MAPPER =
            TomlMapper.builder().enable(TomlReadFeature.PARSE_JAVA_TIME).build();

    private final ValueConverter converter;

    TomlLayer(ValueConverter converter) {
        this.converter = converter;
    }

    void apply(Path file, Settings settings) {
        String origin = file.toString();
        JsonNode root = parse(file, origin);
        for (Map.Entry<String, JsonNode> section : root.properties()) {
            applySection(section.getKey(), section.getValue(), settings, origin);
        }
    }

    private static JsonNode parse(Path file, String origin) {
        String text = read(file, origin);
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw ConfigException.at(origin, syntaxError(e), e);
        }
    }

    private static String read(Path file, String origin) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw ConfigException.at(origin, "file not found", e);
        } catch (AccessDeniedException e) {
            throw ConfigException.at(origin, "permission denied", e);
        } catch (IOException e) {
            throw ConfigException.at(origin, "cannot read: " + e.getMessage(), e);
        }
    }

    private static String syntaxError(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at != null && at.getLineNr() > 0 ? "line " + at.getLineNr() + ": " : "";
        return where + "invalid TOML: " + e.getOriginalMessage();
    }

    private void applySection(String section, JsonNode table, Settings settings, String origin) {
        if (!ConfigKey.isSection(section)) {
            String what = table.isObject() ? "unknown section '" : "unknown key '";
            throw ConfigException.at(origin, what + section + "'");
        }
        if (!table.isObject()) {
            throw ConfigException.at(origin, section + ": expected a table, got " + TomlTypes.name(table));
        }
        for (Map.Entry<String, JsonNode> entry : table.properties()) {
            String nested = section + "." + entry.getKey();
            if (entry.getValue().isObject() && ConfigKey.isSection(nested)) {
                applySection(nested, entry.getValue(), settings, origin);
            } else if (section.equals(ConfigKey.HOOKS_SECTION) && entry.getKey().equals(ConfigKey.HOOKS_KEY)) {
                settings.hooks(HookTables.parse(entry.getValue(), origin));
            } else if (section.equals(ConfigKey.SERVICES_SECTION)) {
                applyService(entry.getKey(), entry.getValue(), settings, origin);
            } else {
                applyKey(section, entry.getKey(), entry.getValue(), settings, origin);
            }
        }
    }

    private void applyKey(String section, String name, JsonNode value, Settings settings, String origin) {
        ConfigKey key = ConfigKey.find(section, name)
                .orElseThrow(() -> ConfigException.at(origin, "unknown key '" + section + "." + name + "'"));
        settings.set(key, converter.fromNode(key, value, origin));
    }

    private static void applyService(String port, JsonNode value, Settings settings, String origin) {
        if (!value.isTextual()) {
            throw ConfigException.at(
                    origin,
                    ConfigKey.SERVICES_SECTION + "." + port + ": expected a string, got " + TomlTypes.describe(value));
        }
        ServiceNames.put(settings, port, value.textValue(), origin);
    }
}
