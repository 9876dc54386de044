package dev.nethergaze.config;

/** Validation of {@code [services]} entries: a port number 1..65535 mapped to a non-empty name. */
final class ServiceNames {

    private ServiceNames() {}

    static void put(Settings settings, String portText, String name, String origin) {
        settings.service(port(portText, origin), name(portText, name, origin));
    }

    private static int port(String portText, String origin) {
        String key = ConfigKey.SERVICES_SECTION + "." + portText;
        if (!portText.matches("[0-9]{1,5}")) {
            throw ConfigException.at(origin, key + ": port must be a number between 1 and 65535");
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > 65_535) {
            throw ConfigException.at(origin, key + ": port must be between 1 and 65535, got " + port);
        }
        return port;
    }

    private static String name(String portText, String name, String origin) {
        if (name.isBlank()) {
            throw ConfigException.at(origin, ConfigKey.SERVICES_SECTION + "." + portText + ": name must not be empty");
        }
        return name.strip();
    }
}
