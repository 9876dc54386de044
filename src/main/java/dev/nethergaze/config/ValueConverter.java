package dev.nethergaze.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a TOML value or a string (environment, command line) into the typed value of a key,
 * checking its type and range. Errors name the origin and the key.
 */
final class ValueConverter {

    private final Path home;

    ValueConverter(Path home) {
        this.home = home;
    }

    /** A value read from a TOML file. */
    Object fromNode(ConfigKey key, JsonNode node, String origin) {
        return HttpValues.check(key, convert(key, node, origin), origin);
    }

    private Object convert(ConfigKey key, JsonNode node, String origin) {
        return switch (key.type()) {
            case INT -> checkRange(key, integer(key, node, origin), origin);
            case BOOL -> {
                require(node.isBoolean(), key, "a boolean", node, origin);
                yield node.booleanValue();
            }
            case STRING -> {
                require(node.isTextual(), key, "a string", node, origin);
                yield Choices.check(key, choice(key, node.textValue(), origin), origin);
            }
            case PATH -> {
                require(node.isTextual(), key, "a string", node, origin);
                yield path(key, node.textValue(), origin);
            }
            case PATH_LIST -> pathList(key, node, origin);
            case STRING_LIST -> stringList(key, node, origin);
            case PORT_LIST -> {
                require(node.isArray(), key, "an array of integers", node, origin);
                java.util.List<Integer> out = new ArrayList<>();
                for (JsonNode item : node) {
                    out.add(checkRange(key, integer(key, item, origin), origin));
                }
                yield List.copyOf(out);
            }
            case CIDR_LIST -> {
                List<String> items = stringList(key, node, origin);
                items.forEach(c -> Cidrs.check(key, c, origin));
                yield items;
            }
        };
    }

    private static List<String> stringList(ConfigKey key, JsonNode node, String origin) {
        require(node.isArray(), key, "an array of strings", node, origin);
        List<String> items = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ConfigException.at(
                        origin, key + ": expected an array of strings, got an element of type " + TomlTypes.name(item));
            }
            if (item.textValue().isBlank()) {
                throw ConfigException.at(origin, key + ": entries must not be empty");
            }
            items.add(item.textValue().strip());
        }
        return List.copyOf(items);
    }

    /** A value given as text: lists are comma-separated, booleans are {@code true}/{@code false}. */
    Object fromText(ConfigKey key, String text, String origin) {
        return HttpValues.check(key, convert(key, text, origin), origin);
    }

    private Object convert(ConfigKey key, String text, String origin) {
        String value = text.strip();
        return switch (key.type()) {
            case INT -> checkRange(key, parseInt(key, value, origin), origin);
            case BOOL -> parseBool(key, value, origin);
            case STRING -> Choices.check(key, choice(key, text, origin), origin);
            case PATH -> path(key, value, origin);
            case PATH_LIST -> {
                List<String> items = new ArrayList<>();
                for (String item : value.split(",", -1)) {
                    if (!item.isBlank()) {
                        items.add(expand(item.strip()));
                    }
                }
                yield List.copyOf(items);
            }
            case STRING_LIST, CIDR_LIST, PORT_LIST -> {
                List<Object> items = new ArrayList<>();
                for (String item : value.split(",", -1)) {
                    String v = item.strip();
                    if (v.isEmpty()) {
                        continue;
                    }
                    switch (key.type()) {
                        case PORT_LIST -> items.add(checkRange(key, parseInt(key, v, origin), origin));
                        case CIDR_LIST -> {
                            Cidrs.check(key, v, origin);
                            items.add(v);
                        }
                        default -> items.add(v);
                    }
                }
                yield List.copyOf(items);
            }
        };
    }

    private static String choice(ConfigKey key, String value, String origin) {
        if (key.choices().isEmpty()) {
            return value;
        }
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (!key.choices().contains(v)) {
            throw ConfigException.at(
                    origin, key + ": must be one of " + String.join(", ", key.choices()) + ", got '" + value + "'");
        }
        return v;
    }

    /** Expands a leading {@code ~/} (or a lone {@code ~}) to the home directory. */
    String expand(String path) {
        if (path.equals("~")) {
            return home.toString();
        }
        if (path.startsWith("~/")) {
            return home.resolve(path.substring(2)).toString();
        }
        return path;
    }

    private static long integer(ConfigKey key, JsonNode node, String origin) {
        require(node.isIntegralNumber(), key, "an integer", node, origin);
        if (!node.canConvertToLong()) {
            throw outOfRange(key, node.asText(), origin);
        }
        return node.longValue();
    }

    private static long parseInt(ConfigKey key, String value, String origin) {
        if (!isInteger(value)) {
            throw ConfigException.at(origin, key + ": expected an integer, got '" + value + "'");
        }
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw outOfRange(key, value, origin);
        }
    }

    /** {@code [+-]?[0-9][0-9_]*}, without a regex: every integer key is read at each start. */
    private static boolean isInteger(String v) {
        int i = !v.isEmpty() && (v.charAt(0) == '+' || v.charAt(0) == '-') ? 1 : 0;
        if (i >= v.length() || v.charAt(i) < '0' || v.charAt(i) > '9') {
            return false;
        }
        for (i++; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < '0' || c > '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static int checkRange(ConfigKey key, long value, String origin) {
        if (value < key.min() || value > key.max()) {
            throw outOfRange(key, Long.toString(value), origin);
        }
        return (int) value;
    }

    private static ConfigException outOfRange(ConfigKey key, String got, String origin) {
        return ConfigException.at(
                origin, key + ": must be between " + key.min() + " and " + key.max() + ", got " + got);
    }

    private static boolean parseBool(ConfigKey key, String value, String origin) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ConfigException.at(origin, key + ": expected true or false, got '" + value + "'");
        };
    }

    private String path(ConfigKey key, String value, String origin) {
        if (value.isBlank()) {
            throw ConfigException.at(origin, key + ": must not be empty");
        }
        return expand(value);
    }

    private List<String> pathList(ConfigKey key, JsonNode node, String origin) {
        require(node.isArray(), key, "an array of strings", node, origin);
        List<String> items = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ConfigException.at(
                        origin, key + ": expected an array of strings, got an element of type " + TomlTypes.name(item));
            }
            if (item.textValue().isBlank()) {
                throw ConfigException.at(origin, key + ": entries must not be empty");
            }
            items.add(expand(item.textValue()));
        }
        return List.copyOf(items);
    }

    private static void require(boolean ok, ConfigKey key, String expected, JsonNode node, String origin) {
        if (!ok) {
            throw ConfigException.at(origin, key + ": expected " + expected + ", got " + TomlTypes.describe(node));
        }
    }
}
