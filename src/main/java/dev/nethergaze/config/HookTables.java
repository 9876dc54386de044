package dev.nethergaze.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code [[actions.hooks]]}: key, label, command (argument array), optional timeout_seconds. */
final class HookTables {

    private static final Set<String> FIELDS = Set.of("key", "label", "command", "timeout_seconds");
    private static final String WHERE = "actions.hooks";

    private HookTables() {}

    static List<HookConfig> parse(JsonNode node, String origin) {
        if (!node.isArray()) {
            throw ConfigException.at(origin, WHERE + ": expected an array of tables ([[actions.hooks]])");
        }
        List<HookConfig> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int i = 0;
        for (JsonNode t : node) {
            String at = WHERE + "[" + i++ + "]";
            if (!t.isObject()) {
                throw ConfigException.at(origin, at + ": expected a table, got " + TomlTypes.name(t));
            }
            for (Map.Entry<String, JsonNode> e : t.properties()) {
                if (!FIELDS.contains(e.getKey())) {
                    throw ConfigException.at(origin, at + ": unknown key '" + e.getKey() + "'");
                }
            }
            String key = text(t, "key", at, origin);
            if (key.length() != 1 || key.charAt(0) < '1' || key.charAt(0) > '9') { // the console's hook keys
                throw ConfigException.at(
                        origin, at + ".key: '" + key + "' is no hook key: the console runs hooks on \"1\" to \"9\"");
            }
            if (!keys.add(key)) {
                throw ConfigException.at(origin, at + ": key '" + key + "' is used by another hook");
            }
            out.add(new HookConfig(key, text(t, "label", at, origin), command(t, at, origin), timeout(t, at, origin)));
        }
        return out;
    }

    private static String text(JsonNode t, String field, String at, String origin) {
        JsonNode v = t.get(field);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            throw ConfigException.at(origin, at + "." + field + ": expected a non-empty string");
        }
        return v.textValue();
    }

    private static List<String> command(JsonNode t, String at, String origin) {
        JsonNode v = t.get("command");
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw ConfigException.at(
                    origin, at + ".command: expected a non-empty array of strings, e.g. [\"dig\", \"-x\", \"{ip}\"]");
        }
        List<String> argv = new ArrayList<>();
        for (JsonNode a : v) {
            if (!a.isTextual()) {
                throw ConfigException.at(origin, at + ".command: every element must be a string");
            }
            argv.add(a.textValue());
        }
        if (argv.getFirst().isBlank()) {
            throw ConfigException.at(origin, at + ".command: the program must not be empty");
        }
        return argv;
    }

    private static int timeout(JsonNode t, String at, String origin) {
        JsonNode v = t.get("timeout_seconds");
        if (v == null) {
            return 0; // the [actions] default
        }
        if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > 3600) {
            throw ConfigException.at(origin, at + ".timeout_seconds: must be an integer between 1 and 3600");
        }
        return v.asInt();
    }
}
