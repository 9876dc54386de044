package dev.nethergaze.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** TOML names for the types of parsed values, for error messages. */
final class TomlTypes {

    private TomlTypes() {}

    /** The type and, for a string, integer or boolean, the value itself: {@code string "yes"}. */
    static String describe(JsonNode node) {
        // floats are left out: the parser normalises them (250.0 reads back as 2.5E+2)
        boolean simple = node.isTextual() || node.isIntegralNumber() || node.isBoolean();
        return simple ? name(node) + " " + node : name(node);
    }

    static String name(JsonNode node) {
        if (node.isTextual()) {
            return "string";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "float";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isObject()) {
            return "table";
        }
        if (node.isPojo()) {
            return "date-time";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
